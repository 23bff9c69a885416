namespace RetailSync.Events;

/// <summary>Data of <c>retail.shipment.dispatched</c>, <c>retail.shipment.updated</c> and <c>retail.shipment.delivered</c>.</summary>
/// <param name="ShipmentKey">Subject form of the shipment's <see cref="BusinessKey"/>.</param>
/// <param name="Channel">Who shipped (<c>warehouse</c>) or recorded the fulfilment (<c>shopify</c>).</param>
/// <param name="ChannelShipmentId">The channel's shipment or fulfilment id.</param>
/// <param name="OrderKey">Subject form of the order shipped, when known.</param>
/// <param name="Status">The shipment status (<c>dispatched</c>, <c>in_transit</c>, <c>delivered</c>, ...).</param>
/// <param name="Carrier">The carrier (<c>UPS</c>, <c>DHL</c>), when known.</param>
/// <param name="Service">The carrier service level, when known.</param>
/// <param name="TrackingNumbers">Tracking numbers (a shipment may have several parcels).</param>
/// <param name="TrackingUrl">A tracking link, when known.</param>
/// <param name="IsPartial">True when this shipment leaves units of the order still to ship.</param>
/// <param name="Lines">What was shipped.</param>
/// <param name="OccurredAt">When it was dispatched (or delivered).</param>
public sealed record ShipmentData(
    string ShipmentKey,
    string Channel,
    string ChannelShipmentId,
    string? OrderKey,
    string Status,
    string? Carrier,
    string? Service,
    IReadOnlyList<string> TrackingNumbers,
    string? TrackingUrl,
    bool IsPartial,
    IReadOnlyList<ShipmentLine> Lines,
    DateTimeOffset OccurredAt);
