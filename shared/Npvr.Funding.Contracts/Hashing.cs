using System.Security.Cryptography;
using System.Text;

namespace Npvr.Funding.Contracts;

public static class Hashing
{
    /// <summary>SHA-256 of the UTF-8 bytes, lower-case hex.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
