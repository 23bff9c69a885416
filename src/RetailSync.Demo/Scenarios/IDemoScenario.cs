namespace RetailSync.Demo.Scenarios;

/// <summary>
/// One channel's part of the demo: the deliveries it sends, in order. Later flows add scenarios (or extend
/// these) without touching the runner.
/// </summary>
public interface IDemoScenario
{
    /// <summary>The channel (table row).</summary>
    string Channel { get; }

    /// <summary>The deliveries, in the order a real channel would send them.</summary>
    IReadOnlyList<DemoDelivery> Deliveries(DemoContext context);
}
