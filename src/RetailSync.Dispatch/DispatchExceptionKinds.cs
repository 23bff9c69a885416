namespace RetailSync.Dispatch;

/// <summary><c>Kind</c> values of the exception records the dispatcher writes.</summary>
public static class DispatchExceptionKinds
{
    /// <summary>The message is not a valid RetailSync CloudEvent; dead-lettered.</summary>
    public const string MalformedEvent = "malformed-event";

    /// <summary>Dispatch failed on every attempt; dead-lettered.</summary>
    public const string DeadLettered = "dead-lettered";

    /// <summary>No route for the event type; dead-lettered (add a route and replay).</summary>
    public const string NoRoute = "no-route";

    /// <summary>A reference resolves to several business objects; dead-lettered.</summary>
    public const string AmbiguousReference = "ambiguous-reference";

    /// <summary>The event waited for its order or return longer than the deadline (still parked).</summary>
    public const string UnroutedTooLong = "unrouted-too-long";

    /// <summary>The event's instance had already finished; not raised.</summary>
    public const string LateEvent = "late-event";
}
