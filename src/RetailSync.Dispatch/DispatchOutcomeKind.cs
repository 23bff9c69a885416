namespace RetailSync.Dispatch;

/// <summary>How a host settles a message after dispatch.</summary>
public enum DispatchOutcomeKind
{
    /// <summary>Delete the message: it was handled (raised, parked, recorded, or a duplicate).</summary>
    Completed = 0,

    /// <summary>Make it visible again after the delay (Abandon); its delivery count grows.</summary>
    RetryLater = 1,

    /// <summary>Move it to the dead-letter queue; an exception record names it.</summary>
    DeadLetter = 2,
}
