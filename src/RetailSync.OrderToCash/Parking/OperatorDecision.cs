namespace RetailSync.OrderToCash.Parking;

/// <summary>
/// The payload of the <see cref="OrderToCashNames.ResolveEvent"/> external event. A decision names the exception
/// it answers; a decision for an exception the workflow is no longer parked on is recorded and ignored.
/// </summary>
/// <param name="ExceptionId">The exception record the operator resolves.</param>
/// <param name="Action">Retry, skip the step, or cancel the order.</param>
/// <param name="Note">Free text kept with the resolution.</param>
/// <param name="ResolvedBy">Who decided, when known.</param>
public sealed record OperatorDecision(string ExceptionId, OperatorAction Action, string? Note = null, string? ResolvedBy = null);
