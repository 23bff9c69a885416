using System.Text.Json;

namespace RetailSync.Odoo.Protocol;

/// <summary>Carries one model call to Odoo and returns its result (a JSON null when Odoo returned None).</summary>
internal interface IOdooTransport
{
    ValueTask<JsonElement> ExecuteAsync(OdooRequest request, CancellationToken cancellationToken);
}
