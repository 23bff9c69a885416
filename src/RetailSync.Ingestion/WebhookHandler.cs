using System.Buffers;
using System.Diagnostics;
using System.Net.Mime;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailSync.Events;
using RetailSync.Ingestion.CloudEvents;
using RetailSync.Ingestion.Normalisation;
using RetailSync.Ingestion.Telemetry;
using RetailSync.Ingestion.Verification;
using RetailSync.Messaging;

namespace RetailSync.Ingestion;

/// <summary>
/// The webhook front door both hosts call: checks content type (415) and size while reading (413), verifies the
/// source's signature (401), parses and normalises the payload (400 naming the field), turns it into canonical
/// CloudEvents with deterministic ids and enqueues all of them in one write (202 with the ids; 503 if the queue
/// is down). Unknown topics are acknowledged (202), counted and logged. Thread-safe.
/// </summary>
public class WebhookHandler
{
    /// <summary>Correlation id header honoured when the caller sends one.</summary>
    public const string CorrelationIdHeader = "X-Correlation-Id";

    private const string ProblemJson = "application/problem+json";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private readonly Dictionary<string, (IWebhookVerifier Verifier, IWebhookNormaliser Normaliser)> _sources;
    private readonly IEventQueue _queue;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IngestionTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly RecentEventIds _recent;

    public WebhookHandler(
        IEnumerable<IWebhookVerifier> verifiers,
        IEnumerable<IWebhookNormaliser> normalisers,
        IEventQueue queue,
        IngestionOptions options,
        TimeProvider timeProvider,
        IngestionTelemetry telemetry,
        ILogger<WebhookHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        ArgumentNullException.ThrowIfNull(normalisers);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBodyBytes);
        var byName = normalisers.ToDictionary(n => n.Source, StringComparer.OrdinalIgnoreCase);
        _sources = new(StringComparer.OrdinalIgnoreCase);
        foreach (var verifier in verifiers)
        {
            if (byName.TryGetValue(verifier.Source, out var normaliser))
            {
                _sources[verifier.Source] = (verifier, normaliser);
            }
        }

