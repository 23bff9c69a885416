namespace RetailSync.Odoo;

/// <summary>A registered payment; <see cref="Created"/> is false when one with the same memo existed.</summary>
public sealed record PaymentRef(long PaymentId, string? Name, string State, decimal Amount, string Memo, bool Created);
