namespace RetailSync.OrderToCash.Activities;

/// <summary>
/// What an order-to-cash activity returns: its value, or the business problem that stops it. Transient failures
/// are not problems: they are thrown, so the workflow's retry policy retries them.
/// </summary>
public sealed record StepOutcome<T>(T? Value, StepProblem? Problem = null);
