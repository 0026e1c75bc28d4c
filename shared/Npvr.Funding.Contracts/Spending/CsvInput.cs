using System.Text;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// What is decided from the first line before CsvHelper reads the file: the encoding (UTF-8, with or without a byte
/// order mark; a UTF-16 or UTF-32 mark is refused rather than transcoded) and the separator, from the header line alone:
/// commas or semicolons outside quotes, never both (column names hold neither).
/// </summary>
internal static class CsvInput
{
    /// <summary>The header is about 200 bytes; a first line longer than this is not a spending header.</summary>
    public const int MaxHeaderBytes = 4096;

    public static string? EncodingError(ReadOnlySpan<byte> start) =>
        start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        || start.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])
            ? "The file starts with a UTF-16 or UTF-32 byte order mark; save it as UTF-8 (with or without BOM)."
            : null;

    /// <summary>The first line of UTF-8 bytes (without a BOM), decoded leniently: it is only searched for separators.</summary>
    public static string FirstLine(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) start = start[3..];
        var end = start.IndexOf((byte)'\n');
        return Encoding.UTF8.GetString(end < 0 ? start : start[..end]);
    }

    public static string FirstLine(string text)
    {
        var start = text.StartsWith('\uFEFF') ? 1 : 0;
        var end = text.IndexOf('\n', start);
        return text[start..(end < 0 ? text.Length : end)];
    }

    public static char? SeparatorOf(string headerLine)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
        }
        return (commas, semicolons) switch
        {
            ( > 0, 0) => ',',
            (0, > 0) => ';',
            _ => null,
        };
    }

    /// <summary>Reads the start of a stream up to the end of its first line (or <see cref="MaxHeaderBytes"/>).</summary>
    public static byte[] ReadStart(Stream stream, out int length)
    {
        var buffer = new byte[MaxHeaderBytes];
        length = 0;
        while (length < buffer.Length)
        {
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0) break;
            var newLine = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newLine >= 0) break;
        }
        return buffer;
    }
}

/// <summary>A forward-only stream that yields bytes already read from a stream, then the rest of that stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= prefixLength) return rest.Read(buffer);
        var count = Math.Min(buffer.Length, prefixLength - _position);
        prefix.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