        _queue = queue;
        _options = options;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _recent = new RecentEventIds(options.RecentEventIds);
    }

    /// <summary>For mocking.</summary>
    protected WebhookHandler()
    {
        _sources = [];
        _queue = null!;
        _options = new IngestionOptions();
        _timeProvider = TimeProvider.System;
        _telemetry = null!;
        _logger = NullLogger.Instance;
        _recent = new RecentEventIds(0);
    }

    /// <summary>The sources this handler accepts.</summary>
    public virtual IReadOnlyCollection<string> Sources => _sources.Keys;

    /// <summary>Handles one delivery end to end and says what to answer.</summary>
    public virtual async Task<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _timeProvider.GetTimestamp();
        var headers = request.Headers is Dictionary<string, string> { Comparer: var comparer } ready && ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase)
            ? ready
            : new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);

        if (!_sources.TryGetValue(request.Source ?? string.Empty, out var source))
        {
            return Finish(Reject("unknown", 404, "unknown_source", "Unknown webhook source", $"'{request.Source}' is not a webhook source; use one of: {string.Join(", ", _sources.Keys)}."), "unknown", null, started);
        }

        var sourceName = source.Verifier.Source;
        _telemetry.Received.Add(1, new KeyValuePair<string, object?>("source", sourceName));
        using var activity = StartActivity(sourceName, headers);

        if (!IsJson(request.ContentType))
        {
            return Finish(Reject(sourceName, 415, "unsupported_media_type", "Unsupported content type", "Webhook bodies must be application/json."), sourceName, null, started);
        }

        if (request.ContentLength > _options.MaxBodyBytes)
        {
            return Finish(TooLarge(sourceName), sourceName, null, started);
        }

        var (buffer, length) = await ReadBodyAsync(request.Body, request.ContentLength, cancellationToken);
        try
        {
            if (buffer is null)
            {
                return Finish(TooLarge(sourceName), sourceName, null, started);
            }

            var delivery = new WebhookDelivery(sourceName, headers, buffer.AsMemory(0, length), _timeProvider.GetUtcNow());
            WebhookVerification verification;
            try
            {
                verification = await source.Verifier.VerifyAsync(delivery, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The secret store (Key Vault) is unreachable: nothing was accepted, the channel retries later.
                IngestionLog.SecretsUnavailable(_logger, ex, sourceName);
                _telemetry.Rejected.Add(1, new("source", sourceName), new("reason", "secrets_unavailable"));
                var unavailable = Problem(503, "secrets_unavailable", "Signing secrets are unavailable", "Nothing was accepted; retry the delivery.", null);
                return Finish(unavailable with { Outcome = WebhookOutcome.Failed }, sourceName, null, started);
            }

            if (!verification.IsValid)
            {
                var reason = verification.FailureReason ?? VerificationFailures.BadSignature;
                if (reason == VerificationFailures.NoSecret)
                {
                    IngestionLog.NoSecret(_logger, sourceName);
                }

                return Finish(Reject(sourceName, 401, reason, "Signature verification failed", Describe(reason)), sourceName, null, started);
            }

            WebhookNormalisation normalisation;
            try
            {
                using var document = JsonDocument.Parse(delivery.Body, DocumentOptions);
                normalisation = source.Normaliser.Normalise(delivery, document.RootElement);
            }
            catch (JsonException ex)
            {
                var field = ex.Path is { Length: > 0 } jsonPath ? jsonPath : "$";
                return Finish(Reject(sourceName, 400, "malformed_json", "Malformed JSON", $"The body is not valid JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine}).", field), sourceName, null, started);
            }
            catch (PayloadSchemaException ex)
            {
                return Finish(Reject(sourceName, 400, "schema", "Payload does not match the topic's schema", ex.Message, ex.Field), sourceName, null, started);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or OverflowException)
            {
                // A shape the normaliser's explicit checks did not anticipate: still the payload's fault, never a crash.
                return Finish(Reject(sourceName, 400, "schema", "Payload does not match the topic's schema", "The payload has an unexpected shape (" + ex.GetType().Name + ").", "$"), sourceName, null, started);
            }

            activity?.SetTag("retailsync.topic", normalisation.Topic);
            activity?.SetTag("retailsync.delivery_id", normalisation.DeliveryId);
            if (!normalisation.IsKnownTopic)
            {
                _telemetry.Ignored.Add(1, Tags(sourceName, normalisation.Topic));
                IngestionLog.Ignored(_logger, sourceName, normalisation.Topic, normalisation.DeliveryId);
                return Finish(Answer(202, "ignored", sourceName, normalisation, [], WebhookOutcome.Ignored), sourceName, normalisation.Topic, started);
            }

            var correlationId = delivery.Header(CorrelationIdHeader) ?? $"{sourceName}/{normalisation.DeliveryId}";
            var (traceParent, traceState) = TraceContext(activity, headers);
            var rawBody = RawBody.Encode(delivery.Body.Span);
            var messages = new EventMessage[normalisation.Events.Count];
            var ids = new string[messages.Length];
            for (var i = 0; i < messages.Length; i++)
            {
                var cloudEvent = RetailCloudEvents.Create(sourceName, normalisation, normalisation.Events[i], correlationId, rawBody, traceParent, traceState);
                messages[i] = RetailCloudEvents.ToMessage(cloudEvent, correlationId);
                ids[i] = messages[i].MessageId;
            }

            if (_recent.ContainsAll(ids))
            {
                _telemetry.Duplicate.Add(1, Tags(sourceName, normalisation.Topic));
                IngestionLog.Duplicate(_logger, sourceName, normalisation.Topic, normalisation.DeliveryId, ids.Length);
                return Finish(Answer(202, "duplicate", sourceName, normalisation, ids, WebhookOutcome.Duplicate), sourceName, normalisation.Topic, started);
            }

            try
            {
                await _queue.SendAsync(messages, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                IngestionLog.QueueFailed(_logger, ex, sourceName, normalisation.Topic, normalisation.DeliveryId, messages.Length);
                activity?.SetStatus(ActivityStatusCode.Error, "queue unavailable");
                var failed = Problem(503, "queue_unavailable", "The events queue is unavailable", "Nothing was accepted; retry the delivery.", null);
                _telemetry.Rejected.Add(1, new("source", sourceName), new("reason", "queue_unavailable"));
                return Finish(failed with { Outcome = WebhookOutcome.Failed }, sourceName, normalisation.Topic, started);
            }

            _recent.AddRange(ids);
            _telemetry.Accepted.Add(1, Tags(sourceName, normalisation.Topic));
            foreach (var normalised in normalisation.Events)
            {
                _telemetry.EventsEnqueued.Add(1, new("source", sourceName), new("type", normalised.Type));
            }

            IngestionLog.Accepted(_logger, sourceName, normalisation.Topic, normalisation.DeliveryId, ids.Length);
            return Finish(Answer(202, "accepted", sourceName, normalisation, ids, WebhookOutcome.Accepted), sourceName, normalisation.Topic, started);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(string reason) => reason switch
    {
        VerificationFailures.NoSecret => "No signing secret is configured for this source (or shop); every delivery is refused.",
        VerificationFailures.MissingSignature => "The signature header is missing.",
        VerificationFailures.MissingTimestamp => "The signature timestamp is missing or not a number.",
        VerificationFailures.TimestampOutOfTolerance => "The signature timestamp is outside the allowed tolerance.",
        VerificationFailures.MissingShop => "The shop domain header is missing.",
        _ => "The signature does not match the body under any configured secret.",
    };

    private static KeyValuePair<string, object?>[] Tags(string source, string topic) => [new("source", source), new("topic", topic)];

    private static Activity? StartActivity(string source, Dictionary<string, string> headers)
    {
        Activity? activity;
        if (Activity.Current is null
            && headers.TryGetValue("traceparent", out var traceParent)
            && ActivityContext.TryParse(traceParent, headers.GetValueOrDefault("tracestate"), isRemote: true, out var parent))
        {
            activity = IngestionTelemetry.ActivitySource.StartActivity("webhook " + source, ActivityKind.Server, parent);
        }
        else
        {
            activity = IngestionTelemetry.ActivitySource.StartActivity("webhook " + source, ActivityKind.Internal);
        }

        activity?.SetTag("retailsync.source", source);
        return activity;
    }

    private static (string? TraceParent, string? TraceState) TraceContext(Activity? activity, Dictionary<string, string> headers)
    {
        var current = activity ?? Activity.Current;
        if (current is not null && current.IdFormat == ActivityIdFormat.W3C)
        {
            return (current.Id, current.TraceStateString);
        }

        return headers.TryGetValue("traceparent", out var traceParent) && ActivityContext.TryParse(traceParent, null, out _)
            ? (traceParent, headers.GetValueOrDefault("tracestate"))
            : (null, null);
    }

    /// <summary>Reads the body into a pooled buffer; null when it is larger than the limit (stops reading there).</summary>
    private async Task<(byte[]? Buffer, int Length)> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        var max = _options.MaxBodyBytes;
        var initial = (int)Math.Clamp(contentLength ?? 16 * 1024, 256, (long)max + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > max)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }

                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)max + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > max)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return (null, 0);
            }
        }

        return (buffer, length);
    }

    private WebhookResponse TooLarge(string source) =>
        Reject(source, 413, "too_large", "Body too large", $"Webhook bodies may be at most {_options.MaxBodyBytes} bytes.");

    private WebhookResponse Reject(string source, int status, string reason, string title, string detail, string? field = null)
    {
        _telemetry.Rejected.Add(1, new("source", source), new("reason", reason));
        IngestionLog.Rejected(_logger, source, status, reason, field is null ? detail : $"{detail} (field {field})");
        Activity.Current?.SetTag("retailsync.rejected", reason);
        return Problem(status, reason, title, detail, field);
    }

    private static WebhookResponse Problem(int status, string reason, string title, string detail, string? field)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "https://retailsync.dev/problems/" + reason.Replace('_', '-'));
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteString("reason", reason);
            if (field is not null)
            {
                writer.WriteString("field", field);
            }

            writer.WriteEndObject();
        }

        return new WebhookResponse(status, ProblemJson, buffer.WrittenMemory, WebhookOutcome.Rejected, [], reason);
    }

    private static WebhookResponse Answer(int status, string state, string source, WebhookNormalisation normalisation, string[] ids, WebhookOutcome outcome)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", state);
            writer.WriteString("source", source);
            writer.WriteString("topic", normalisation.Topic);
            writer.WriteString("deliveryId", normalisation.DeliveryId);
            writer.WriteStartArray("eventIds");
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new WebhookResponse(status, MediaTypeNames.Application.Json, buffer.WrittenMemory, outcome, ids);
    }

    private WebhookResponse Finish(WebhookResponse response, string source, string? topic, long started)
    {
        var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
        _telemetry.Duration.Record(
            elapsed,
            new("source", source),
            new("topic", topic ?? "none"),
            new("outcome", response.Outcome.ToString().ToLowerInvariant()),
            new("http.response.status_code", response.StatusCode));
        return response;
    }
}
