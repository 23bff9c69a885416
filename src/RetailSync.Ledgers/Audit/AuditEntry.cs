namespace RetailSync.Ledgers.Audit;

/// <summary>One line of the audit trail: something that happened to one event.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Action">What happened (<see cref="AuditActions"/>).</param>
/// <param name="At">When.</param>
/// <param name="Type">The event's type, when known.</param>
/// <param name="Subject">The event's subject, when known.</param>
/// <param name="InstanceId">The workflow instance concerned, when there is one.</param>
/// <param name="Detail">Anything else worth knowing (never payloads or secrets).</param>
public sealed record AuditEntry(
    string EventId,
    string Action,
    DateTimeOffset At,
    string? Type = null,
    string? Subject = null,
    string? InstanceId = null,
    string? Detail = null);
