namespace RetailSync.Odoo;

/// <summary>
/// The customer's e-mail matches several distinct partners in Odoo and none carries the customer's channel
/// reference, so the client cannot tell which one to bill. Never resolved by guessing: an operator merges the
/// duplicates or sets the right partner's reference, then retries.
/// </summary>
public sealed class OdooCustomerConflictException : OdooBusinessException
{
    public OdooCustomerConflictException()
    {
    }

    public OdooCustomerConflictException(string message)
        : base(message)
    {
    }

    public OdooCustomerConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public OdooCustomerConflictException(string partnerReference, IReadOnlyList<long> candidatePartnerIds)
        : base(FormatMessage(partnerReference, candidatePartnerIds), null, "res.partner", "search_read")
    {
        PartnerReference = partnerReference;
        CandidatePartnerIds = candidatePartnerIds;
    }

    /// <summary>The reference the customer would carry (<c>{channel}:{customerId}</c>).</summary>
    public string? PartnerReference { get; }

    /// <summary>The partners (commercial entities) the e-mail matched, lowest id first.</summary>
    public IReadOnlyList<long> CandidatePartnerIds { get; } = [];

    private static string FormatMessage(string partnerReference, IReadOnlyList<long> candidatePartnerIds)
    {
        ArgumentNullException.ThrowIfNull(candidatePartnerIds);
        return $"Customer {partnerReference}: the e-mail matches {candidatePartnerIds.Count} different partners in Odoo "
            + $"(ids {string.Join(", ", candidatePartnerIds)}) and none has this reference. Merge them or set the right one's reference, then retry.";
    }
}
