using System.Text.Json;
using RetailSync.Events;

namespace RetailSync.Dispatch.Parsing;

/// <summary>A queue message read as a RetailSync CloudEvent: the attributes routing needs, and the data.</summary>
internal sealed record RetailEvent(
    string Id,
    string Type,
    string Subject,
    BusinessKey SubjectKey,
    string Channel,
    DateTimeOffset? Time,
    string? SourceVersion,
    DateTimeOffset? SourceVersionInstant,
    string? CorrelationId,
    BusinessKey? OrderKey,
    BusinessKey? ReturnKey,
    string? PaymentReference,
    string? TraceParent,
    string? TraceState,
    JsonElement Data,
    string ContentType,
    ReadOnlyMemory<byte> Body);
