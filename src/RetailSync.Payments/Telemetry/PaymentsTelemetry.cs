using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RetailSync.Payments.Telemetry;

/// <summary>Traces and metrics of gateway calls: <c>RetailSync.Payments</c>.</summary>
public static class PaymentsTelemetry
{
    public const string Name = RetailSync.Telemetry.RetailSyncTelemetry.Payments;

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Refund calls by gateway and outcome (pending, succeeded, failed, canceled, requires_action, error, transient).</summary>
    internal static readonly Counter<long> Refunds = Meter.CreateCounter<long>("retailsync.payments.refunds", description: "Refund calls to a payment gateway, by outcome.");

    /// <summary>Duration of gateway calls.</summary>
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("retailsync.payments.duration", unit: "s", description: "Duration of payment gateway calls.");
}
