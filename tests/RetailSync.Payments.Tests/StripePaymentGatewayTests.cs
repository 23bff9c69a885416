using RetailSync.Sandbox.Stripe;

namespace RetailSync.Payments.Tests;

/// <summary>The Stripe adapter over Stripe.net against the Stripe sandbox: money moves once per idempotency key.</summary>
public sealed class StripePaymentGatewayTests
{
    private static GatewayRefundRequest Refund(string paymentId, decimal amount, string key, string currency = "USD") =>
        new(paymentId, amount, currency, key)
        {
            Reason = "return RMA-1: 1 x TEE-BLK-M",
            Metadata = new Dictionary<string, string> { ["return_key"] = "return/loop/RMA-1", ["order_key"] = "order/shopify/acme.myshopify.com/1001" },
        };

    [Fact]
    public async Task A_refund_is_made_with_its_metadata_and_reported_succeeded()
    {
        await using var h = await StripeHarness.StartAsync();
        var payment = await h.PaymentAsync(5_750);

        var refund = await h.Gateway.RefundAsync(Refund(payment, 25.00m, "return:loop:RMA-1:lines-1"));

        Assert.Equal(GatewayRefundState.Succeeded, refund.State);
        Assert.Equal(25.00m, refund.Amount);
        Assert.Equal("USD", refund.Currency);
        Assert.Equal(payment, refund.PaymentId);
        var stored = Assert.Single(h.Sandbox.Refunds);
        Assert.Equal(2_500, stored.Amount);
        Assert.Equal("return/loop/RMA-1", stored.Metadata["return_key"]);
        Assert.Equal("return RMA-1: 1 x TEE-BLK-M", stored.Metadata["reason"]);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_refund_and_moves_no_more_money()
    {
        await using var h = await StripeHarness.StartAsync();
        var payment = await h.PaymentAsync(5_750);

        var first = await h.Gateway.RefundAsync(Refund(payment, 25.00m, "return:loop:RMA-1:lines-1"));
        var second = await h.Gateway.RefundAsync(Refund(payment, 25.00m, "return:loop:RMA-1:lines-1"));

        Assert.Equal(first.RefundId, second.RefundId);
        Assert.Single(h.Sandbox.Refunds);
        Assert.Equal(2_500, h.Sandbox.RefundedAmount(payment));
    }

    [Fact]
    public async Task A_reply_lost_after_the_refund_was_made_is_retried_by_stripe_net_with_the_same_key_and_refunds_once()
    {
        await using var h = await StripeHarness.StartAsync(maxNetworkRetries: 2);
        var payment = await h.PaymentAsync(10_000);
        h.Sandbox.Faults.LoseReplyAfterRefund();

        var refund = await h.Gateway.RefundAsync(Refund(payment, 40.00m, "return:loop:RMA-2:lines-1"));

        Assert.Equal(0, h.Sandbox.Faults.Armed);
        Assert.Equal(2, h.Sandbox.RefundCalls);
        Assert.Equal(Assert.Single(h.Sandbox.Refunds).Id, refund.RefundId);
    }

    [Fact]
    public async Task Without_client_retries_a_lost_reply_is_a_transient_failure_and_our_retry_finds_the_refund()
    {
        await using var h = await StripeHarness.StartAsync(maxNetworkRetries: 0);
        var payment = await h.PaymentAsync(10_000);
        h.Sandbox.Faults.LoseReplyAfterRefund();

        var error = await Assert.ThrowsAsync<PaymentGatewayException>(() => h.Gateway.RefundAsync(Refund(payment, 40.00m, "return:loop:RMA-3:lines-1")));
        var retried = await h.Gateway.RefundAsync(Refund(payment, 40.00m, "return:loop:RMA-3:lines-1"));

        Assert.True(error.IsTransient);
        Assert.Equal("stripe", error.Gateway);
        Assert.Equal(Assert.Single(h.Sandbox.Refunds).Id, retried.RefundId);
    }

    [Fact]
    public async Task A_server_error_is_transient_and_refunds_nothing()
    {
        await using var h = await StripeHarness.StartAsync(maxNetworkRetries: 0);
        var payment = await h.PaymentAsync(10_000);
        h.Sandbox.Faults.FailNextRefunds();

        var error = await Assert.ThrowsAsync<PaymentGatewayException>(() => h.Gateway.RefundAsync(Refund(payment, 10.00m, "k-500")));

        Assert.True(error.IsTransient);
        Assert.Empty(h.Sandbox.Refunds);
    }

    [Fact]
    public async Task Refunding_more_than_remains_is_a_business_refusal_with_stripes_code()
    {
        await using var h = await StripeHarness.StartAsync();
        var payment = await h.PaymentAsync(5_000);
        await h.Gateway.RefundAsync(Refund(payment, 30.00m, "k-1"));

        var error = await Assert.ThrowsAsync<PaymentGatewayException>(() => h.Gateway.RefundAsync(Refund(payment, 30.00m, "k-2")));

        Assert.False(error.IsTransient);
        Assert.Equal("amount_too_large", error.Code);
        Assert.Equal(3_000, h.Sandbox.RefundedAmount(payment));
    }

    [Fact]
    public async Task A_key_reused_for_a_different_refund_is_refused_not_applied()
    {
        await using var h = await StripeHarness.StartAsync();
        var payment = await h.PaymentAsync(5_000);
        await h.Gateway.RefundAsync(Refund(payment, 10.00m, "k-same"));

        var error = await Assert.ThrowsAsync<PaymentGatewayException>(() => h.Gateway.RefundAsync(Refund(payment, 12.00m, "k-same")));

        Assert.Equal("idempotency_error", error.Code);
        Assert.False(error.IsTransient);
        Assert.Single(h.Sandbox.Refunds);
    }

    [Fact]
    public async Task Zero_decimal_currencies_are_sent_in_whole_units()
    {
        await using var h = await StripeHarness.StartAsync();
        var payment = await h.PaymentAsync(5_000, "jpy");

        var refund = await h.Gateway.RefundAsync(Refund(payment, 1200m, "k-jpy", "JPY"));

        Assert.Equal(1200m, refund.Amount);
        Assert.Equal("JPY", refund.Currency);
        Assert.Equal(1_200, Assert.Single(h.Sandbox.Refunds).Amount);
    }

    [Fact]
    public async Task A_pending_refund_is_not_a_completed_one_until_stripe_settles_it()
    {
        await using var h = await StripeHarness.StartAsync(new StripeSandboxOptions { RefundsSucceedImmediately = false });
        var payment = await h.PaymentAsync(5_000);

        var refund = await h.Gateway.RefundAsync(Refund(payment, 20.00m, "k-pending"));
        Assert.Equal(GatewayRefundState.Pending, refund.State);
        Assert.Equal(GatewayRefundState.Pending, (await h.Gateway.GetRefundAsync(refund.RefundId))!.State);

        Assert.Equal(1, h.Sandbox.SettlePendingRefunds());
        Assert.Equal(GatewayRefundState.Succeeded, (await h.Gateway.GetRefundAsync(refund.RefundId))!.State);
    }

    [Fact]
    public async Task An_unknown_refund_id_is_null_and_a_wrong_key_is_refused()
    {
        await using var h = await StripeHarness.StartAsync();
        Assert.Null(await h.Gateway.GetRefundAsync("re_missing"));

        await using var wrong = await StripeHarness.StartAsync(apiKey: "sk_test_wrong");
        var error = await Assert.ThrowsAsync<PaymentGatewayException>(() => wrong.Gateway.RefundAsync(Refund("pi_x", 1m, "k")));
        Assert.False(error.IsTransient);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }
}
