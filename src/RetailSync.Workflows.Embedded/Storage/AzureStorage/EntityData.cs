using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace RetailSync.Workflows.Embedded.Storage.AzureStorage;

/// <summary>
/// Stores a JSON document in an entity, split over properties D0..D14 of at most 30,000 characters (a string
/// property holds 64 KiB; an entity 1 MiB).
/// </summary>
internal static class EntityData
{
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 15;

    public static void Write(TableEntity entity, string json)
    {
        if (json.Length > ChunkLength * MaxChunks)
        {
            throw new InvalidOperationException(
                $"A workflow payload of {json.Length} characters is over the embedded runtime's limit of {ChunkLength * MaxChunks}; pass a reference (e.g. a blob name) instead.");
        }

        for (int i = 0, offset = 0; offset < json.Length || i == 0; i++, offset += ChunkLength)
        {
            entity[Name(i)] = json.Substring(offset, Math.Min(ChunkLength, json.Length - offset));
        }
    }

    public static string Read(TableEntity entity)
    {
        var first = entity.GetString(Name(0)) ?? throw new InvalidOperationException($"Entity {entity.PartitionKey}/{entity.RowKey} has no data.");
        if (!entity.ContainsKey(Name(1)))
        {
            return first;
        }

        var builder = new StringBuilder(first);
        for (var i = 1; entity.GetString(Name(i)) is { } next; i++)
        {
            builder.Append(next);
        }

        return builder.ToString();
    }

    /// <summary>Roughly how many bytes the entity takes in a batch request.</summary>
    public static int EstimateSize(TableEntity entity)
    {
        var size = 256;
        foreach (var value in ((IDictionary<string, object>)entity).Values)
        {
            size += value is string s ? s.Length * 2 : 16;
        }

        return size;
    }

    private static string Name(int index) => "D" + index.ToString(CultureInfo.InvariantCulture);
}
