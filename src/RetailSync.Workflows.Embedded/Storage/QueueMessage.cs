namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>A received queue message; <paramref name="PopReceipt"/> proves the receiver still owns it.</summary>
public sealed record QueueMessage(string Id, string PopReceipt, string Body, long DequeueCount);
