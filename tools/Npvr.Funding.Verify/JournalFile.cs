using System.Globalization;
using System.Text.Json;

namespace Npvr.Funding.Verify;

/// <summary>
/// The journal export read item by item from the file (System.Text.Json's reader over a buffer of the file), never the
/// whole array in memory: the buffer holds at least one item and grows only for an item larger than it. A file that
/// is not one JSON array of items is an <see cref="InvalidDataException"/> naming the item and the byte where it breaks.
/// </summary>
internal sealed class JournalFile : IDisposable
{
    private const int BufferBytes = 1024 * 1024;

    /// <summary>An item larger than this is not a journal entry (an envelope is a few KB); the buffer never grows past it.</summary>
    private const int MaxItemBytes = 256 * 1024 * 1024;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow };

    private readonly FileStream _file;
    private readonly string _path;
    private byte[] _buffer = new byte[BufferBytes];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _final;
    private bool _begun;
    private JsonReaderState _state = new(Options);

    private JournalFile(string path)
    {
        _path = path;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
    }

    /// <summary>Items read so far.</summary>
    public long Items { get; private set; }

    /// <summary>The items of the file at <paramref name="path"/>, read as they are enumerated.</summary>
    public static IEnumerable<ExportItem> Read(string path)
    {
        using var file = new JournalFile(path);
        // Each item read moves on in the file, so the loop ends with it.
        while (file.Next() is { } item) yield return item;
    }

    /// <summary>Null when the file is one JSON array; otherwise what is wrong and where.</summary>
    public static string? Problem(string path)
    {
        try
        {
            using var file = new JournalFile(path);
            while (file.Skip()) { } // each call moves past one item or ends
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    private ExportItem? Next() => NextBytes(out var start, out var length) ? ExportItem.Read(_buffer.AsSpan(start, length)) : null;

    private bool Skip() => NextBytes(out _, out _);

    /// <summary>The next item's bytes in the buffer (valid until the next call); false after the array's end.</summary>
    private bool NextBytes(out int start, out int length)
    {
        // Each pass returns, or reads more of the file, which is finite; a buffer full of one item grows up to MaxItemBytes.
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            try
            {
                if (!reader.Read())
                {
                    if (_final) throw Broken(_begun ? "the file ends before the array does" : "the file is empty");
                    Fill();
                    continue;
                }
                if (!_begun)
                {
                    if (reader.TokenType != JsonTokenType.StartArray) throw Broken("the file is not a JSON array (the journal's items concatenated)");
                    _begun = true;
                    Consumed(ref reader);
                    continue;
                }
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    Consumed(ref reader);
                    NothingAfter();
                    (start, length) = (0, 0);
                    return false;
                }
                start = _start + (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    if (_final) throw Broken($"the file ends inside item {Items + 1}");
                    Fill();
                    continue;
                }
                length = _start + (int)reader.BytesConsumed - start;
                Items++;
                Consumed(ref reader);
                return true;
            }
            catch (JsonException e)
            {
                throw Broken(string.Create(CultureInfo.InvariantCulture,
                    $"item {Items + 1} is not JSON at byte {e.BytePositionInLine + 1} of line {e.LineNumber + 1}: {e.Message.TrimEnd('.')}"));
            }
        }
    }

    private void Consumed(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <summary>Moves what is left to the buffer's start, grows it if one item fills it, and reads more of the file.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_bufferOffset, _end, _start) = (_bufferOffset + _start, _end - _start, 0);
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxItemBytes) throw Broken($"item {Items + 1} is larger than {MaxItemBytes} bytes");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = _file.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _final = true;
        if (!_begun && _bufferOffset == 0 && _end == 0 && _buffer.AsSpan(0, read).StartsWith("\uFEFF"u8)) _start = 3; // a UTF-8 byte order mark, as File.ReadAllText skips it
        _end += read;
    }

    /// <summary>After the array only whitespace may follow: trailing content is a malformed file, not something to ignore.</summary>
    private void NothingAfter()
    {
        // Each pass reads more of the file or ends.
        while (true)
        {
            var rest = _buffer.AsSpan(_start, _end - _start);
            var other = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (other >= 0) throw Broken(string.Create(CultureInfo.InvariantCulture, $"there is content after the array, at byte {_bufferOffset + _start + other + 1} of the file"));
            _start = _end;
            if (_final) return;
            Fill();
        }
    }

    private InvalidDataException Broken(string what) => new($"{_path}: {what}.");

    public void Dispose() => _file.Dispose();
}
