namespace RetailSync.Ledgers;

/// <summary>
/// Table Storage settings of the ledgers (configuration section <c>Ledgers</c>). Tables are created on first use.
/// </summary>
public sealed record LedgerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ledgers";

    /// <summary>Idempotency ledger (one row per event id) and per-object version watermarks.</summary>
    public string EventsTable { get; set; } = "RetailSyncEvents";

    /// <summary>Channel ids, business keys and Odoo ids, both directions.</summary>
    public string CrossReferencesTable { get; set; } = "RetailSyncCrossReferences";

    /// <summary>Exception records operators resolve.</summary>
    public string ExceptionsTable { get; set; } = "RetailSyncExceptions";

    /// <summary>Append-only audit trail of what happened to each event.</summary>
    public string AuditTable { get; set; } = "RetailSyncAudit";

    /// <summary>Events that could not be routed yet, keyed by the reference they wait for.</summary>
    public string UnroutedTable { get; set; } = "RetailSyncUnrouted";

    /// <summary>How many characters of a payload an exception record keeps (after redaction).</summary>
    public int PayloadExcerptLength { get; set; } = 2048;

    /// <summary>Every table name, for validation.</summary>
    internal IEnumerable<(string Key, string Value)> TableNames()
    {
        yield return (nameof(EventsTable), EventsTable);
        yield return (nameof(CrossReferencesTable), CrossReferencesTable);
        yield return (nameof(ExceptionsTable), ExceptionsTable);
        yield return (nameof(AuditTable), AuditTable);
        yield return (nameof(UnroutedTable), UnroutedTable);
    }
}
