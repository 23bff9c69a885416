using System.Security.Cryptography;

namespace RetailSync.Ingestion.Verification;

/// <summary>HMAC-SHA256 signatures compared in constant time.</summary>
internal static class HmacSignatures
{
    /// <summary>True when <paramref name="base64Signature"/> is the base64 HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/>.</summary>
    public static bool MatchesBase64(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, string base64Signature)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, data, expected);
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes + 3];
        if (!Convert.TryFromBase64String(base64Signature, given, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }
}
