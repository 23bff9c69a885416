using System.Net;
using System.Text.Json;

namespace RetailSync.Odoo.Protocol;

/// <summary>Status code and parsed JSON body of one HTTP reply.</summary>
internal readonly record struct OdooHttpReply(HttpStatusCode Status, JsonElement? Body);
