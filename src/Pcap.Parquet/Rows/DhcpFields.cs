using Pcap.Decode.Application;
using Pcap.Decode.Walk;

namespace Pcap.Parquet.Rows;

/// <summary>Fills the DHCP columns: message type (option 53), client MAC (chaddr) and client address.</summary>
internal static class DhcpFields
{
    private const byte MessageTypeOption = 53;
    private const byte RequestedAddressOption = 50;
    private const int ClientAddressOffset = 12;
    private const int YourAddressOffset = 16;

    /// <summary>Fills <paramref name="row"/> of <paramref name="rows"/> from the BOOTP/DHCP message in <paramref name="layers"/>' application payload.</summary>
    public static void Fill(PacketRowGroup rows, int row, in PacketLayers layers, AddressText text)
    {
        if (!DhcpMessage.TryRead(layers.ApplicationPayload, out var message, out _) || message.Captured < DhcpMessage.VendorOffset)
            return;
        if (message.HardwareType == 1 && message.HardwareLength == 6)
            rows.DhcpClientMac[row] = text.Mac(message.ClientHardwareAddress);
        ReadOnlySpan<byte> requested = default;
        if (message.HasOptions)
        {
            int offset = DhcpMessage.VendorOffset + 4;
            while (offset >= 0)
            {
                offset = message.NextOption(offset, out byte code, out var value);
                if (offset < 0 || code == 255)
                    break;
                if (code == MessageTypeOption && value.Length == 1)
                    rows.DhcpMessageType[row] = value[0];
                else if (code == RequestedAddressOption && value.Length == 4)
                    requested = value;
            }
        }
        // The client's address: the one it already has (ciaddr), else the one it asks for, else the one the server gives (yiaddr).
        var address = message.Address(ClientAddressOffset);
        if (IsZero(address))
            address = requested.Length == 4 ? requested : message.Address(YourAddressOffset);
        if (!IsZero(address))
            rows.DhcpClientIp[row] = text.Ip(address);
    }

    private static bool IsZero(ReadOnlySpan<byte> address) => address.IndexOfAnyExcept((byte)0) < 0;
}
