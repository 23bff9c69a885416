using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Dispatch.Tests.Support;
using RetailSync.Ledgers;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Ledgers;

[Collection(AzuriteCollection.Name)]
public sealed class CrossReferenceLedgerTests(AzuriteFixture azurite)
{
    private CrossReferenceLedgerClient NewLedger() =>
        new(new TableServiceClient(azurite.ConnectionString), new LedgerOptions { CrossReferencesTable = azurite.UniqueName("xrefs") }, new FakeTimeProvider());

    [Fact]
    public async Task Links_are_queryable_in_both_directions()
    {
        var ledger = NewLedger();
        const string order = "order/shopify/acme.myshopify.com/1001";
        await ledger.LinkAsync(order, new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_123"));
        await ledger.LinkAsync(order, new ExternalReference(ReferenceSystems.OdooSaleOrder, "42"));
        await ledger.LinkAsync(order, new ExternalReference(ReferenceSystems.OdooSaleOrderName, "S00042"));
        await ledger.LinkAsync(order, new ExternalReference(ReferenceSystems.Return, "return/loop/R-77"));

        Assert.Equal(order, await ledger.FindBusinessKeyAsync(new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_123"), "order"));
        Assert.Equal(order, await ledger.FindBusinessKeyAsync(new ExternalReference(ReferenceSystems.OdooSaleOrder, "42")));
        Assert.Equal(order, await ledger.FindBusinessKeyAsync(new ExternalReference(ReferenceSystems.Return, "return/loop/R-77")));
        Assert.Equal("42", await ledger.GetReferenceAsync(order, ReferenceSystems.OdooSaleOrder));
        Assert.Equal("S00042", await ledger.GetReferenceAsync(order, ReferenceSystems.OdooSaleOrderName));
        Assert.Equal(4, (await ledger.GetReferencesAsync(order)).Count);
        Assert.Null(await ledger.FindBusinessKeyAsync(new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_999")));
        Assert.Null(await ledger.GetReferenceAsync("order/shopify/acme.myshopify.com/1002", ReferenceSystems.OdooSaleOrder));
    }

    [Fact]
    public async Task Linking_twice_is_idempotent_and_unlinking_removes_both_directions()
    {
        var ledger = NewLedger();
        const string order = "order/pos/store-1/77";
        var reference = new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_1");

        await ledger.LinkAsync(order, reference);
        await ledger.LinkAsync(order, reference);

        Assert.Single(await ledger.FindBusinessKeysAsync(reference));
        Assert.Single(await ledger.GetReferencesAsync(order));
        Assert.True(await ledger.UnlinkAsync(order, reference));
        Assert.Empty(await ledger.FindBusinessKeysAsync(reference));
        Assert.Empty(await ledger.GetReferencesAsync(order));
        Assert.False(await ledger.UnlinkAsync(order, reference));
    }

    [Fact]
    public async Task A_reference_shared_by_two_keys_returns_both_and_kind_filters_them()
    {
        var ledger = NewLedger();
        var reference = new ExternalReference(ReferenceSystems.Shipment, "shipment/warehouse/SHP-9");
        await ledger.LinkAsync("order/shopify/a/2", reference);
        await ledger.LinkAsync("return/loop/R-1", reference);

        Assert.Equal(["order/shopify/a/2", "return/loop/R-1"], await ledger.FindBusinessKeysAsync(reference));
        Assert.Equal("return/loop/R-1", await ledger.FindBusinessKeyAsync(reference, "return"));
    }
}
