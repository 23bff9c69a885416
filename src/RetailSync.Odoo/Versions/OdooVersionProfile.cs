using System.Text.Json;
using RetailSync.Odoo.Protocol;

namespace RetailSync.Odoo.Versions;

/// <summary>
/// Everything that differs between Odoo major versions, each difference in exactly one member:
/// the transport, the return wizard's finishing method, the field carrying a payment's memo and
/// which payment states mean the money is booked. Everything else in the client is version-free.
/// </summary>
internal abstract class OdooVersionProfile
{
    public abstract int Major { get; }

    /// <summary>Button of <c>stock.return.picking</c> that creates the return (17 <c>create_returns</c>, 18+ <c>action_create_returns</c>).</summary>
    public abstract string ReturnWizardFinishMethod { get; }

    /// <summary>Field of <c>account.payment</c> holding the register wizard's <c>communication</c> (17 <c>ref</c>, 18+ <c>memo</c>).</summary>
    public abstract string PaymentMemoField { get; }

    /// <summary>True when a payment in this state is booked (17 <c>posted</c>; 18+ <c>in_process</c> or <c>paid</c>).</summary>
    public abstract bool IsPaymentBooked(string? state);

    /// <summary>Opens the transport (JSON-RPC logs in to get the uid; JSON-2 needs no session).</summary>
    public abstract Task<IOdooTransport> ConnectAsync(OdooConnection connection, CancellationToken cancellationToken);

    public static OdooVersionProfile ForMajor(int major) => major switch
    {
        <= 17 => Odoo17Profile.Instance,
        18 => Odoo18Profile.Instance,
        _ => Odoo19Profile.Instance,
    };

    /// <summary><c>common.authenticate</c> returns the uid, or <c>false</c> (not an error) for wrong credentials.</summary>
    protected static async Task<IOdooTransport> LoginWithJsonRpcAsync(OdooConnection connection, CancellationToken cancellationToken)
    {
        var options = connection.Options;
        var uid = await JsonRpcTransport.CallAsync(
            connection,
            "common",
            "authenticate",
            [options.Database, options.Login, connection.ApiKey, new Dictionary<string, object?>()],
            replaySafe: true,
            model: null,
            modelMethod: "authenticate",
            cancellationToken);
        if (uid.ValueKind != JsonValueKind.Number)
        {
            throw new OdooAuthenticationException(
                "Odoo refused the login or API key of the integration user (authenticate returned false).",
                errorName: null,
                model: null,
                method: "authenticate");
        }

        return new JsonRpcTransport(connection, uid.GetInt64());
    }
}
