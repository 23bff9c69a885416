namespace RetailSync.Sandbox.Stripe;

/// <summary>How a Stripe sandbox is set up: the secret key it accepts and whether refunds settle at once.</summary>
public sealed record StripeSandboxOptions
{
    /// <summary>The secret key requests must carry (<c>Authorization: Bearer ...</c>).</summary>
    public string ApiKey { get; init; } = "sk_test_retailsync_sandbox";

    /// <summary>
    /// False: refunds are created <c>pending</c> and succeed when <see cref="StripeSandbox.SettlePendingRefunds"/>
    /// is called (as bank refunds do); true: they succeed at once (card refunds usually do).
    /// </summary>
    public bool RefundsSucceedImmediately { get; init; } = true;

    /// <summary>The endpoint's signing secret for the webhooks the sandbox sends (<c>Stripe-Signature</c>).</summary>
    public string WebhookSecret { get; init; } = "whsec_retailsync_sandbox_endpoint_secret";

    /// <summary>Where webhooks go (e.g. the local host's <c>/api/webhooks/stripe</c>); none are sent while null.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Attempts per webhook before it is recorded as failed (Stripe retries for days; a sandbox, briefly).</summary>
    public int WebhookAttempts { get; init; } = 3;

    /// <summary>Clock for <c>created</c> timestamps and signatures.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
