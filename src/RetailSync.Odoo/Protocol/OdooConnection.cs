using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace RetailSync.Odoo.Protocol;

/// <summary>
/// Sends one HTTP POST with a JSON body to the Odoo server and turns transport failures into
/// <see cref="OdooTransientException"/>. Knows nothing about JSON-RPC or JSON-2.
/// </summary>
internal sealed class OdooConnection(Func<HttpClient> httpClient, OdooClientOptions options, Func<string> apiKey)
{
    /// <summary>Request option read by the resilience handler: true when the call may be replayed.</summary>
    public static readonly HttpRequestOptionsKey<bool> ReplaySafe = new("RetailSync.Odoo.ReplaySafe");

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public OdooClientOptions Options => options;

    /// <summary>The current API key: read at each call so a key rotated in Key Vault is picked up after a reload.</summary>
    public string ApiKey => apiKey();

    public async Task<OdooHttpReply> PostAsync(
        string path,
        object body,
        Action<HttpRequestHeaders>? headers,
        bool replaySafe,
        string? model,
        string? method,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl!, path));
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        request.Content.Headers.ContentType = JsonMediaType;
        request.Headers.UserAgent.ParseAdd(options.UserAgent);
        request.Options.Set(ReplaySafe, replaySafe);
        headers?.Invoke(request.Headers);

        try
        {
            using var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            JsonElement? json = null;
            if (bytes.Length > 0)
            {
                try
                {
                    json = JsonDocument.Parse(bytes).RootElement.Clone();
                }
                catch (JsonException) when (!response.IsSuccessStatusCode)
                {
                    // An HTML error page from a proxy: the status code says enough.
                }
                catch (JsonException ex)
                {
                    throw new OdooException("Odoo returned a body that is not JSON.", null, model, method, ex);
                }
            }

            return new OdooHttpReply(response.StatusCode, json);
        }
        catch (BrokenCircuitException ex)
        {
            throw new OdooTransientException("The circuit to Odoo is open; the call was not sent.", null, model, method, ex) { CircuitOpen = true };
        }
        catch (RateLimiterRejectedException ex)
        {
            throw new OdooTransientException("Too many Odoo calls are queued; the call was not sent.", null, model, method, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new OdooTransientException("Odoo did not answer in time.", null, model, method, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new OdooTransientException("Odoo could not be reached or dropped the connection.", null, model, method, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OdooTransientException("Odoo did not answer in time.", null, model, method, ex);
        }
        catch (IOException ex)
        {
            throw new OdooTransientException("The connection to Odoo broke while reading the reply.", null, model, method, ex);
        }
    }
}
