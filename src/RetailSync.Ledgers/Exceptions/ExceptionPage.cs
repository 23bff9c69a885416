namespace RetailSync.Ledgers.Exceptions;

/// <summary>One page of exception records, and the token for the next (null on the last page).</summary>
public sealed record ExceptionPage(IReadOnlyList<ExceptionRecord> Items, string? ContinuationToken);
