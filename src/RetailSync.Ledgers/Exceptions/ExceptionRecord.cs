namespace RetailSync.Ledgers.Exceptions;

/// <summary>One exception record as stored.</summary>
public sealed record ExceptionRecord(
    string Id,
    string Kind,
    string Reason,
    string? InstanceId,
    string? BusinessKey,
    string? EventId,
    string? PayloadExcerpt,
    string? OdooResponse,
    ExceptionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string? Resolution,
    string? ResolvedBy);
