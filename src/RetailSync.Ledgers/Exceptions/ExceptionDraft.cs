namespace RetailSync.Ledgers.Exceptions;

/// <summary>
/// What a workflow or the dispatcher reports when something needs an operator. Give a deterministic
/// <see cref="Id"/> (e.g. derived from the instance id and step) from activities, which may run twice: recording
/// the same id again returns the first record.
/// </summary>
public sealed record ExceptionDraft
{
    /// <summary>Caller-chosen id; null lets the ledger make one (ordered by creation time).</summary>
    public string? Id { get; init; }

    /// <summary>What went wrong, as a short machine-friendly code (<c>unknown-sku</c>, <c>dead-lettered</c>...).</summary>
    public required string Kind { get; init; }

    /// <summary>Why, in words an operator understands.</summary>
    public required string Reason { get; init; }

    /// <summary>The workflow instance concerned, when there is one.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The business object concerned (subject form).</summary>
    public string? BusinessKey { get; init; }

    /// <summary>The event concerned.</summary>
    public string? EventId { get; init; }

    /// <summary>The payload concerned. Secrets and card numbers are redacted and it is shortened before storing.</summary>
    public string? Payload { get; init; }

    /// <summary>Odoo's reply, when Odoo refused something (redacted and shortened the same way).</summary>
    public string? OdooResponse { get; init; }
}
