namespace RetailSync.Odoo.Caching;

/// <summary>An accounting journal (bank, cash or sale).</summary>
internal sealed record OdooJournal(long Id, string Code, string Type);
