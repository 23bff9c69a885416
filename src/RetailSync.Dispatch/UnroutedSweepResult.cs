namespace RetailSync.Dispatch;

/// <summary>What one sweep of the unrouted table did.</summary>
/// <param name="Released">Parked events raised (or found handled) and removed.</param>
/// <param name="StillParked">Events still waiting for their order or return.</param>
/// <param name="Overdue">Exception records raised in this sweep for events past the deadline.</param>
/// <param name="Failed">Parked events this sweep could not process (retried next sweep).</param>
public sealed record UnroutedSweepResult(int Released, int StillParked, int Overdue, int Failed);
