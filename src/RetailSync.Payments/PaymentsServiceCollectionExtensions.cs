using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailSync.Payments.Stripe;

namespace RetailSync.Payments;

/// <summary>Registers the payment gateways and the <see cref="PaymentGateways"/> registry.</summary>
public static class PaymentsServiceCollectionExtensions
{
    /// <summary>The <see cref="HttpClient"/> name of the Stripe gateway.</summary>
    public const string StripeHttpClientName = "RetailSync.Payments.Stripe";

    /// <summary>
    /// Binds <c>Payments</c>; registers the Stripe gateway when <c>Payments:Stripe:ApiKey</c> is set. A payment
    /// reference naming an unregistered gateway is one the channel refunds itself.
    /// </summary>
    public static IServiceCollection AddRetailSyncPayments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PaymentsOptions>().Bind(configuration.GetSection(PaymentsOptions.SectionName))
            .Validate(o => o.Stripe.ApiBase.IsAbsoluteUri && o.Stripe.Timeout > TimeSpan.Zero && o.Stripe.MaxNetworkRetries >= 0,
                "Payments:Stripe:ApiBase must be an absolute URI, Timeout positive, MaxNetworkRetries >= 0.")
            .ValidateOnStart();
        services.AddHttpClient(StripeHttpClientName);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PaymentsOptions>>().Value;
            var gateways = new List<PaymentGateway>();
            if (!string.IsNullOrWhiteSpace(options.Stripe.ApiKey))
            {
                gateways.Add(new StripePaymentGateway(
                    options.Stripe,
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripeHttpClientName),
                    sp.GetRequiredService<ILogger<StripePaymentGateway>>()));
            }

            return new PaymentGateways(gateways);
        });
        return services;
    }
}
