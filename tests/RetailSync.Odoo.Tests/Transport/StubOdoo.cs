using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RetailSync.Odoo.Tests.Transport;

/// <summary>Builds a client wired exactly as in production (AddOdooClient) over a stub primary handler.</summary>
internal static class StubOdoo
{
    public static ServiceProvider Create(StubOdooHandler handler, Action<OdooClientOptions>? configure = null, ILoggerProvider? logs = null, Action<IServiceCollection>? services2 = null)
    {
        var services = new ServiceCollection();
        services2?.Invoke(services);
        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }

        services.AddOdooClient(o =>
        {
            o.BaseUrl = new Uri("http://odoo.test");
            o.Database = "retailsync";
            o.Login = "admin";
            o.ApiKey = "secret-api-key-123";
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(o);
        });
        services.AddHttpClient(OdooClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }

    /// <summary>Answers common.version (17) and authenticate (uid 2), and delegates model calls.</summary>
    public static StubOdooHandler JsonRpc(Func<StubRequest, Task<HttpResponseMessage>> onExecuteKw, int version = 17) =>
        new(request => request.RpcMethod switch
        {
            "version" => Task.FromResult(StubOdooHandler.RpcResult(request, $$"""{"server_version":"{{version}}.0","server_version_info":[{{version}},0,0,"final",0,""],"server_serie":"{{version}}.0","protocol_version":1}""")),
            "authenticate" => Task.FromResult(StubOdooHandler.RpcResult(request, "2")),
            _ => onExecuteKw(request),
        });
}
