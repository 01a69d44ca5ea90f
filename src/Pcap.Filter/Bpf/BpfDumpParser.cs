using System.Globalization;

namespace Pcap.Filter.Bpf;

/// <summary>
/// Reads the <c>tcpdump -ddd</c> text (<see cref="BpfDumpFormat.Decimal"/>: a count line, then one
/// <c>code jt jf k</c> line per instruction) back into a <see cref="BpfProgram"/>.
/// </summary>
public static class BpfDumpParser
{
    /// <summary>
    /// Parses <paramref name="text"/>. Returns false with a message naming the line and what is wrong
    /// (e.g. <c>line 3: jt "300" is not a number from 0 to 255</c>); never throws.
    /// </summary>
    public static bool TryParse(string text, out BpfProgram? program, out string? error)
    {
        program = null;
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var count = lines.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(lines[count - 1]))
            count--; // the dump ends with a newline
        if (count == 0)
        {
            error = "line 1: expected the instruction count, found nothing";
            return false;
        }
        var header = lines[0].Trim();
        if (!int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var declared)
            || declared < 1 || declared > BpfProgram.MaxInstructions)
        {
            error = $"line 1: the instruction count \"{header}\" is not a number from 1 to {BpfProgram.MaxInstructions}";
            return false;
        }
        if (count - 1 != declared)
        {
            error = $"line 1: the count says {declared} instructions but {count - 1} lines follow";
            return false;
        }

        var instructions = new BpfInstruction[declared];
        for (var i = 0; i < declared; i++)
        {
            var lineNumber = i + 2;
            var fields = lines[i + 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4)
            {
                error = $"line {lineNumber}: expected 4 numbers \"code jt jf k\", found {fields.Length} field(s): \"{lines[i + 1].Trim()}\"";
                return false;
            }
            if (!TryField(fields[0], "code", ushort.MaxValue, lineNumber, out var code, out error)
                || !TryField(fields[1], "jt", byte.MaxValue, lineNumber, out var jt, out error)
                || !TryField(fields[2], "jf", byte.MaxValue, lineNumber, out var jf, out error)
                || !TryField(fields[3], "k", uint.MaxValue, lineNumber, out var k, out error))
                return false;
            instructions[i] = new BpfInstruction((ushort)code, (byte)jt, (byte)jf, k);
        }
        program = new BpfProgram(instructions);
        error = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/>; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a <c>tcpdump -ddd</c> dump; the message names the line.</exception>
    public static BpfProgram Parse(string text)
        => TryParse(text, out var program, out var error) ? program! : throw new FormatException(error);

    private static bool TryField(string field, string name, uint maximum, int lineNumber, out uint value, out string? error)
    {
        // k is unsigned; accept the signed spelling (-1) some tools print, as its 32-bit pattern.
        if (uint.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= maximum
            || name == "k" && int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed)
               && (value = unchecked((uint)signed)) == value)
        {
            error = null;
            return true;
        }
        error = $"line {lineNumber}: {name} \"{field}\" is not a number from 0 to {maximum}";
        return false;
    }
}
