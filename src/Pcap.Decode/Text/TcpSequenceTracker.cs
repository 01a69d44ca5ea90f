using System.Buffers.Binary;

namespace Pcap.Decode.Text;

/// <summary>
/// tcpdump's relative TCP sequence numbers: the first ACK-carrying segment of a conversation (or any SYN) records the
/// base sequence and acknowledgement numbers, later segments print as offsets from them. One entry serves both directions.
/// </summary>
internal sealed class TcpSequenceTracker
{
    private readonly Dictionary<ConversationKey, Bases> _conversations = new();

    /// <summary>Rewrites <paramref name="sequence"/> and <paramref name="acknowledgement"/> as tcpdump prints them.</summary>
    public void Relate(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ushort sourcePort, ushort destinationPort, bool syn,
        ref uint sequence, ref uint acknowledgement, out bool reverse, out uint baseSequence, out uint baseAcknowledgement)
    {
        var order = source.SequenceCompareTo(destination);
        reverse = order > 0 || (order == 0 && sourcePort > destinationPort);
        var key = reverse
            ? ConversationKey.Create(destination, source, destinationPort, sourcePort)
            : ConversationKey.Create(source, destination, sourcePort, destinationPort);
        ref var bases = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_conversations, key, out var exists);
        if (!exists || syn)
        {
            bases = reverse
                ? new Bases(unchecked(acknowledgement - 1), sequence)
                : new Bases(sequence, unchecked(acknowledgement - 1));
        }
        else if (reverse)
        {
            sequence = unchecked(sequence - bases.Acknowledgement);
            acknowledgement = unchecked(acknowledgement - bases.Sequence);
        }
        else
        {
            sequence = unchecked(sequence - bases.Sequence);
            acknowledgement = unchecked(acknowledgement - bases.Acknowledgement);
        }
        baseSequence = bases.Sequence;
        baseAcknowledgement = bases.Acknowledgement;
    }

    private record struct Bases(uint Sequence, uint Acknowledgement);

    /// <summary>Addresses (IPv4 or IPv6, in one canonical order) and ports of a conversation, without allocating.</summary>
    private readonly record struct ConversationKey(ulong SourceHigh, ulong SourceLow, ulong DestinationHigh, ulong DestinationLow, uint Ports, bool IsIpv6)
    {
        public static ConversationKey Create(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ushort sourcePort, ushort destinationPort)
        {
            var ports = (uint)sourcePort << 16 | destinationPort;
            if (source.Length == 4)
                return new(0, BinaryPrimitives.ReadUInt32BigEndian(source), 0, BinaryPrimitives.ReadUInt32BigEndian(destination), ports, false);
            return new(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt64BigEndian(source[8..]),
                BinaryPrimitives.ReadUInt64BigEndian(destination), BinaryPrimitives.ReadUInt64BigEndian(destination[8..]), ports, true);
        }
    }
}
