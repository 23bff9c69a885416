using RetailSync.Odoo.Protocol;

namespace RetailSync.Odoo.Versions;

/// <summary>Odoo 19+: the business behaviour of 18 over JSON-2 (bearer key, <c>X-Odoo-Database</c>, no login call).</summary>
internal sealed class Odoo19Profile : Odoo18Profile
{
    public static new Odoo19Profile Instance { get; } = new();

    public override int Major => 19;

    public override Task<IOdooTransport> ConnectAsync(OdooConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<IOdooTransport>(new Json2Transport(connection));
}
