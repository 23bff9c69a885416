namespace RetailSync.Demo.Scenarios;

/// <summary>What a demo delivery should get back.</summary>
public enum DemoExpectation
{
    /// <summary>202, events enqueued.</summary>
    Accepted,

    /// <summary>202 with the ids of an earlier delivery (a channel retry).</summary>
    Duplicate,

    /// <summary>202, topic acknowledged but not handled.</summary>
    Ignored,

    /// <summary>A 4xx refusal.</summary>
    Rejected,
}
