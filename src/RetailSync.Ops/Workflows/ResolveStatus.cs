namespace RetailSync.Ops.Workflows;

/// <summary>How a resolve request ended.</summary>
public enum ResolveStatus
{
    /// <summary>The decision was raised to the instance (HTTP 202).</summary>
    Accepted,

    /// <summary>The request is malformed (HTTP 400).</summary>
    Invalid,

    /// <summary>No such instance (HTTP 404).</summary>
    NotFound,

    /// <summary>The instance is not parked, or parked on another exception (HTTP 409).</summary>
    NotParked,
}
