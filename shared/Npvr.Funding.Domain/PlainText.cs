namespace Npvr.Funding.Domain;

/// <summary>Text as a person types it: no control characters, no lone surrogates, no replacement character (so it is stored as sent).</summary>
public static class PlainText
{
    public static bool IsPlain(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || c == '\uFFFD') return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }
}
