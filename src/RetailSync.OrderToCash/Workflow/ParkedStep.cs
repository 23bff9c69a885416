namespace RetailSync.OrderToCash.Workflow;

/// <summary>Where a parked order is stuck: the exception record, the step and why, since when.</summary>
public sealed record ParkedStep(string ExceptionId, string Kind, string Step, string Reason, DateTime Since, bool Escalated);
