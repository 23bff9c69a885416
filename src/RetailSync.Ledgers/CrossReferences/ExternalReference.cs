namespace RetailSync.Ledgers.CrossReferences;

/// <summary>
/// A name a business object is also known by: in some <c>System</c> (see
/// <see cref="ReferenceSystems"/>), the <c>Value</c> (e.g. <c>("paymentref", "stripe/pi_123")</c>,
/// <c>("odoo.sale.order", "42")</c>, <c>("return", "return/loop/R-77")</c>).
/// </summary>
public sealed record ExternalReference
{
    public ExternalReference(string system, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (system.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("A reference system may not contain '|'.", nameof(system));
        }

        System = system;
        Value = value;
    }

    public string System { get; }

    public string Value { get; }

    /// <summary><c>system|value</c>: how the reference is written in logs and in the unrouted table.</summary>
    public override string ToString() => System + "|" + Value;
}
