using RetailSync.Odoo.Protocol;

namespace RetailSync.Odoo.Versions;

/// <summary>Odoo 17: JSON-RPC, <c>create_returns</c>, payment memo in <c>ref</c>, booked payments are <c>posted</c>.</summary>
internal sealed class Odoo17Profile : OdooVersionProfile
{
    public static Odoo17Profile Instance { get; } = new();

    public override int Major => 17;

    public override string ReturnWizardFinishMethod => "create_returns";

    public override string PaymentMemoField => "ref";

    public override bool IsPaymentBooked(string? state) => state == "posted";

    public override Task<IOdooTransport> ConnectAsync(OdooConnection connection, CancellationToken cancellationToken) =>
        LoginWithJsonRpcAsync(connection, cancellationToken);
}
