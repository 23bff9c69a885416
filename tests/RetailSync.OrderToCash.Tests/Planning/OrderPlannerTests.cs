using RetailSync.Events;
using RetailSync.OrderToCash.Planning;
using RetailSync.OrderToCash.Tests.Support;

namespace RetailSync.OrderToCash.Tests.Planning;

public sealed class OrderPlannerTests
{
    [Fact]
    public void Tax_inclusive_prices_become_tax_exclusive_unit_prices_with_discount_percentages()
    {
        var scenario = new OrderScenario("5001");
        var order = scenario.Order([new("1", "TEE-BLK-M", "Tee", 2, 28.75m, 5.75m, 6.75m)]) with { TaxesIncluded = true };

        var plan = OrderPlanner.TryPlan(order, "Walk-in", out var error);

        Assert.Null(error);
        var line = Assert.Single(plan!.Order.Lines);
        Assert.Equal(10m, line.DiscountPercent);
        // Net incl. tax 51.75, tax 6.75: Odoo's subtotal must come to 45.00 before its own 15%.
        Assert.Equal(45.00m, Math.Round(line.UnitPrice * line.Quantity * (1 - line.DiscountPercent / 100m), 2));
        Assert.Equal(5.91m, plan.Order.Shipping!.Amount);
        Assert.Equal(["TEE-BLK-M"], plan.Skus);
        Assert.Equal("shopify:5001", plan.Order.ClientOrderRef);
    }

    [Fact]
    public void Lines_without_SKU_are_refused_with_a_reason_and_zero_quantity_lines_are_left_out()
    {
        var scenario = new OrderScenario("5002");
        Assert.Null(OrderPlanner.TryPlan(scenario.Order([new("1", null, "Mystery", 1, 5m, 0m, 0m)]), "Walk-in", out var error));
        Assert.Contains("no SKU", error, StringComparison.Ordinal);

        var plan = OrderPlanner.TryPlan(scenario.Order([new("1", "MUG-LOGO", "Mug", 1, 14m, 0m, 2.1m), new("2", "CAP-NVY", "Cap", 0, 19.5m, 0m, 0m)]), "Walk-in", out _);
        Assert.Equal(["MUG-LOGO"], plan!.Skus);
    }

    [Fact]
    public void Orders_without_customer_go_to_the_walk_in_customer_of_their_channel()
    {
        var order = new OrderScenario("5003").Order() with { Customer = null, Channel = "pos" };
        var customer = OrderPlanner.Customer(order, "Walk-in customer");
        Assert.Equal("pos:walk-in", customer.PartnerReference);
        Assert.Equal("Walk-in customer", customer.Name);
    }

    [Fact]
    public void Shipments_sum_quantities_per_SKU_and_match_SKU_less_lines_by_order_line_id()
    {
        var scenario = new OrderScenario("5004");
        var shipment = new ShipmentData("shipment/warehouse/S1", "warehouse", "S1", scenario.OrderKey, "dispatched", null, null, ["T1", "T2"], null, false,
            [new("TEE-BLK-M", 1), new(null, 1, "1"), new("MUG-LOGO", 1)], OrderScenario.At);

        var lines = ShipmentPlanner.TryPlan(shipment, scenario.Order(), out var error);

        Assert.Null(error);
        Assert.Equal([new("TEE-BLK-M", 2m), new("MUG-LOGO", 1m)], lines!);
        Assert.Equal("T1,T2", ShipmentPlanner.TrackingReference(shipment));
    }
}
