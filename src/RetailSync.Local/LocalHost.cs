using RetailSync.Hosting;

namespace RetailSync.Local;

/// <summary>
/// Builds the local host: ASP.NET Core on 127.0.0.1 (port 7071 by default, like the Functions host) with
/// RetailSync's services and routes. Program.cs runs it; the demo and the benchmark start it in-process
/// (on a free port) through the same method so they exercise exactly what runs locally. Without an Odoo configured,
/// it starts the embedded Odoo sandbox (<see cref="EmbeddedOdoo"/>); without a Stripe API key, the embedded Stripe
/// sandbox (<see cref="EmbeddedStripe"/>).
/// </summary>
public static class LocalHost
{
    /// <summary>Creates the app; <paramref name="configure"/> may add configuration or replace services before it is built.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddRetailSync();
        EmbeddedOdoo.Register(builder.Services);
        EmbeddedStripe.Register(builder.Services);

        var app = builder.Build();
        app.MapRetailSync();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // Kestrel's real address (a free port when asked for 0); none under a test server.
            if (app.Urls.FirstOrDefault() is { } url && Uri.TryCreate(url, UriKind.Absolute, out var address))
            {
                app.Services.GetRequiredService<EmbeddedStripe>().HostListening(address);
            }
        });
        return app;
    }
}
