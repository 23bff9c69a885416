using Microsoft.Extensions.Options;
using RetailSync.Payments;
using RetailSync.Sandbox.Stripe;

namespace RetailSync.Local;

/// <summary>
/// The embedded default for Stripe: when <c>Payments:Stripe:ApiKey</c> is not configured, the Stripe gateway is
/// pointed at the Stripe sandbox (Stripe's wire protocol, idempotency keys, signed webhooks), started on a free
/// loopback port when the payments options are first read. Its webhooks are signed with the host's first
/// <c>Webhooks:Stripe:Secrets</c> value and sent to this host's <c>/api/webhooks/stripe</c> once it listens, so a
/// refund made locally comes back as Stripe's <c>charge.refunded</c>. Setting the API key (a Stripe test account)
/// uses Stripe instead; <c>Sandbox:Stripe:Enabled=false</c> leaves no gateway. The sandbox stops with the host.
/// </summary>
public sealed class EmbeddedStripe : IPostConfigureOptions<PaymentsOptions>, IAsyncDisposable
{
    private readonly IConfiguration _configuration;
    private readonly Lock _lock = new();
    private StripeSandbox? _sandbox;
    private Uri? _webhookUrl;

    /// <summary>Creates the provider; nothing starts until the payments options are read without an API key.</summary>
    public EmbeddedStripe(IConfiguration configuration) => _configuration = configuration;

    /// <summary>The sandbox, once started.</summary>
    public StripeSandbox? Sandbox => _sandbox;

    /// <summary>Registers the embedded default and, once the host listens, points the sandbox's webhooks at it.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<EmbeddedStripe>();
        services.AddSingleton<IPostConfigureOptions<PaymentsOptions>>(sp => sp.GetRequiredService<EmbeddedStripe>());
    }

    /// <summary>Where the host listens: the sandbox sends its webhooks to <c>api/webhooks/stripe</c> under it.</summary>
    public void HostListening(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            _webhookUrl = new Uri(address, "api/webhooks/stripe");
            if (_sandbox is not null)
            {
                _sandbox.WebhookUrl = _webhookUrl;
            }
        }
    }

    /// <inheritdoc />
    public void PostConfigure(string? name, PaymentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Stripe.ApiKey) || string.Equals(_configuration["Sandbox:Stripe:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var secret = _configuration["Webhooks:Stripe:Secrets:0"] ?? _configuration["Webhooks:Stripe:Secrets"];
        if (string.IsNullOrWhiteSpace(secret))
        {
            // Without a signing secret the host refuses every Stripe delivery: a sandbox would only send into a wall.
            return;
        }

        var sandbox = Start(secret);
        options.Stripe.ApiKey = sandbox.Options.ApiKey;
        options.Stripe.ApiBase = sandbox.BaseUrl;
    }

    /// <summary>Stops the sandbox.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sandbox is { } sandbox)
        {
            await sandbox.DisposeAsync();
        }
    }

    private StripeSandbox Start(string secret)
    {
        lock (_lock)
        {
            if (_sandbox is null)
            {
                // Options are read on a thread-pool thread with no synchronization context: waiting here is safe.
                _sandbox = StripeSandbox.StartAsync(new StripeSandboxOptions { WebhookSecret = secret, WebhookUrl = _webhookUrl }).GetAwaiter().GetResult();
            }

            return _sandbox;
        }
    }
}
