namespace RetailSync.Demo.TradingDay;

/// <summary>What the day's returns ended with: the deliveries' answers and every return reconciled against Odoo.</summary>
/// <param name="Accepted">Return deliveries accepted.</param>
/// <param name="Duplicates">Return deliveries answered as duplicates.</param>
/// <param name="Returns">Every return, reconciled.</param>
public sealed record TradingDayReturnsResult(int Accepted, int Duplicates, IReadOnlyList<ReturnReconciliation> Returns)
{
    /// <summary>Refunds booked (each with its credit note).</summary>
    public int Refunds => Returns.Sum(r => r.Refunds);

    /// <summary>Posted credit notes in Odoo for the day's returns.</summary>
    public int CreditNotes => Returns.Sum(r => r.CreditNotes);

    /// <summary>Returns with a difference from what the day expected.</summary>
    public int Mismatches => Returns.Count(r => r.Differences.Count > 0);

    /// <summary>Returns parked for an operator.</summary>
    public int Parked => Returns.Count(r => r.ParkedKind is not null);
}
