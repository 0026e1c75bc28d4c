using System.Security.Cryptography;
using System.Text;

namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// The entryId of the reversal of an entry, derived from the original's id, so a retried reversal (a crash after the
/// write, a repeated POST, an import re-run) names the same row and cannot create a second one.
/// It is a name-based UUID in the RFC 9562 version 8 layout (section B.2 of the RFC, with SHA-256 instead of
/// version 5's SHA-1): the first 16 bytes of SHA-256 over the UTF-8 of <see cref="NamePrefix"/> followed by the
/// original id in lower-case 8-4-4-4-12 form, with the version nibble set to 8 and the variant bits to 10.
/// </summary>
public static class ReversalIds
{
    public const string NamePrefix = "npvr-funding:spending-reversal:";

    public static Guid Of(Guid originalEntryId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(NamePrefix + originalEntryId.ToString("D")));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
