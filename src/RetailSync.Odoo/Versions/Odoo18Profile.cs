using RetailSync.Odoo.Protocol;

namespace RetailSync.Odoo.Versions;

/// <summary>Odoo 18: JSON-RPC, <c>action_create_returns</c>, payment memo in <c>memo</c>, payments <c>in_process</c>/<c>paid</c>.</summary>
internal class Odoo18Profile : OdooVersionProfile
{
    public static Odoo18Profile Instance { get; } = new();

    public override int Major => 18;

    public override string ReturnWizardFinishMethod => "action_create_returns";

    public override string PaymentMemoField => "memo";

    public override bool IsPaymentBooked(string? state) => state is "in_process" or "paid";

    public override Task<IOdooTransport> ConnectAsync(OdooConnection connection, CancellationToken cancellationToken) =>
        LoginWithJsonRpcAsync(connection, cancellationToken);
}
