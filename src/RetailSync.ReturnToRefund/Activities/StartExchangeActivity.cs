using System.Globalization;
using System.Text.Json;
using RetailSync.Events;
using RetailSync.Ingestion.CloudEvents;
using RetailSync.Ingestion.Normalisation;
using RetailSync.Messaging;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>
/// Starts the replacement order of an exchange as an ordinary order-to-cash order: puts a canonical
/// <c>retail.order.placed</c> for <c>order/exchange/{return channel}/{return id}</c> on the events queue, paid by the
/// returned goods (financial status <c>paid</c> under the payment reference <c>exchange/...</c>, registered in the
/// exchange gateway's journal). The event id is deterministic, so a retried activity queues a copy the dispatcher drops.
/// Returns the replacement's order key.
/// </summary>
public sealed class StartExchangeActivity(IEventQueue queue, TimeProvider timeProvider) : Activity<StartExchangeInput, string>
{
    /// <summary>The channel of replacement orders.</summary>
    public const string ExchangeChannel = "exchange";

    public override async Task<string> RunAsync(ActivityContext context, StartExchangeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!BusinessKey.TryParseSubject(input.ReturnKey, out var returnKey))
        {
            throw new ArgumentException($"'{input.ReturnKey}' is not a return subject.", nameof(input));
        }

        var orderId = $"{returnKey.Channel}-{input.ChannelReturnId}";
        var subject = new BusinessKey("order", ExchangeChannel, $"{returnKey.Channel}/{input.ChannelReturnId}");
        var decimals = CurrencyMinorUnits.Exponent(input.Currency);
        var lines = input.Lines
            .Select((l, i) =>
            {
                var gross = l.UnitPrice * l.Quantity;
                return new OrderLine(
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    l.Sku,
                    l.Title ?? l.Sku,
                    l.Quantity,
                    l.UnitPrice,
                    0m,
                    Math.Round(gross * input.TaxShare, decimals, MidpointRounding.AwayFromZero));
            })
            .ToList();
        var total = lines.Sum(l => l.UnitPrice * l.Quantity);
        var tax = lines.Sum(l => l.TaxAmount);
        var now = timeProvider.GetUtcNow();
        var order = new OrderData(
            subject.ToSubject(),
            ExchangeChannel,
            orderId,
            "EX-" + input.ChannelReturnId,
            input.Currency,
            TaxesIncluded: true,
            Subtotal: total,
            DiscountTotal: 0m,
            ShippingTotal: 0m,
            TaxTotal: tax,
            Total: total,
            FinancialStatus: "paid",
            Customer: null,
            PaymentReference: $"{input.Gateway}/{orderId}",
            Lines: lines,
            ShippingLines: [],
            Discounts: [],
            PlacedAt: now,
            UpdatedAt: now);
        var body = JsonSerializer.SerializeToUtf8Bytes(order, RetailEventJson.Options);
        var normalised = new NormalisedEvent(RetailEventTypes.OrderPlaced, subject, order, now, now.ToString("O", CultureInfo.InvariantCulture), subject.ToSubject(), input.ReturnKey, order.PaymentReference);
        var delivery = new WebhookNormalisation("exchange", input.ReturnKey, input.ReturnKey, [normalised]);
        var cloudEvent = RetailCloudEvents.Create(ExchangeChannel, delivery, normalised, "exchange:" + input.ReturnKey, RawBody.Encode(body), null, null);
        await queue.SendAsync([RetailCloudEvents.ToMessage(cloudEvent, "exchange:" + input.ReturnKey)], cancellationToken);
        return subject.ToSubject();
    }
}
