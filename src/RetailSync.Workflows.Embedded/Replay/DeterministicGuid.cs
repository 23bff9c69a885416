using System.Security.Cryptography;
using System.Text;

namespace RetailSync.Workflows.Embedded.Replay;

/// <summary>Name-based (version 5, SHA-1) UUIDs per RFC 4122 §4.3: the same name always gives the same GUID.</summary>
internal static class DeterministicGuid
{
    /// <summary>The namespace of RetailSync orchestration GUIDs.</summary>
    private static readonly Guid Namespace = new("4f0e8d2a-6c1b-5a7e-9d3f-2b8c4e6a1f09");

    public static Guid Create(string name)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        Namespace.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);

        // RFC 4122 version 5 is defined on SHA-1; it names things, it protects nothing.
#pragma warning disable CA5350 // Do Not Use Weak Cryptographic Algorithms
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
