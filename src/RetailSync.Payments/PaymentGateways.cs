namespace RetailSync.Payments;

/// <summary>The registered gateways by name; resolves a payment reference such as <c>stripe/pi_123</c>.</summary>
public sealed class PaymentGateways
{
    private readonly Dictionary<string, PaymentGateway> _byName;

    /// <summary>Creates the registry; names must be unique (case-insensitive).</summary>
    public PaymentGateways(IEnumerable<PaymentGateway> gateways)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        _byName = new Dictionary<string, PaymentGateway>(StringComparer.OrdinalIgnoreCase);
        foreach (var gateway in gateways)
        {
            if (!_byName.TryAdd(gateway.Name, gateway))
            {
                throw new ArgumentException($"Two payment gateways are named '{gateway.Name}'.", nameof(gateways));
            }
        }
    }

    /// <summary>The names of the registered gateways.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The gateway with that name, if registered.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PaymentGateway? gateway) =>
        _byName.TryGetValue(name, out gateway);

    /// <summary>
    /// Splits a payment reference (<c>gateway/paymentId</c>) and finds its gateway. False when the reference is
    /// malformed or names a gateway that is not registered (e.g. a Shopify-only payment the channel refunds itself).
    /// </summary>
    public bool TryResolve(string paymentReference, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PaymentGateway? gateway, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? paymentId)
    {
        ArgumentNullException.ThrowIfNull(paymentReference);
        gateway = null;
        paymentId = null;
        var slash = paymentReference.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == paymentReference.Length - 1 || !_byName.TryGetValue(paymentReference[..slash], out var found))
        {
            return false;
        }

        gateway = found;
        paymentId = paymentReference[(slash + 1)..];
        return true;
    }
}
