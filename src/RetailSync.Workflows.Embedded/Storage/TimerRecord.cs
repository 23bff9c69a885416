namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>A persisted durable timer: deliver <paramref name="Message"/> to the instance at <paramref name="FireAt"/>.</summary>
public sealed record TimerRecord(string Id, DateTimeOffset FireAt, string InstanceId, InboxMessage Message);
