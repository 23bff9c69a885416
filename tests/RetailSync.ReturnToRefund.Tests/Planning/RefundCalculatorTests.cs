using RetailSync.Events;
using RetailSync.ReturnToRefund.Activities;
using RetailSync.ReturnToRefund.Options;
using RetailSync.ReturnToRefund.Planning;

namespace RetailSync.ReturnToRefund.Tests.Planning;

public sealed class RefundCalculatorTests
{
    private static readonly InvoicedSku[] Invoiced = [new("TEE-BLK-M", 2, 57.50m, 50m), new("MUG-LOGO", 1, 16.10m, 14m)];

    [Fact]
    public void Units_are_worth_their_share_of_the_invoiced_total_tax_included()
    {
        var plan = RefundCalculator.Plan([new RefundUnit("TEE-BLK-M", 1, InspectionResult.AsNew), new RefundUnit("MUG-LOGO", 1, null)], Invoiced, new ReturnChannelPolicy(), "USD", firstBatch: true);

        Assert.Equal([new("MUG-LOGO", 1, 16.10m), new("TEE-BLK-M", 1, 28.75m)], plan.Lines);
        Assert.Equal(44.85m, plan.Gross);
        Assert.Equal(44.85m, plan.Net);
        Assert.Equal(0m, plan.Deductions);
    }

    [Fact]
    public void Restocking_fee_spares_fee_exempt_inspections_and_shipping_is_kept_on_the_first_batch_only()
    {
        var policy = new ReturnChannelPolicy { RestockingFeePercent = 10, ReturnShippingFee = 4.95m };
        RefundUnit[] units = [new("TEE-BLK-M", 1, InspectionResult.Used), new("TEE-BLK-M", 1, InspectionResult.Defective)];

        var first = RefundCalculator.Plan(units, Invoiced, policy, "USD", firstBatch: true);
        var later = RefundCalculator.Plan(units, Invoiced, policy, "USD", firstBatch: false);

        Assert.Equal(57.50m, first.Gross);
        Assert.Equal(2.88m, first.RestockingFee); // 10% of the used unit (28.75), rounded half away from zero
        Assert.Equal(4.95m, first.ShippingFee);
        Assert.Equal(49.67m, first.Net);
        Assert.Equal(0m, later.ShippingFee);
        Assert.Equal(54.62m, later.Net);
    }

    [Fact]
    public void Deductions_never_make_a_refund_negative_and_unknown_skus_are_worth_nothing()
    {
        var plan = RefundCalculator.Plan([new RefundUnit("NOT-INVOICED", 1, null), new RefundUnit("MUG-LOGO", 1, null)], Invoiced,
            new ReturnChannelPolicy { ReturnShippingFee = 50m }, "USD", firstBatch: true);

        Assert.Equal(0m, plan.Lines.Single(l => l.Sku == "NOT-INVOICED").Amount);
        Assert.Equal(16.10m, plan.ShippingFee);
        Assert.Equal(0m, plan.Net);
    }

    [Fact]
    public void Zero_decimal_currencies_round_to_whole_units()
    {
        var plan = RefundCalculator.Plan([new RefundUnit("TEE", 1, null)], [new InvoicedSku("TEE", 3, 1000m)], new ReturnChannelPolicy(), "JPY", firstBatch: false);

        Assert.Equal(333m, plan.Net);
    }

    [Fact]
    public void Idempotency_keys_follow_the_return_batch_line_set_and_attempt_only()
    {
        var lines = RefundCalculator.Plan([new RefundUnit("TEE-BLK-M", 2, null), new RefundUnit("MUG-LOGO", 1, null)], Invoiced, new ReturnChannelPolicy(), "USD", true).Lines;
        var reordered = lines.Reverse().ToList();

        var key = RefundKeys.For("return/loop/R-1", 1, lines, 0);

        Assert.Equal(key, RefundKeys.For("return/loop/R-1", 1, reordered, 0));
        Assert.StartsWith("rtr_", key, StringComparison.Ordinal);
        Assert.True(key.Length <= 64);
        Assert.NotEqual(key, RefundKeys.For("return/loop/R-1", 1, lines, 1));
        Assert.NotEqual(key, RefundKeys.For("return/loop/R-1", 2, lines, 0));
        Assert.NotEqual(key, RefundKeys.For("return/loop/R-2", 1, lines, 0));
        Assert.NotEqual(key, RefundKeys.For("return/loop/R-1", 1, lines.Take(1).ToList(), 0));
    }
}
