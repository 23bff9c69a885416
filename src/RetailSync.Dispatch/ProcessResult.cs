namespace RetailSync.Dispatch;

/// <summary>The disposition of one event, the instance concerned, and for retries how long to wait.</summary>
internal sealed record ProcessResult(Disposition Disposition, string? InstanceId = null, TimeSpan Delay = default, string? Detail = null)
{
    /// <summary>True when a parked copy of the event is no longer needed.</summary>
    public bool SettlesParkedEvent => Disposition is not (Disposition.Parked or Disposition.InProgress or Disposition.ClaimLost);
}
