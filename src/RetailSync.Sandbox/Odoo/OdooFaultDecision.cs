namespace RetailSync.Sandbox.Odoo;

/// <summary>What the sandbox decided to do wrong with one call (all false: serve it normally).</summary>
internal readonly record struct OdooFaultDecision(bool ServerError, bool Timeout, bool LoseReplyAfterCommit, bool SerializationFailure);
