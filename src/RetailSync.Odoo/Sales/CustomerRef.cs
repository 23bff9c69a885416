namespace RetailSync.Odoo;

/// <summary>The Odoo partner of a customer; <see cref="Created"/> is true when this call created it.</summary>
public sealed record CustomerRef(long PartnerId, string PartnerReference, bool Created);
