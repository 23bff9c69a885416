using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using RetailSync.Local;
using RetailSync.Testing;

namespace RetailSync.Demo.Tests;

/// <summary>The local host on a free loopback port against the test Azurite, ingestion only (dispatcher off, workflows in memory).</summary>
internal static class TestLocalHost
{
    public static WebApplication Create(AzuriteFixture azurite, Dictionary<string, string?> settings) =>
        LocalHost.Create([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
            {
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Queues:Events"] = azurite.UniqueName("events"),
                ["Dispatch:PumpEnabled"] = "false",
                ["Dispatch:SweepEnabled"] = "false",
                ["Workflows:Store"] = "InMemory",
            });
        });
}
