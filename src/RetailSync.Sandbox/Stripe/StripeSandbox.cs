using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RetailSync.Sandbox.Stripe;

/// <summary>
/// A simulated Stripe API on 127.0.0.1 for the endpoints RetailSync uses, speaking Stripe's wire protocol:
/// form-encoded requests, Bearer secret-key authentication, Stripe's JSON objects and error shape, and
/// <c>Idempotency-Key</c> semantics (a repeated key with the same parameters replays the first response with
/// <c>Idempotent-Replayed: true</c>; with other parameters it is refused). Endpoints: <c>POST/GET
/// /v1/payment_intents</c> (a created intent is captured at once, so tests and demos have something to refund) and
/// <c>POST/GET /v1/refunds</c>. Faults: a refund made and its reply lost, and 500s.
/// </summary>
public sealed class StripeSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _intents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StripeSandboxRefund> _refunds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, int Status, string Body)> _idempotency = new(StringComparer.Ordinal);
    private readonly List<StripeWebhookDelivery> _deliveries = [];
    private readonly List<Task> _sending = [];
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private long _sequence;
    private int _refundCalls;
    private int _disposed;
    private Uri? _webhookUrl;

    private StripeSandbox(WebApplication app, StripeSandboxOptions options)
    {
        _app = app;
        Options = options;
        _webhookUrl = options.WebhookUrl;
    }

    /// <summary>Where the API listens (the Stripe client's API base).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public StripeSandboxOptions Options { get; }

    /// <summary>
    /// The webhook endpoint events go to (initially <see cref="StripeSandboxOptions.WebhookUrl"/>); null sends none.
    /// Settable because the endpoint often starts after the sandbox (the host needs the sandbox's address first).
    /// </summary>
    public Uri? WebhookUrl
    {
        get
        {
            lock (_lock)
            {
                return _webhookUrl;
            }
        }

        set
        {
            lock (_lock)
            {
                _webhookUrl = value;
            }
        }
    }

    public StripeSandboxFaults Faults { get; } = new();

    /// <summary>Every refund made, oldest first.</summary>
    public IReadOnlyList<StripeSandboxRefund> Refunds
    {
        get
        {
            lock (_lock)
            {
                return [.. _refunds.Values.OrderBy(r => r.Created).ThenBy(r => r.Id, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Webhooks sent so far (completed deliveries only; see <see cref="WebhooksSentAsync"/>).</summary>
    public IReadOnlyList<StripeWebhookDelivery> WebhookDeliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Completes when every webhook started so far has been delivered or given up.</summary>
    public Task WebhooksSentAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_sending.ToArray());
        }
    }

    /// <summary>Refund requests answered (replays included).</summary>
    public int RefundCalls => Volatile.Read(ref _refundCalls);

    public static async Task<StripeSandbox> StartAsync(StripeSandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        StripeSandbox? sandbox = null;
        var (_, baseUrl) = await SandboxHost.StartAsync(
            app =>
            {
                sandbox = new StripeSandbox(app, options);
                app.MapPost("/v1/payment_intents", sandbox.CreatePaymentIntentAsync);
                app.MapGet("/v1/payment_intents/{id}", (HttpContext context, string id) => sandbox.Get(context, id, "payment_intent"));
                app.MapPost("/v1/refunds", sandbox.CreateRefundAsync);
                app.MapGet("/v1/refunds/{id}", (HttpContext context, string id) => sandbox.Get(context, id, "refund"));
            },
            loggerFactory: null,
            cancellationToken);
        sandbox!.BaseUrl = baseUrl;
        return sandbox;
    }

    /// <summary>Moves every pending refund to <c>succeeded</c>; returns how many.</summary>
    public int SettlePendingRefunds()
    {
        lock (_lock)
        {
            var pending = _refunds.Values.Where(r => r.Status == "pending").ToList();
            foreach (var refund in pending)
            {
                var settled = refund with { Status = "succeeded" };
                _refunds[refund.Id] = settled;
                Send("charge.refund.updated", RefundJson(settled));
            }

            return pending.Count;
        }
    }

    /// <summary>What has been refunded on a payment intent, in minor units.</summary>
    public long RefundedAmount(string paymentIntentId)
    {
        lock (_lock)
        {
            return _refunds.Values.Where(r => r.PaymentIntentId == paymentIntentId && r.Status is "pending" or "succeeded").Sum(r => r.Amount);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await WebhooksSentAsync();
            await _app.StopAsync();
            await _app.DisposeAsync();
            _webhookClient.Dispose();
        }
    }

    /// <summary>Stripe's <c>Stripe-Signature</c> header: <c>t=</c> and one <c>v1=</c> HMAC-SHA256 of <c>{t}.{payload}</c>.</summary>
    public static string Sign(string secret, string payload, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var signed = string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{payload}");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signed));
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>Queues an event for the webhook endpoint (caller holds the lock); delivered in the background, in order per sandbox.</summary>
    private void Send(string type, JsonObject dataObject)
    {
        if (_webhookUrl is not { } url)
        {
            return;
        }

        var created = Now();
        var id = "evt_" + Next();
        var payload = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = "2025-10-29.clover",
            ["created"] = created,
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = dataObject },
        }.ToJsonString();
        var previous = _sending.Count > 0 ? _sending[^1] : Task.CompletedTask;
        _sending.Add(DeliverAsync(previous, url, id, type, payload));
    }

    private async Task DeliverAsync(Task previous, Uri url, string id, string type, string payload)
    {
        await previous;
        var status = 0;
        var attempt = 0;
        while (attempt < Options.WebhookAttempts)
        {
            attempt++;
            try
            {
                using var content = new StringContent(payload, Encoding.UTF8, "application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(Options.WebhookSecret, payload, Now()));
                using var response = await _webhookClient.SendAsync(request);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                status = 0;
            }
        }

        lock (_lock)
        {
            _deliveries.Add(new StripeWebhookDelivery(id, type, status, attempt));
        }
    }

    private async Task CreatePaymentIntentAsync(HttpContext context)
    {
        var form = await AuthorizedFormAsync(context);
        if (form is null)
        {
            return;
        }

        await IdempotentAsync(context, form, () =>
        {
            if (!long.TryParse(form.GetValueOrDefault("amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || string.IsNullOrEmpty(form.GetValueOrDefault("currency")))
            {
                return Error(400, "parameter_missing", "amount and currency are required.", "amount");
            }

            var id = "pi_" + Next();
            var intent = new JsonObject
            {
                ["id"] = id,
                ["object"] = "payment_intent",
                ["amount"] = amount,
                ["amount_received"] = amount,
                ["currency"] = form["currency"].ToLowerInvariant(),
                ["status"] = "succeeded",
                ["latest_charge"] = "ch_" + id[3..],
                ["created"] = Now(),
                ["livemode"] = false,
                ["metadata"] = Metadata(form),
            };
            lock (_lock)
            {
                _intents[id] = intent;
                Send("payment_intent.succeeded", (JsonObject)intent.DeepClone());
            }

            return (200, intent.ToJsonString());
        });
    }

    private async Task CreateRefundAsync(HttpContext context)
    {
        var form = await AuthorizedFormAsync(context);
        if (form is null)
        {
            return;
        }

        Interlocked.Increment(ref _refundCalls);
        if (Faults.TakeServerError())
        {
            await WriteAsync(context, Error(500, "api_error", "Something went wrong on Stripe's end.", null));
            return;
        }

        await IdempotentAsync(context, form, () =>
        {
            lock (_lock)
            {
                var intentId = form.GetValueOrDefault("payment_intent");
                if (intentId is null && form.GetValueOrDefault("charge") is { } charge && charge.StartsWith("ch_", StringComparison.Ordinal))
                {
                    intentId = "pi_" + charge[3..];
                }

                if (intentId is null || !_intents.TryGetValue(intentId, out var intent))
                {
                    return Error(400, "resource_missing", $"No such payment_intent: '{intentId}'", "payment_intent");
                }

                var total = (long)intent["amount_received"]!;
                var refunded = _refunds.Values.Where(r => r.PaymentIntentId == intentId && r.Status is "pending" or "succeeded").Sum(r => r.Amount);
                if (refunded >= total)
                {
                    return Error(400, "charge_already_refunded", $"Charge ch_{intentId[3..]} has already been refunded.", null);
                }

                var amount = form.TryGetValue("amount", out var text) ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : total - refunded;
                if (amount <= 0 || amount > total - refunded)
                {
                    return Error(400, "amount_too_large", string.Create(CultureInfo.InvariantCulture, $"Refund amount ({amount}) is greater than unrefunded amount on charge ({total - refunded})"), "amount");
                }

                var refund = new StripeSandboxRefund("re_" + Next(), intentId, amount, (string)intent["currency"]!, Options.RefundsSucceedImmediately ? "succeeded" : "pending", Metadata(form).ToDictionary(p => p.Key, p => (string)p.Value!), Now());
                _refunds[refund.Id] = refund;
                Send("charge.refunded", ChargeJson(intent, refund));
                return (200, RefundJson(refund).ToJsonString());
            }
        }, dropReply: Faults.TakeLoseReply);
    }

    private async Task Get(HttpContext context, string id, string kind)
    {
        if (await AuthorizedFormAsync(context) is null)
        {
            return;
        }

        JsonObject? found;
        lock (_lock)
        {
            found = kind == "refund"
                ? _refunds.TryGetValue(id, out var refund) ? RefundJson(refund) : null
                : _intents.TryGetValue(id, out var intent) ? (JsonObject)intent.DeepClone() : null;
        }

        await WriteAsync(context, found is null ? Error(404, "resource_missing", $"No such {kind}: '{id}'", "id") : (200, found.ToJsonString()));
    }

    /// <summary>The form parameters, or null when the request was refused for its key (already answered 401).</summary>
    private async Task<Dictionary<string, string>?> AuthorizedFormAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!string.Equals(authorization, "Bearer " + Options.ApiKey, StringComparison.Ordinal))
        {
            await WriteAsync(context, (401, new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = "Invalid API Key provided." },
            }.ToJsonString()));
            return null;
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync())
            {
                form[key] = value.ToString();
            }
        }

        return form;
    }

    private async Task IdempotentAsync(HttpContext context, Dictionary<string, string> form, Func<(int Status, string Body)> create, Func<bool>? dropReply = null)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            var once = create();
            if (dropReply?.Invoke() == true)
            {
                context.Abort();
                return;
            }

            await WriteAsync(context, once);
            return;
        }

        var fingerprint = context.Request.Path + "?" + string.Join('&', form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        (int Status, string Body) answer;
        var replayed = false;
        lock (_lock)
        {
            if (_idempotency.TryGetValue(key, out var stored))
            {
                answer = stored.Fingerprint == fingerprint
                    ? (stored.Status, stored.Body)
                    : Error(400, "idempotency_error", $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.", null);
                replayed = stored.Fingerprint == fingerprint;
            }
            else
            {
                answer = create();
                if (answer.Status is >= 200 and < 300 or 400 or 402 or 404)
                {
                    _idempotency[key] = (fingerprint, answer.Status, answer.Body);
                }
            }
        }

        if (!replayed && dropReply?.Invoke() == true)
        {
            // Committed above; the client never hears of it (connection reset before any byte of the reply).
            context.Abort();
            return;
        }

        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        context.Response.Headers["Idempotency-Key"] = key;
        await WriteAsync(context, answer);
    }

    private static async Task WriteAsync(HttpContext context, (int Status, string Body) answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(7));
        await context.Response.WriteAsync(answer.Body, Encoding.UTF8);
    }

    private static (int Status, string Body) Error(int status, string code, string message, string? param)
    {
        var error = new JsonObject
        {
            ["type"] = status >= 500 ? "api_error" : "invalid_request_error",
            ["code"] = code,
            ["message"] = message,
        };
        if (param is not null)
        {
            error["param"] = param;
        }

        return (status, new JsonObject { ["error"] = error }.ToJsonString());
    }

    private static JsonObject Metadata(Dictionary<string, string> form)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal) && p.Key.EndsWith(']')))
        {
            metadata[key["metadata[".Length..^1]] = value;
        }

        return metadata;
    }

    private JsonObject ChargeJson(JsonObject intent, StripeSandboxRefund latest)
    {
        var intentId = (string)intent["id"]!;
        var refunds = _refunds.Values.Where(r => r.PaymentIntentId == intentId).OrderByDescending(r => r.Created).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList();
        refunds.Remove(latest);
        refunds.Insert(0, latest);
        return new JsonObject
        {
            ["id"] = (string)intent["latest_charge"]!,
            ["object"] = "charge",
            ["amount"] = (long)intent["amount_received"]!,
            ["amount_refunded"] = refunds.Where(r => r.Status is "pending" or "succeeded").Sum(r => r.Amount),
            ["currency"] = (string)intent["currency"]!,
            ["payment_intent"] = intentId,
            ["refunded"] = refunds.Where(r => r.Status is "pending" or "succeeded").Sum(r => r.Amount) >= (long)intent["amount_received"]!,
            ["metadata"] = intent["metadata"]!.DeepClone(),
            ["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(refunds.Select(r => (JsonNode)RefundJson(r)).ToArray()) },
        };
    }

    private static JsonObject RefundJson(StripeSandboxRefund refund)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in refund.Metadata)
        {
            metadata[key] = value;
        }

        return new JsonObject
        {
            ["id"] = refund.Id,
            ["object"] = "refund",
            ["amount"] = refund.Amount,
            ["currency"] = refund.Currency,
            ["payment_intent"] = refund.PaymentIntentId,
            ["charge"] = "ch_" + refund.PaymentIntentId[3..],
            ["status"] = refund.Status,
            ["reason"] = "requested_by_customer",
            ["created"] = refund.Created,
            ["metadata"] = metadata,
        };
    }

    private string Next() => string.Create(CultureInfo.InvariantCulture, $"3Sbx{Interlocked.Increment(ref _sequence):D8}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    private long Now() => Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
}
