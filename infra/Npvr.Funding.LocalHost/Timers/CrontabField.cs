using System.Globalization;

namespace Npvr.Funding.LocalHost.Timers;

/// <summary>One field of an NCRONTAB expression, as the set of values it allows (a bit per value).</summary>
internal sealed class CrontabField
{
    private readonly ulong _allowed;

    private CrontabField(string name, int min, int max, ulong allowed)
    {
        Name = name;
        Min = min;
        Max = max;
        _allowed = allowed;
    }

    public string Name { get; }

    public int Min { get; }

    public int Max { get; }

    public bool Contains(int value) => value >= Min && value <= Max && (_allowed & (1UL << value)) != 0;

    /// <summary>Parses "*", "n", "a-b", lists "a,b" and steps "*/n", "a-b/n", "a/n"; names when <paramref name="names"/> is given.</summary>
    public static CrontabField Parse(string text, string name, int min, int max, IReadOnlyList<string>? names, string expression)
    {
        var context = new FieldContext(text, name, min, max, names, expression);
        ulong allowed = 0;
        foreach (string part in text.Split(','))
        {
            allowed |= context.ParsePart(part);
        }

        return new CrontabField(name, min, max, allowed);
    }

    private sealed record FieldContext(string Text, string Name, int Min, int Max, IReadOnlyList<string>? Names, string Expression)
    {
        public ulong ParsePart(string part)
        {
            if (part.Length == 0)
            {
                throw Error($"has an empty list item in \"{Text}\"");
            }

            string[] rangeAndStep = part.Split('/');
            if (rangeAndStep.Length > 2)
            {
                throw Error($"has more than one '/' in \"{part}\"");
            }

            int step = rangeAndStep.Length == 2 ? ParseStep(rangeAndStep[1]) : 1;
            (int first, int last) = ParseRange(rangeAndStep[0], hasStep: rangeAndStep.Length == 2);
            ulong allowed = 0;
            for (int value = first; value <= last; value += step)
            {
                allowed |= 1UL << value;
            }

            return allowed;
        }

        private (int First, int Last) ParseRange(string range, bool hasStep)
        {
            if (range == "*")
            {
                return (Min, Max);
            }

            int dash = range.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                int single = ParseValue(range);
                return hasStep ? (single, Max) : (single, single);  // "a/n" runs from a to the field's end, as NCrontab does.
            }

            int first = ParseValue(range[..dash]);
            int last = ParseValue(range[(dash + 1)..]);
            return first <= last ? (first, last) : throw Error($"has a range \"{range}\" whose start is after its end");
        }

        private int ParseStep(string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int step) && step > 0
                ? step
                : throw Error($"has an invalid step \"{text}\" (expected a positive integer)");

        private int ParseValue(string text)
        {
            int value = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : ParseName(text);
            return value >= Min && value <= Max
                ? value
                : throw Error($"has value {value}, outside {Min}-{Max}");
        }

        private int ParseName(string text)
        {
            int index = Names is null ? -1 : Names.ToList().FindIndex(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            return index >= 0
                ? Min + index
                : throw Error($"has \"{text}\", which is neither a number{(Names is null ? string.Empty : " nor a name like " + Names[0])}");
        }

        private FormatException Error(string problem) =>
            new($"NCRONTAB expression \"{Expression}\" is invalid: the {Name} field \"{Text}\" {problem}.");
    }
}
