using RetailSync.Odoo;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Input of <see cref="ValidateDeliveryActivity"/>; <see cref="ShipmentKey"/> is the shipment's subject.</summary>
public sealed record ValidateDeliveryInput(string BusinessKey, string? ShipmentKey, DeliveryRequest Delivery);
