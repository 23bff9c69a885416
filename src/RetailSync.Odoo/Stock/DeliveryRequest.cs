namespace RetailSync.Odoo;

/// <summary>
/// A shipment reported by the warehouse for an order. Idempotent on <see cref="TrackingReference"/>,
/// which is written on the picking (<c>carrier_tracking_ref</c>).
/// </summary>
public sealed record DeliveryRequest(long OrderId, string TrackingReference, IReadOnlyList<ShippedQuantity> Lines)
{
    public BackorderPolicy Backorder { get; init; } = BackorderPolicy.CreateBackorder;

    /// <summary>When true, quantities Odoo did not reserve are shipped anyway (on-hand may go negative); otherwise Odoo's refusal is reported.</summary>
    public bool ShipUnreserved { get; init; }
}
