using RetailSync.Events;
using RetailSync.Odoo;
using RetailSync.ReturnToRefund.Activities;
using RetailSync.ReturnToRefund.Options;
using RetailSync.ReturnToRefund.Planning;

namespace RetailSync.ReturnToRefund.Tests.Planning;

public sealed class EligibilityCheckTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static OrderContext Order(DateTimeOffset? delivered = null, string state = "sale") => new(
        "order/shopify/acme/1", 7, "S00007", state, delivered ?? Delivered,
        [new ReturnableLine("TEE", 2, 2, 1), new ReturnableLine("MUG", 1, 1, 0), new ReturnableLine("CAP", 1, 0, 0)],
        9, [], ["stripe/pi_1"]);

    [Fact]
    public void Quantities_within_what_was_delivered_and_not_returned_are_eligible()
    {
        Assert.Empty(EligibilityCheck.Reasons([new ReturnLine("1", "TEE", 1, null), new ReturnLine("2", "MUG", 1, null)], Delivered.AddDays(3), Order(), new ReturnChannelPolicy()));
    }

    [Fact]
    public void Every_reason_is_named_for_the_customer()
    {
        var policy = new ReturnChannelPolicy { NonReturnableSkus = ["MUG"] };
        var reasons = EligibilityCheck.Reasons(
            [new ReturnLine("1", "TEE", 2, null), new ReturnLine("2", "MUG", 1, null), new ReturnLine("3", "HAT", 1, null), new ReturnLine("4", null, 1, null)],
            Delivered.AddDays(31), Order(), policy);

        Assert.Contains(reasons, r => r.Contains("return window of 30 days", StringComparison.Ordinal));
        Assert.Contains("2 x TEE requested but only 1 can be returned (2 delivered, 1 already returned).", reasons);
        Assert.Contains("MUG cannot be returned (final sale).", reasons);
        Assert.Contains("HAT is not on order S00007.", reasons);
        Assert.Contains("Return line 4 names no product (SKU).", reasons);
    }

    [Fact]
    public void Undelivered_and_cancelled_orders_are_not_eligible()
    {
        var undelivered = Order() with { LastDeliveredAt = null };

        Assert.Equal(["Order S00007 has not been delivered yet."], EligibilityCheck.Reasons([new ReturnLine("1", "TEE", 1, null)], Delivered, undelivered, new ReturnChannelPolicy()));
        Assert.Equal(["Order S00007 was cancelled."], EligibilityCheck.Reasons([new ReturnLine("1", "TEE", 1, null)], Delivered, Order(state: "cancel"), new ReturnChannelPolicy()));
    }
}
