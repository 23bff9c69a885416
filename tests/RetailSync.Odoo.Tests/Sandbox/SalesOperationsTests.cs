using RetailSync.Sandbox.Odoo;

namespace RetailSync.Odoo.Tests.Sandbox;

public sealed class SalesOperationsTests
{
    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_new_customers_order_is_placed_and_confirmed_in_four_round_trips(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        // Steady state: products and static ids (countries) are cached by earlier orders.
        await h.Sales.ResolveProductsAsync(["TEE-BLK-M", "HOODIE-GRY-M", "MUG-LOGO", "SHIP-STD"]);
        await h.Sales.EnsureCustomerAsync(OdooHarness.Customer("earlier"));
        var before = h.Sandbox.CallCount;

        var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order("1001", OdooHarness.Customer("new-1")));
        await h.Sales.ConfirmSaleOrderAsync(order.OrderId);

        Assert.Equal(4, h.Sandbox.CallCount - before);
        Assert.True(order.Created);
        var partner = Assert.Single(h.Where("res.partner", "ref", "shopify:new-1"));
        Assert.Equal("new-1@example.com", partner["email"]);
        Assert.Single(h.Where("res.partner", "parent_id", partner["id"]!), p => (string?)p["type"] == "delivery");
        var stored = Assert.Single(h.Where("sale.order", "client_order_ref", "shopify:1001"));
        Assert.Equal("sale", stored["state"]);
        Assert.Equal(4, ((int[])stored["order_line"]!).Length);
        var status = await h.Sales.GetSaleOrderStatusAsync(order.OrderId);
        Assert.Equal("sale", status.State);
        // 2 x 25 + 69 x 0.9 + 3 x 14 + 6.95 shipping = 161.05 untaxed
        Assert.Equal(161.05m, status.AmountUntaxed);
        var picking = Assert.Single(status.PickingIds);
        Assert.Equal("assigned", h.Get("stock.picking", picking)["state"]);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_known_customers_order_takes_three_round_trips_with_warm_caches(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var customer = OdooHarness.Customer("known-1");
        var first = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order("2001", customer));
        await h.Sales.ConfirmSaleOrderAsync(first.OrderId);
        var before = h.Sandbox.CallCount;

