using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using RetailSync.Dispatch.Tests.Support;
using RetailSync.Ledgers;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Ledgers;

[Collection(AzuriteCollection.Name)]
public sealed class ExceptionLedgerTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero));

    private ExceptionLedgerClient NewLedger() =>
        new(new TableServiceClient(azurite.ConnectionString), new LedgerOptions { ExceptionsTable = azurite.UniqueName("exceptions"), PayloadExcerptLength = 300 }, _time);

    private static ExceptionDraft Draft(string? id = null, string instance = "order:shopify:a/1") => new()
    {
        Id = id,
        Kind = "unknown-sku",
        Reason = "SKU ABC-1 is not in Odoo",
        InstanceId = instance,
        BusinessKey = "order/shopify/a/1",
        EventId = "evt-1",
        Payload = """{"sku":"ABC-1","qty":2}""",
        OdooResponse = """{"error":"not found"}""",
    };

    [Fact]
    public async Task Recorded_exception_is_open_and_readable()
    {
        var ledger = NewLedger();

        var record = await ledger.RecordAsync(Draft());
        var read = await ledger.GetAsync(record.Id);

        Assert.NotNull(read);
        Assert.Equal(ExceptionStatus.Open, read.Status);
        Assert.Equal("unknown-sku", read.Kind);
        Assert.Equal("order:shopify:a/1", read.InstanceId);
        Assert.Equal("evt-1", read.EventId);
        Assert.Equal(_time.GetUtcNow(), read.CreatedAt);
        Assert.Contains("ABC-1", read.PayloadExcerpt, StringComparison.Ordinal);
        Assert.Contains("not found", read.OdooResponse, StringComparison.Ordinal);
        Assert.Null(read.ResolvedAt);
    }

    [Fact]
    public async Task Recording_the_same_id_twice_keeps_the_first_record()
    {
        var ledger = NewLedger();

        var first = await ledger.RecordAsync(Draft("o2c:order:shopify:a/1:sku"));
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await ledger.RecordAsync(Draft("o2c:order:shopify:a/1:sku") with { Reason = "changed" });

        Assert.Equal(first, second);
        Assert.Single((await ledger.ListOpenAsync()).Items);
    }

    [Fact]
    public async Task Open_records_page_and_resolved_ones_leave_the_list()
    {
        var ledger = NewLedger();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await ledger.RecordAsync(Draft($"ex-{i}"))).Id);
        }

        var resolved = await ledger.ResolveAsync("ex-2", "skip-step", "ops@example.com");
        _time.Advance(TimeSpan.FromMinutes(1));
        var resolvedAgain = await ledger.ResolveAsync("ex-2", "cancel", "someone-else");

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ledger.ListOpenAsync(2, token);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(r => r.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(["ex-0", "ex-1", "ex-3", "ex-4"], seen);
        Assert.Equal(ExceptionStatus.Resolved, resolved!.Status);
        Assert.Equal("skip-step", resolvedAgain!.Resolution);
        Assert.Equal(resolved.ResolvedAt, resolvedAgain.ResolvedAt);
        Assert.Null(await ledger.ResolveAsync("no-such", "retry"));
    }

    [Fact]
    public async Task Records_of_one_instance_are_listed_open_and_resolved()
    {
        var ledger = NewLedger();
        await ledger.RecordAsync(Draft("a1", "order:shopify:a/1"));
        await ledger.RecordAsync(Draft("a2", "order:shopify:a/1"));
        await ledger.RecordAsync(Draft("b1", "order:shopify:b/1"));
        await ledger.ResolveAsync("a2", "retry");

        var page = await ledger.ListByInstanceAsync("order:shopify:a/1");

        Assert.Equal(["a1", "a2"], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Payload_secrets_and_card_numbers_never_reach_the_ledger_and_long_payloads_are_cut()
    {
        var ledger = NewLedger();
        var payload = """{"card":{"number":"4242 4242 4242 4242","cvc":"123"},"api_key":"abc","note":"key sk_live_51Habc and order 1001","nested":[{"client_secret":"pi_1_secret_x"}]}""";

        var record = await ledger.RecordAsync(Draft() with { Payload = payload, OdooResponse = new string('x', 5000) });

        Assert.DoesNotContain("4242", record.PayloadExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("\"123\"", record.PayloadExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("abc\"", record.PayloadExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live_", record.PayloadExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("pi_1_secret_x", record.PayloadExcerpt, StringComparison.Ordinal);
        Assert.Contains("order 1001", record.PayloadExcerpt, StringComparison.Ordinal);
        Assert.True(record.OdooResponse!.Length < 400);
        Assert.EndsWith("(truncated)", record.OdooResponse, StringComparison.Ordinal);
    }
}
