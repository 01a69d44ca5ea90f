using System.Text;
using Pcap.Decode.Application;
using Pcap.Decode.Walk;

namespace Pcap.Parquet.Rows;

/// <summary>Fills the DNS columns (DNS and mDNS, over UDP or TCP): id, question and its type, response code and answers.</summary>
internal static class DnsFields
{
    // Beyond this many answers the list is cut: a row is for querying, the raw frame keeps the rest.
    private const int MaxAnswers = 32;
    // A name is at most 255 bytes; escaping can make each byte four characters.
    private const int MaxNameChars = 1024;

    /// <summary>Fills <paramref name="row"/> of <paramref name="rows"/> from the DNS message in <paramref name="layers"/>' application payload.</summary>
    public static void Fill(PacketRowGroup rows, int row, in PacketLayers layers, AddressText text)
    {
        var payload = layers.ApplicationPayload;
        bool read = layers.Contains(LayerKind.Tcp)
            ? DnsMessage.TryReadTcp(payload, out var message, out _)
            : DnsMessage.TryRead(payload, out message, out _);
        if (!read)
            return;
        rows.DnsId[row] = message.Id;
        rows.DnsResponse[row] = message.IsResponse;
        rows.DnsResponseCode[row] = message.ResponseCode;
        rows.DnsAnswerCount[row] = message.AnswerCount;
        int offset = DnsMessage.HeaderLength;
        for (int i = 0; i < message.QuestionCount; i++)
        {
            if (i == 0)
            {
                rows.DnsQuestion[row] = Name(message, offset);
                int type = message.ReadUInt16(message.SkipName(offset));
                if (type >= 0 && message.SkipName(offset) >= 0)
                    rows.DnsQuestionType[row] = type;
            }
            int end = message.SkipName(offset);
            if (end < 0)
                return;
            offset = end + 4;
        }
        rows.DnsAnswers[row] = Answers(message, offset, text);
    }

    /// <summary>The name at <paramref name="offset"/> without its final dot (the root is "."), or null when it is not all captured or is malformed.</summary>
    public static string? Name(in DnsMessage message, int offset)
    {
        var bytes = message.Bytes;
        var name = message.NameAt(offset);
        Span<char> chars = stackalloc char[MaxNameChars];
        int length = 0;
        int after = -1;
        while (true)
        {
            switch (name.MoveNext())
            {
                case DnsNameStep.Label:
                    after = name.LabelOffset + name.LabelLength;
                    if (after > bytes.Length)
                        return null;
                    if (length > 0)
                        chars[length++] = '.';
                    foreach (byte b in bytes.Slice(name.LabelOffset, name.LabelLength))
                    {
                        if (length + 4 > chars.Length)
                            return null;
                        if (b is > 0x20 and < 0x7f and not (byte)'.' and not (byte)'\\')
                        {
                            chars[length++] = (char)b;
                        }
                        else
                        {
                            // Master-file escaping (RFC 1035 5.1): a decimal \DDD for bytes that are not printable or would mislead.
                            chars[length++] = '\\';
                            chars[length++] = (char)('0' + b / 100);
                            chars[length++] = (char)('0' + b / 10 % 10);
                            chars[length++] = (char)('0' + b % 10);
                        }
                    }
                    break;
                case DnsNameStep.Root:
                    return ".";
                case DnsNameStep.End:
                    // The walk also ends where the capture does: a name whose terminating zero was not captured is cut, not whole.
                    if (after >= bytes.Length)
                        return null;
                    return length == 0 ? "." : new string(chars[..length]);
                default:
                    return null;
            }
        }
    }

    // The answers' data as text, comma-separated: addresses for A and AAAA, names for CNAME, PTR and NS, "TYPEn" otherwise.
    private static string? Answers(in DnsMessage message, int offset, AddressText text)
    {
        int count = Math.Min((int)message.AnswerCount, MaxAnswers);
        if (count == 0)
            return null;
        var answers = new StringBuilder();
        var bytes = message.Bytes;
        for (int i = 0; i < count; i++)
        {
            int end = message.SkipName(offset);
            if (end < 0 || end + 10 > bytes.Length)
                break;
            int type = message.ReadUInt16(end);
            int dataLength = message.ReadUInt16(end + 8);
            int data = end + 10;
            if (data + dataLength > bytes.Length)
                break;
            string? value = type switch
            {
                DnsRecordType.A when dataLength == 4 => text.Ip(bytes.Slice(data, 4)),
                DnsRecordType.Aaaa when dataLength == 16 => text.Ip(bytes.Slice(data, 16)),
                DnsRecordType.Cname or DnsRecordType.Ptr or DnsRecordType.Ns => Name(message, data),
                _ => null,
            };
            if (answers.Length > 0)
                answers.Append(',');
            answers.Append(value ?? $"TYPE{type}");
            offset = data + dataLength;
        }
        return answers.Length == 0 ? null : answers.ToString();
    }
}
