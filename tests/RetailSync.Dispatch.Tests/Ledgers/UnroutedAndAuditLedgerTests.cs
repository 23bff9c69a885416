using Azure.Data.Tables;
using RetailSync.Dispatch.Tests.Support;
using RetailSync.Ledgers;
using RetailSync.Ledgers.Audit;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Unrouted;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Ledgers;

[Collection(AzuriteCollection.Name)]
public sealed class UnroutedAndAuditLedgerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);

    private UnroutedLedgerClient NewUnrouted() =>
        new(new TableServiceClient(azurite.ConnectionString), new LedgerOptions { UnroutedTable = azurite.UniqueName("unrouted") });

    [Fact]
    public async Task Parked_events_are_listed_by_reference_keep_their_first_park_time_and_are_removed()
    {
        var ledger = NewUnrouted();
        var reference = new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_123");
        var body = new byte[150_000];
        new Random(7).NextBytes(body);

        await ledger.ParkAsync(new ParkedEvent("evt-1", reference, "retail.payment.captured", "payment/stripe/pi_123", "application/cloudevents+json", body, Now));
        var again = await ledger.ParkAsync(new ParkedEvent("evt-1", reference, "retail.payment.captured", "payment/stripe/pi_123", "application/cloudevents+json", body, Now.AddHours(1)));
        await ledger.ParkAsync(new ParkedEvent("evt-2", new ExternalReference(ReferenceSystems.PaymentReference, "stripe/pi_999"), "t", "payment/stripe/pi_999", "c", new byte[] { 1 }, Now));

        var listed = Assert.Single(await ledger.ListAsync(reference));
        Assert.Equal(Now, again.ParkedAt);
        Assert.Equal(body, listed.Body.ToArray());
        Assert.Equal("payment/stripe/pi_123", listed.Subject);
        Assert.Equal(2, await CountAsync(ledger));

        await ledger.MarkExceptionAsync(listed, "unrouted-evt-1");
        Assert.Equal("unrouted-evt-1", Assert.Single(await ledger.ListAsync(reference)).ExceptionId);
        Assert.True(await ledger.RemoveAsync(reference, "evt-1"));
        Assert.False(await ledger.RemoveAsync(reference, "evt-1"));
        Assert.Empty(await ledger.ListAsync(reference));
    }

    [Fact]
    public async Task Audit_trail_lists_what_happened_to_an_event_in_order()
    {
        var audit = new AuditTrailClient(new TableServiceClient(azurite.ConnectionString), new LedgerOptions { AuditTable = azurite.UniqueName("audit") });

        await audit.AppendAsync(new AuditEntry("evt/1", AuditActions.Parked, Now, "retail.payment.captured", "payment/stripe/pi_1", null, "paymentref|stripe/pi_1"));
        await audit.AppendAsync(new AuditEntry("evt/1", AuditActions.Released, Now.AddMinutes(1), "retail.payment.captured", "payment/stripe/pi_1", "order:shopify:a/1"));
        await audit.AppendAsync(new AuditEntry("evt/2", AuditActions.Routed, Now, "retail.order.placed"));

        var entries = await audit.ListAsync("evt/1");

        Assert.Equal([AuditActions.Parked, AuditActions.Released], entries.Select(e => e.Action));
        Assert.Equal("order:shopify:a/1", entries[1].InstanceId);
    }

    private static async Task<int> CountAsync(UnroutedLedgerClient ledger)
    {
        var count = 0;
        await foreach (var _ in ledger.ListAllAsync())
        {
            count++;
        }

        return count;
    }
}
