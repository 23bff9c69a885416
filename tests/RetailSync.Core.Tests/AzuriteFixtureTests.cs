using Azure.Data.Tables;
using Azure.Storage.Queues;
using RetailSync.Testing;

namespace RetailSync.Core.Tests;

public class AzuriteFixtureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_fixture_serves_queues_and_tables_on_loopback()
    {
        Assert.Contains("http://127.0.0.1:", azurite.ConnectionString, StringComparison.Ordinal);

        var queue = new QueueClient(azurite.ConnectionString, azurite.UniqueName("smoke"));
        await queue.CreateAsync();
        await queue.SendMessageAsync("hello");
        var received = await queue.ReceiveMessageAsync();
        Assert.Equal("hello", received.Value.Body.ToString());

        var table = new TableClient(azurite.ConnectionString, azurite.UniqueName("smoke"));
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
        var entity = await table.GetEntityAsync<TableEntity>("p", "r");
        Assert.Equal(42, entity.Value.GetInt32("Value"));
    }
}
