namespace RetailSync.Odoo;

/// <summary>The incoming return picking; <see cref="Created"/> is false when it already existed.</summary>
public sealed record ReturnRef(long PickingId, string PickingName, string State, string ReturnReference, bool Created);
