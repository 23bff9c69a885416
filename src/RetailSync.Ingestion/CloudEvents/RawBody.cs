using System.IO.Compression;
using CloudNative.CloudEvents;
using RetailSync.Events;

namespace RetailSync.Ingestion.CloudEvents;

/// <summary>
/// A delivery's raw request body as it travels in the <c>rawbody</c> attribute of each of its events. The value is
/// base64 text. When the body is large enough to gain from it, that text encodes the body's gzip, and the
/// <c>rawbodyencoding</c> attribute says <c>gzip</c>, as HTTP's Content-Encoding would. A webhook's JSON shrinks
/// about threefold (Shopify's sample order: 3,772 to about 1,300 bytes), and the raw body was most of a queue message,
/// so messages are smaller and far fewer need a claim check. <see cref="Decode()"/> gives back the exact bytes
/// the channel signed either way.
/// </summary>
/// <param name="Base64">The attribute's value.</param>
/// <param name="Encoding"><see cref="Gzip"/>, or <see langword="null"/> when <paramref name="Base64"/> holds the body itself.</param>
public sealed record RawBody(string Base64, string? Encoding)
{
    /// <summary>The <c>rawbodyencoding</c> value of a gzip-compressed body.</summary>
    public const string Gzip = "gzip";

    /// <summary>Bodies shorter than this travel uncompressed: gzip's header and trailer would eat most of the gain.</summary>
    public const int CompressFromBytes = 1024;

    /// <summary>Encodes a body: gzip (fastest level) when it has at least <see cref="CompressFromBytes"/> bytes and the result is smaller.</summary>
    public static RawBody Encode(ReadOnlySpan<byte> body)
    {
        if (body.Length >= CompressFromBytes)
        {
            using var compressed = new MemoryStream(body.Length / 2);
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(body);
            }

            if (compressed.Length < body.Length)
            {
                return new RawBody(Convert.ToBase64String(compressed.GetBuffer().AsSpan(0, (int)compressed.Length)), Gzip);
            }
        }

        return new RawBody(Convert.ToBase64String(body), null);
    }

    /// <summary>
    /// Reads the raw body of an event written by <see cref="RetailCloudEvents"/>; <see langword="null"/> when the
    /// event carries none (it was not written by <see cref="RetailCloudEvents.Create"/>). Nothing is decoded here:
    /// <see cref="Decode()"/> reports a bad value.
    /// </summary>
    public static RawBody? From(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent[RetailEventAttributes.RawBody] is string base64
            ? new RawBody(base64, cloudEvent[RetailEventAttributes.RawBodyEncoding] as string)
            : null;
    }

    /// <summary>The exact bytes of the request body.</summary>
    /// <exception cref="FormatException">Not base64, an encoding other than gzip, or a corrupt gzip stream.</exception>
    public byte[] Decode()
    {
        var bytes = Convert.FromBase64String(Base64);
        if (Encoding is null)
        {
            return bytes;
        }

        if (!string.Equals(Encoding, Gzip, StringComparison.Ordinal))
        {
            throw new FormatException($"Unknown raw body encoding '{Encoding}'; only '{Gzip}' is written.");
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
            using var body = new MemoryStream(bytes.Length * 4);
            gzip.CopyTo(body);
            return body.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new FormatException("The raw body is not a valid gzip stream.", ex);
        }
    }
}
