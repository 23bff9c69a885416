namespace RetailSync.Sandbox.Odoo;

/// <summary>The ways the sandbox can misbehave on purpose.</summary>
public enum OdooFaultKind
{
    /// <summary>Answer HTTP 5xx before doing anything (a proxy or worker failure).</summary>
    ServerError,

    /// <summary>Hold the request for <see cref="OdooFaults.HangFor"/> before serving it, so the client times out.</summary>
    Timeout,

    /// <summary>Perform the call and commit, then abort the connection: the client sees a transport error.</summary>
    LoseReplyAfterCommit,

    /// <summary>Answer PostgreSQL's "could not serialize access due to concurrent update", committing nothing.</summary>
    SerializationFailure,
}
