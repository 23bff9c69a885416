using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RetailSync.Sandbox.Stripe;
using Stripe;

namespace RetailSync.Payments.Tests;

/// <summary>The Stripe sandbox sends Stripe's signed webhooks; Stripe.net's own verification accepts them.</summary>
public sealed class StripeSandboxWebhookTests
{
    [Fact]
    public async Task Payments_refunds_and_settlements_arrive_as_signed_events_in_order()
    {
        var received = new ConcurrentQueue<Event>();
        await using var receiver = await StartReceiverAsync(received, "whsec_test_endpoint");
        var endpoint = new Uri(receiver.Urls.First() + "/webhooks/stripe");
        await using var h = await StripeHarness.StartAsync(new StripeSandboxOptions { WebhookUrl = endpoint, WebhookSecret = "whsec_test_endpoint", RefundsSucceedImmediately = false });

        var payment = await h.PaymentAsync(5_750);
        var refund = await h.Gateway.RefundAsync(new GatewayRefundRequest(payment, 25.00m, "USD", "k-1")
        {
            Metadata = new Dictionary<string, string> { ["return_key"] = "return/loop/RMA-1" },
        });
        h.Sandbox.SettlePendingRefunds();
        await h.Sandbox.WebhooksSentAsync();

        Assert.Equal(["payment_intent.succeeded", "charge.refunded", "charge.refund.updated"], received.Select(e => e.Type));
        Assert.All(h.Sandbox.WebhookDeliveries, d => Assert.Equal(200, d.StatusCode));
        var charge = Assert.IsType<Charge>(received.ElementAt(1).Data.Object);
        Assert.Equal(payment, charge.PaymentIntentId);
        Assert.Equal(2_500, charge.AmountRefunded);
        var settled = Assert.IsType<Refund>(received.ElementAt(2).Data.Object);
        Assert.Equal((refund.RefundId, "succeeded", "return/loop/RMA-1"), (settled.Id, settled.Status, settled.Metadata["return_key"]));
    }

    [Fact]
    public async Task A_webhook_signed_with_another_secret_is_refused_and_recorded_as_failed()
    {
        var received = new ConcurrentQueue<Event>();
        await using var receiver = await StartReceiverAsync(received, "whsec_the_real_one");
        await using var h = await StripeHarness.StartAsync(new StripeSandboxOptions { WebhookUrl = new Uri(receiver.Urls.First() + "/webhooks/stripe"), WebhookSecret = "whsec_stale", WebhookAttempts = 2 });

        await h.PaymentAsync(1_000);
        await h.Sandbox.WebhooksSentAsync();

        Assert.Empty(received);
        var delivery = Assert.Single(h.Sandbox.WebhookDeliveries);
        Assert.Equal((400, 2), (delivery.StatusCode, delivery.Attempts));
    }

    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<Event> received, string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/webhooks/stripe", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync();
            try
            {
                received.Enqueue(EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"], secret, throwOnApiVersionMismatch: false));
                return Results.Ok();
            }
            catch (StripeException)
            {
                return Results.BadRequest();
            }
        });
        await app.StartAsync();
        return app;
    }
}
