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

    /// <summary>Clock for <c>created</c> timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
