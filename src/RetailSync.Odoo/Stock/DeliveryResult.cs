namespace RetailSync.Odoo;

/// <summary>The validated delivery; <see cref="AlreadyDone"/> is true when an earlier call had validated it.</summary>
public sealed record DeliveryResult(long PickingId, string PickingName, string State, long? BackorderId, bool AlreadyDone);