        var second = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order("2002", customer));
        await h.Sales.ConfirmSaleOrderAsync(second.OrderId);

        Assert.Equal(3, h.Sandbox.CallCount - before);
        Assert.Equal(first.PartnerId, second.PartnerId);
        Assert.Single(h.Where("res.partner", "ref", "shopify:known-1"));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Placing_the_same_order_again_returns_the_first_one(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var request = OdooHarness.Order("3001", OdooHarness.Customer("again"));

        var first = await h.Sales.CreateSaleOrderAsync(request);
        var second = await h.Sales.CreateSaleOrderAsync(request);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.OrderId, second.OrderId);
        Assert.Single(h.Where("sale.order", "client_order_ref", "shopify:3001"));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Every_unknown_sku_is_reported_at_once_and_nothing_is_written(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var partners = h.Sandbox.Inspect.Count("res.partner");

        var error = await Assert.ThrowsAsync<OdooUnknownProductsException>(() => h.Sales.CreateSaleOrderAsync(
            OdooHarness.Order("4001", OdooHarness.Customer("unknown"), new("TEE-BLK-M", 1, 25m), new("NOPE-1", 1, 1m), new("NOPE-2", 2, 2m))));

        Assert.Equal(["NOPE-1", "NOPE-2"], error.UnknownSkus);
        Assert.Equal(partners, h.Sandbox.Inspect.Count("res.partner"));
        Assert.Empty(h.Where("sale.order", "client_order_ref", "shopify:4001"));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_customer_is_found_by_email_when_the_channel_reference_is_new(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var first = await h.Sales.EnsureCustomerAsync(OdooHarness.Customer("a", "same@example.com"));

        var second = await h.Sales.EnsureCustomerAsync(OdooHarness.Customer("b", "SAME@example.com"));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.PartnerId, second.PartnerId);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task An_email_shared_by_two_partners_is_a_customer_conflict_and_creates_nothing(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var first = await h.Client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "Jo Smith", ["email"] = "jo@example.com", ["ref"] = "pos:77" });
        var second = await h.Client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "J. Smith", ["email"] = "JO@example.com" });
        var partners = h.Sandbox.Inspect.Count("res.partner");

        var error = await Assert.ThrowsAsync<OdooCustomerConflictException>(() => h.Sales.EnsureCustomerAsync(OdooHarness.Customer("jo", "jo@example.com")));

        Assert.Equal([first, second], error.CandidatePartnerIds);
        Assert.Equal("shopify:jo", error.PartnerReference);
        Assert.Contains("shopify:jo", error.Message, StringComparison.Ordinal);
        Assert.Equal(partners, h.Sandbox.Inspect.Count("res.partner"));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_company_and_its_contact_sharing_an_email_are_one_customer(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var company = await h.Client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "Acme Ltd", ["email"] = "buying@acme.example", ["is_company"] = true });
        await h.Client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "Acme buyer", ["email"] = "buying@acme.example", ["parent_id"] = company });

        var customer = await h.Sales.EnsureCustomerAsync(OdooHarness.Customer("acme", "buying@acme.example"));

        Assert.False(customer.Created);
        Assert.Equal(company, customer.PartnerId);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task The_partner_carrying_the_reference_wins_over_other_email_matches(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        await h.Client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "Other", ["email"] = "kim@example.com" });
        var own = await h.Client.CreateAsync("res.partner", new Dictionary<string, object?> { ["name"] = "Kim", ["email"] = "kim@example.com", ["ref"] = "shopify:kim" });

        var customer = await h.Sales.EnsureCustomerAsync(OdooHarness.Customer("kim", "kim@example.com"));

        Assert.Equal(own, customer.PartnerId);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Odoo_price_policy_leaves_pricing_to_odoo(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);

        var order = await h.Sales.CreateSaleOrderAsync(
            OdooHarness.Order("5001", OdooHarness.Customer("price"), new SaleOrderLineRequest("TEE-BLK-M", 2, 1.00m)) with { Shipping = null, PricePolicy = OdooPricePolicy.OdooPrice });

        Assert.Equal(50.00m, (await h.Sales.GetSaleOrderStatusAsync(order.OrderId)).AmountUntaxed);
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Lost_replies_on_partner_and_order_create_and_confirm_leave_one_of_each(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "res.partner", "create");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "sale.order", "create");
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "sale.order", "action_confirm");

        var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order("6001", OdooHarness.Customer("lost")));
        await h.Sales.ConfirmSaleOrderAsync(order.OrderId);

        Assert.Equal(0, h.Sandbox.Faults.ArmedCount);
        Assert.Single(h.Where("res.partner", "ref", "shopify:lost"));
        var stored = Assert.Single(h.Where("sale.order", "client_order_ref", "shopify:6001"));
        Assert.Equal("sale", stored["state"]);
        Assert.Single(h.Where("stock.picking", "sale_id", order.OrderId));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task Cancelling_a_confirmed_order_cancels_it_and_its_delivery_even_after_a_lost_reply(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);
        var order = await h.Sales.CreateSaleOrderAsync(OdooHarness.Order("7001", OdooHarness.Customer("cancel")));
        await h.Sales.ConfirmSaleOrderAsync(order.OrderId);
        h.Sandbox.Faults.Arm(OdooFaultKind.LoseReplyAfterCommit, "sale.order", "action_cancel");

        await h.Sales.CancelSaleOrderAsync(order.OrderId);

        var status = await h.Sales.GetSaleOrderStatusAsync(order.OrderId);
        Assert.Equal("cancel", status.State);
        Assert.All(status.PickingIds, id => Assert.Equal("cancel", h.Get("stock.picking", id)["state"]));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task A_wrong_api_key_is_an_authentication_error(int version)
    {
        await using var h = await OdooHarness.StartAsync(version, o => o.ApiKey = "wrong-key");

        await Assert.ThrowsAsync<OdooAuthenticationException>(() => h.Sales.GetSaleOrderStatusAsync(1));
    }

    [Theory]
    [MemberData(nameof(Versions.All), MemberType = typeof(Versions))]
    public async Task The_version_is_detected_from_the_server(int version)
    {
        await using var h = await OdooHarness.StartAsync(version);

        Assert.Equal(version, await h.Client.GetVersionAsync());
    }
}
