using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using RetailSync.Events;
using RetailSync.Payments.Telemetry;
using Stripe;

namespace RetailSync.Payments.Stripe;

/// <summary>
/// The Stripe adapter of the payments port, on Stripe.net's <see cref="StripeClient"/> with a configurable API base.
/// Every refund carries the caller's idempotency key as Stripe's <c>Idempotency-Key</c>, so a retry (ours, or
/// Stripe.net's own network retry) after a lost reply returns the refund Stripe already made instead of making a
/// second one. Thread-safe.
/// </summary>
public class StripePaymentGateway : PaymentGateway
{
    private const string Gateway = "stripe";
    private readonly StripeClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates the gateway over an <see cref="HttpClient"/> (its timeout is the per-request timeout).</summary>
    public StripePaymentGateway(StripeGatewayOptions options, HttpClient httpClient, ILogger<StripePaymentGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, "Payments:Stripe:ApiKey");
        httpClient.Timeout = options.Timeout;
        _client = new StripeClient(
            options.ApiKey,
            httpClient: new SystemNetHttpClient(httpClient, options.MaxNetworkRetries),
            apiBase: options.ApiBase.ToString().TrimEnd('/'));
        _logger = logger;
    }

    /// <summary>For mocking.</summary>
    protected StripePaymentGateway()
    {
        _client = null!;
        _logger = null!;
    }

    /// <inheritdoc />
    public override string Name => Gateway;

    /// <inheritdoc />
    public override async Task<GatewayRefund> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Amount);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        var metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal);
        if (request.Reason is { } reason)
        {
            metadata["reason"] = reason;
        }

        var options = new RefundCreateOptions
        {
            PaymentIntent = request.PaymentId,
            Amount = CurrencyMinorUnits.ToMinor(request.Amount, request.Currency),
            Reason = "requested_by_customer",
            Metadata = metadata,
        };
        var refund = await CallAsync("refund", request.PaymentId, () =>
            new RefundService(_client).CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken), cancellationToken);
        var result = ToGatewayRefund(refund);
        PaymentsTelemetry.Refunds.Add(1, new KeyValuePair<string, object?>("gateway", Gateway), new KeyValuePair<string, object?>("outcome", result.State.ToString()));
        _logger.LogInformation(
            "Stripe refund {RefundId} of {Amount} {Currency} on {PaymentId}: {State}",
            result.RefundId, result.Amount, result.Currency, result.PaymentId, result.State);
        return result;
    }

    /// <inheritdoc />
    public override async Task<GatewayRefund?> GetRefundAsync(string refundId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refundId);
        try
        {
            return ToGatewayRefund(await CallAsync("get_refund", refundId, () => new RefundService(_client).GetAsync(refundId, cancellationToken: cancellationToken), cancellationToken));
        }
        catch (PaymentGatewayException ex) when (ex.Code == "resource_missing")
        {
            return null;
        }
    }

    private static GatewayRefund ToGatewayRefund(Refund refund) =>
        new(Gateway, refund.Id, refund.PaymentIntentId ?? string.Empty, CurrencyMinorUnits.ToMajor(refund.Amount, refund.Currency), refund.Currency.ToUpperInvariant(), refund.Status switch
        {
            "succeeded" => GatewayRefundState.Succeeded,
            "failed" => GatewayRefundState.Failed,
            "canceled" => GatewayRefundState.Canceled,
            "requires_action" => GatewayRefundState.RequiresAction,
            _ => GatewayRefundState.Pending,
        })
        {
            FailureReason = refund.FailureReason,
        };

    private async Task<T> CallAsync<T>(string operation, string target, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        using var activity = PaymentsTelemetry.Source.StartActivity($"stripe {operation}", ActivityKind.Client);
        activity?.SetTag("payments.gateway", Gateway);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        catch (StripeException ex)
        {
            var status = (int)ex.HttpStatusCode;
            var code = ex.StripeError?.Code;
            var transient = status is 409 or 429 || status >= 500 || code is "lock_timeout" or "rate_limit";
            activity?.SetStatus(ActivityStatusCode.Error, code ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _logger.LogWarning("Stripe {Operation} on {Target} refused: HTTP {Status} {Code} (transient: {Transient})", operation, target, status, code, transient);
            throw new PaymentGatewayException(Gateway, $"Stripe {operation} on {target}: HTTP {status} {code}: {ex.StripeError?.Message ?? ex.Message}", transient, code, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "unreachable");
            _logger.LogWarning("Stripe {Operation} on {Target} got no answer: {Error}", operation, target, ex.GetType().Name);
            throw new PaymentGatewayException(Gateway, $"Stripe {operation} on {target}: no answer ({ex.GetType().Name}); retrying with the same idempotency key is safe.", isTransient: true, innerException: ex);
        }
        finally
        {
            PaymentsTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }
}
