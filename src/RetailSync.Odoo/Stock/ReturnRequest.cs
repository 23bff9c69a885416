namespace RetailSync.Odoo;

/// <summary>
/// A return of chosen lines of a delivered order. Idempotent on <see cref="ReturnReference"/> (e.g. the RMA id),
/// which is written as the return picking's <c>origin</c>.
/// </summary>
public sealed record ReturnRequest(long OrderId, string ReturnReference, IReadOnlyList<ReturnLineRequest> Lines);
