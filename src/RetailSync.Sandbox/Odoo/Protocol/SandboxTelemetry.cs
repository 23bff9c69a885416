using System.Diagnostics.Metrics;

namespace RetailSync.Sandbox.Odoo.Protocol;

/// <summary>Metrics of the sandbox Odoo: calls served and faults injected, tagged by model and method.</summary>
internal static class SandboxTelemetry
{
    public const string MeterName = "RetailSync.Sandbox.Odoo";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("retailsync.sandbox.odoo.calls", description: "RPC calls received by the sandbox Odoo");

    public static readonly Counter<long> Faults = Meter.CreateCounter<long>("retailsync.sandbox.odoo.faults", description: "Faults injected by the sandbox Odoo");
}
