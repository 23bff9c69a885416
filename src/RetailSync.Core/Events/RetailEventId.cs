using System.Security.Cryptography;
using System.Text;

namespace RetailSync.Events;

/// <summary>
/// Deterministic CloudEvent ids: the same channel event always yields the same id, so every redelivery of a
/// webhook carries the ids of the first one (Service Bus duplicate detection and the dispatcher's ledger
/// drop the copies). The id is an RFC 9562 version 8 UUID built from SHA-256 of the name parts.
/// </summary>
public static class RetailEventId
{
    /// <summary>Builds the id of the event of type <paramref name="eventType"/> about <paramref name="subject"/>
    /// that <paramref name="source"/> produced for its event <paramref name="sourceEventId"/> (topic <paramref name="topic"/>).</summary>
    public static string Create(string source, string topic, string sourceEventId, string eventType, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(sourceEventId);
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentException.ThrowIfNullOrEmpty(subject);

        // Length-prefixed parts: no separator inside a part can make two different tuples collide.
        var builder = new StringBuilder("retailsync.event.v1");
        foreach (var part in (ReadOnlySpan<string>)[source, topic, sourceEventId, eventType, subject])
        {
            builder.Append('|').Append(part.Length).Append(':').Append(part);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
