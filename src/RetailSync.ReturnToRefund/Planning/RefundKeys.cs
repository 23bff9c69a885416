using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RetailSync.ReturnToRefund.Workflow;

namespace RetailSync.ReturnToRefund.Planning;

/// <summary>
/// The gateway idempotency key of a refund batch: derived from the return, the batch number, its line set and the
/// operator's retry count, never random, so every retry of the same refund carries the same key and a new key is only
/// ever made after the previous attempt failed for good. Pure.
/// </summary>
public static class RefundKeys
{
    public static string For(string returnKey, int batch, IReadOnlyList<RefundedLine> lines, int attempt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(returnKey);
        ArgumentNullException.ThrowIfNull(lines);
        var lineSet = string.Join(",", lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Sku}x{l.Quantity}")));
        var material = string.Create(CultureInfo.InvariantCulture, $"{returnKey}|{batch}|{lineSet}|{attempt}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
        return "rtr_" + hash[..40];
    }
}
