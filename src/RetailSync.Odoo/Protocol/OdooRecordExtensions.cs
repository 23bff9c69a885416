namespace RetailSync.Odoo.Protocol;

/// <summary>Helpers over lists of records (a struct has no null to signal "not found").</summary>
internal static class OdooRecordExtensions
{
    public static OdooRecord? FirstOrDefaultOrNull(this IEnumerable<OdooRecord> records, Func<OdooRecord, bool> predicate)
    {
        foreach (var record in records)
        {
            if (predicate(record))
            {
                return record;
            }
        }

        return null;
    }
}
