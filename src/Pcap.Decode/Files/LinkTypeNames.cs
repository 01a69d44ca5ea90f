namespace Pcap.Decode.Files;

/// <summary>
/// The names tcpdump prints for a file's link type ("EN10MB (Ethernet)"), keyed by the LINKTYPE_ number stored in
/// the file. tcpdump first maps LINKTYPE_ to the platform's DLT_ value (they differ only for a few old types,
/// e.g. LINKTYPE_RAW 101 is DLT_RAW 12 on Linux), then looks up libpcap's name and description for that DLT.
/// </summary>
internal static class LinkTypeNames
{
    private static readonly Dictionary<uint, (uint Dlt, string Name, string Description)> Table = new()
    {
        [0] = (0, "NULL", "BSD loopback"),
        [1] = (1, "EN10MB", "Ethernet"),
        [6] = (6, "IEEE802", "Token ring"),
        [7] = (7, "ARCNET", "BSD ARCNET"),
        [8] = (8, "SLIP", "SLIP"),
        [9] = (9, "PPP", "PPP"),
        [10] = (10, "FDDI", "FDDI"),
        [11] = (11, "ATM_RFC1483", "RFC 1483 LLC-encapsulated ATM"),
        [12] = (12, "RAW", "Raw IP"),
        [15] = (15, "SLIP_BSDOS", "BSD/OS SLIP"),
        [16] = (16, "PPP_BSDOS", "BSD/OS PPP"),
        [19] = (19, "ATM_CLIP", "Linux Classical IP over ATM"),
        [50] = (50, "PPP_SERIAL", "PPP over serial"),
        [51] = (51, "PPP_ETHER", "PPPoE"),
        [99] = (99, "SYMANTEC_FIREWALL", "Symantec Firewall"),
        [100] = (11, "ATM_RFC1483", "RFC 1483 LLC-encapsulated ATM"),
        [101] = (12, "RAW", "Raw IP"),
        [102] = (15, "SLIP_BSDOS", "BSD/OS SLIP"),
        [103] = (16, "PPP_BSDOS", "BSD/OS PPP"),
        [104] = (104, "C_HDLC", "Cisco HDLC"),
        [105] = (105, "IEEE802_11", "802.11"),
        [106] = (19, "ATM_CLIP", "Linux Classical IP over ATM"),
        [107] = (107, "FRELAY", "Frame Relay"),
        [108] = (108, "LOOP", "OpenBSD loopback"),
        [109] = (109, "ENC", "OpenBSD encapsulated IP"),
        [113] = (113, "LINUX_SLL", "Linux cooked v1"),
        [114] = (114, "LTALK", "Localtalk"),
        [117] = (117, "PFLOG", "OpenBSD pflog file"),
        [119] = (119, "PRISM_HEADER", "802.11 plus Prism header"),
        [122] = (122, "IP_OVER_FC", "RFC 2625 IP-over-Fibre Channel"),
        [123] = (123, "SUNATM", "Sun raw ATM"),
        [127] = (127, "IEEE802_11_RADIO", "802.11 plus radiotap header"),
        [129] = (129, "ARCNET_LINUX", "Linux ARCNET"),
        [130] = (130, "JUNIPER_MLPPP", "Juniper Multi-Link PPP"),
        [131] = (131, "JUNIPER_MLFR", "Juniper Multi-Link Frame Relay"),
        [132] = (132, "JUNIPER_ES", "Juniper Encryption Services PIC"),
        [133] = (133, "JUNIPER_GGSN", "Juniper GGSN PIC"),
        [134] = (134, "JUNIPER_MFR", "Juniper FRF.16 Frame Relay"),
        [135] = (135, "JUNIPER_ATM2", "Juniper ATM2 PIC"),
        [136] = (136, "JUNIPER_SERVICES", "Juniper Advanced Services PIC"),
        [137] = (137, "JUNIPER_ATM1", "Juniper ATM1 PIC"),
        [138] = (138, "APPLE_IP_OVER_IEEE1394", "Apple IP-over-IEEE 1394"),
        [139] = (139, "MTP2_WITH_PHDR", "SS7 MTP2 with Pseudo-header"),
        [140] = (140, "MTP2", "SS7 MTP2"),
        [141] = (141, "MTP3", "SS7 MTP3"),
        [142] = (142, "SCCP", "SS7 SCCP"),
        [143] = (143, "DOCSIS", "DOCSIS"),
        [144] = (144, "LINUX_IRDA", "Linux IrDA"),
        [163] = (163, "IEEE802_11_RADIO_AVS", "802.11 plus AVS radio information header"),
        [164] = (164, "JUNIPER_MONITOR", "Juniper Passive Monitor PIC"),
        [165] = (165, "BACNET_MS_TP", "BACnet MS/TP"),
        [166] = (166, "PPP_PPPD", "PPP for pppd, with direction flag"),
        [167] = (167, "JUNIPER_PPPOE", "Juniper PPPoE"),
        [168] = (168, "JUNIPER_PPPOE_ATM", "Juniper PPPoE/ATM"),
        [169] = (169, "GPRS_LLC", "GPRS LLC"),
        [170] = (170, "GPF_T", "GPF-T"),
        [171] = (171, "GPF_F", "GPF-F"),
        [174] = (174, "JUNIPER_PIC_PEER", "Juniper PIC Peer"),
        [175] = (175, "ERF_ETH", "Ethernet with Endace ERF header"),
        [176] = (176, "ERF_POS", "Packet-over-SONET with Endace ERF header"),
        [177] = (177, "LINUX_LAPD", "Linux vISDN LAPD"),
        [178] = (178, "JUNIPER_ETHER", "Juniper Ethernet"),
        [179] = (179, "JUNIPER_PPP", "Juniper PPP"),
        [180] = (180, "JUNIPER_FRELAY", "Juniper Frame Relay"),
        [181] = (181, "JUNIPER_CHDLC", "Juniper C-HDLC"),
        [182] = (182, "MFR", "FRF.16 Frame Relay"),
        [183] = (183, "JUNIPER_VP", "Juniper Voice PIC"),
        [184] = (184, "A429", "Arinc 429"),
        [185] = (185, "A653_ICM", "Arinc 653 Interpartition Communication"),
        [186] = (186, "USB_FREEBSD", "USB with FreeBSD header"),
        [187] = (187, "BLUETOOTH_HCI_H4", "Bluetooth HCI UART transport layer"),
        [188] = (188, "IEEE802_16_MAC_CPS", "IEEE 802.16 MAC Common Part Sublayer"),
        [189] = (189, "USB_LINUX", "USB with Linux header"),
        [190] = (190, "CAN20B", "Controller Area Network (CAN) v. 2.0B"),
        [191] = (191, "IEEE802_15_4_LINUX", "IEEE 802.15.4 with Linux padding"),
        [192] = (192, "PPI", "Per-Packet Information"),
        [193] = (193, "IEEE802_16_MAC_CPS_RADIO", "IEEE 802.16 MAC Common Part Sublayer plus radiotap header"),
        [194] = (194, "JUNIPER_ISM", "Juniper Integrated Service Module"),
        [195] = (195, "IEEE802_15_4", "IEEE 802.15.4 with FCS"),
        [196] = (196, "SITA", "SITA pseudo-header"),
        [197] = (197, "ERF", "Endace ERF header"),
        [198] = (198, "RAIF1", "Ethernet with u10 Networks pseudo-header"),
        [199] = (199, "IPMB_KONTRON", "IPMB with Kontron pseudo-header"),
        [200] = (200, "JUNIPER_ST", "Juniper Secure Tunnel"),
        [201] = (201, "BLUETOOTH_HCI_H4_WITH_PHDR", "Bluetooth HCI UART transport layer plus pseudo-header"),
        [202] = (202, "AX25_KISS", "AX.25 with KISS header"),
        [209] = (209, "IPMB_LINUX", "IPMB with Linux/Pigeon Point pseudo-header"),
        [215] = (215, "IEEE802_15_4_NONASK_PHY", "IEEE 802.15.4 with non-ASK PHY data"),
        [216] = (216, "LINUX_EVDEV", "Linux evdev events"),
        [219] = (219, "MPLS", "MPLS with label as link-layer header"),
        [220] = (220, "USB_LINUX_MMAPPED", "USB with padded Linux header"),
        [221] = (221, "DECT", "DECT"),
        [222] = (222, "AOS", "AOS Space Data Link protocol"),
        [223] = (223, "WIHART", "Wireless HART"),
        [224] = (224, "FC_2", "Fibre Channel FC-2"),
        [225] = (225, "FC_2_WITH_FRAME_DELIMS", "Fibre Channel FC-2 with frame delimiters"),
        [226] = (226, "IPNET", "Solaris ipnet"),
        [227] = (227, "CAN_SOCKETCAN", "CAN-bus with SocketCAN headers"),
        [228] = (228, "IPV4", "Raw IPv4"),
        [229] = (229, "IPV6", "Raw IPv6"),
        [230] = (230, "IEEE802_15_4_NOFCS", "IEEE 802.15.4 without FCS"),
        [231] = (231, "DBUS", "D-Bus"),
        [232] = (232, "JUNIPER_VS", "Juniper Virtual Server"),
        [233] = (233, "JUNIPER_SRX_E2E", "Juniper SRX E2E"),
        [234] = (234, "JUNIPER_FIBRECHANNEL", "Juniper Fibre Channel"),
        [235] = (235, "DVB_CI", "DVB-CI"),
        [236] = (236, "MUX27010", "MUX27010"),
        [237] = (237, "STANAG_5066_D_PDU", "STANAG 5066 D_PDUs"),
        [238] = (238, "JUNIPER_ATM_CEMIC", "Juniper ATM CEMIC"),
        [239] = (239, "NFLOG", "Linux netfilter log messages"),
        [240] = (240, "NETANALYZER", "Ethernet with Hilscher netANALYZER pseudo-header"),
        [241] = (241, "NETANALYZER_TRANSPARENT", "Ethernet with Hilscher netANALYZER pseudo-header and with preamble and SFD"),
        [242] = (242, "IPOIB", "RFC 4391 IP-over-Infiniband"),
        [243] = (243, "MPEG_2_TS", "MPEG-2 transport stream"),
        [244] = (244, "NG40", "ng40 protocol tester Iub/Iur"),
        [245] = (245, "NFC_LLCP", "NFC LLCP PDUs with pseudo-header"),
        [246] = (246, "PFSYNC", "Packet filter state syncing"),
        [247] = (247, "INFINIBAND", "InfiniBand"),
        [248] = (248, "SCTP", "SCTP"),
        [249] = (249, "USBPCAP", "USB with USBPcap header"),
        [250] = (250, "RTAC_SERIAL", "Schweitzer Engineering Laboratories RTAC packets"),
        [251] = (251, "BLUETOOTH_LE_LL", "Bluetooth Low Energy air interface"),
        [253] = (253, "NETLINK", "Linux netlink"),
        [254] = (254, "BLUETOOTH_LINUX_MONITOR", "Bluetooth Linux Monitor"),
        [255] = (255, "BLUETOOTH_BREDR_BB", "Bluetooth Basic Rate/Enhanced Data Rate baseband packets"),
        [256] = (256, "BLUETOOTH_LE_LL_WITH_PHDR", "Bluetooth Low Energy air interface with pseudo-header"),
        [257] = (257, "PROFIBUS_DL", "PROFIBUS data link layer"),
        [258] = (258, "PKTAP", "Apple DLT_PKTAP"),
        [259] = (259, "EPON", "Ethernet with 802.3 Clause 65 EPON preamble"),
        [260] = (260, "IPMI_HPM_2", "IPMI trace packets"),
        [261] = (261, "ZWAVE_R1_R2", "Z-Wave RF profile R1 and R2 packets"),
        [262] = (262, "ZWAVE_R3", "Z-Wave RF profile R3 packets"),
        [263] = (263, "WATTSTOPPER_DLM", "WattStopper Digital Lighting Management (DLM) and Legrand Nitoo Open protocol"),
        [264] = (264, "ISO_14443", "ISO 14443 messages"),
        [265] = (265, "RDS", "IEC 62106 Radio Data System groups"),
        [266] = (266, "USB_DARWIN", "USB with Darwin header"),
        [267] = (267, "OPENFLOW", "OpenBSD DLT_OPENFLOW"),
        [268] = (268, "SDLC", "IBM SDLC frames"),
        [269] = (269, "TI_LLN_SNIFFER", "TI LLN sniffer frames"),
        [271] = (271, "VSOCK", "Linux vsock"),
        [272] = (272, "NORDIC_BLE", "Nordic Semiconductor Bluetooth LE sniffer frames"),
        [273] = (273, "DOCSIS31_XRA31", "Excentis XRA-31 DOCSIS 3.1 RF sniffer frames"),
        [274] = (274, "ETHERNET_MPACKET", "802.3br mPackets"),
        [275] = (275, "DISPLAYPORT_AUX", "DisplayPort AUX channel monitoring data"),
        [276] = (276, "LINUX_SLL2", "Linux cooked v2"),
        [278] = (278, "OPENVIZSLA", "OpenVizsla USB"),
        [279] = (279, "EBHSCR", "Elektrobit High Speed Capture and Replay (EBHSCR)"),
        [280] = (280, "VPP_DISPATCH", "VPP graph dispatch tracer"),
        [281] = (281, "DSA_TAG_BRCM", "Broadcom tag"),
        [282] = (282, "DSA_TAG_BRCM_PREPEND", "Broadcom tag (prepended)"),
        [283] = (283, "IEEE802_15_4_TAP", "IEEE 802.15.4 with pseudo-header"),
        [284] = (284, "DSA_TAG_DSA", "Marvell DSA"),
        [285] = (285, "DSA_TAG_EDSA", "Marvell EDSA"),
        [286] = (286, "ELEE", "ELEE lawful intercept packets"),
        [287] = (287, "Z_WAVE_SERIAL", "Z-Wave serial frames between host and chip"),
        [288] = (288, "USB_2_0", "USB 2.0/1.1/1.0 as transmitted over the cable"),
        [289] = (289, "ATSC_ALP", "ATSC Link-Layer Protocol packets"),
    };

    /// <summary>The DLT_ value libpcap reports for a file whose header says <paramref name="linkType"/>.</summary>
    /// <param name="linkType">The link type from the file.</param>
    public static uint ToDataLinkType(LinkType linkType) => Table.TryGetValue(linkType.Value, out var entry) ? entry.Dlt : linkType.Value;

    /// <summary>
    /// The LINKTYPE_ number libpcap writes into a file for a DLT_ value (tcpdump <c>-w</c>): the inverse of
    /// <see cref="ToDataLinkType"/>, e.g. DLT_RAW 12 is written as LINKTYPE_RAW 101.
    /// </summary>
    /// <param name="dataLinkType">The DLT_ value.</param>
    public static LinkType ToFileLinkType(uint dataLinkType) => new(dataLinkType switch
    {
        11 => 100,
        12 => 101,
        15 => 102,
        16 => 103,
        19 => 106,
        _ => dataLinkType,
    });

    /// <summary>libpcap's name (e.g. <c>EN10MB</c>) and description (e.g. <c>Ethernet</c>) for a LINKTYPE_, when it has one.</summary>
    /// <param name="linkType">The link type from the file.</param>
    /// <param name="name">The DLT name without its <c>DLT_</c> prefix.</param>
    /// <param name="description">The human description.</param>
    public static bool TryGetName(LinkType linkType, out string name, out string description)
    {
        if (Table.TryGetValue(linkType.Value, out var entry))
        {
            (name, description) = (entry.Name, entry.Description);
            return true;
        }
        (name, description) = ("", "");
        return false;
    }

    /// <summary>
    /// The link-type text of tcpdump's "reading from file" line: <c>EN10MB (Ethernet)</c>, or the bare DLT number
    /// when libpcap has no name for it.
    /// </summary>
    /// <param name="linkType">The link type from the file.</param>
    public static string Describe(LinkType linkType) =>
        TryGetName(linkType, out string name, out string description)
            ? $"{name} ({description})"
            : ToDataLinkType(linkType).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The largest snapshot length libpcap allows for a link type (262144, except D-Bus 128 MiB, USBPcap 1 MiB and
    /// EBHSCR 8 MiB); libpcap reports a file's snapshot length of 0 or above it as this value.
    /// </summary>
    /// <param name="linkType">The link type from the file.</param>
    public static uint MaxSnapLength(LinkType linkType) => ToDataLinkType(linkType) switch
    {
        231 => 128 * 1024 * 1024,
        249 => 1024 * 1024,
        279 => 8 * 1024 * 1024,
        _ => CaptureLimits.DefaultSnapLength,
    };

    /// <summary>
    /// The snapshot length tcpdump reports for a file: the header's value, or <see cref="MaxSnapLength"/> when that
    /// value is 0 or negative as a signed 32-bit number (libpcap keeps larger positive values as they are).
    /// </summary>
    /// <param name="linkType">The link type from the file.</param>
    /// <param name="snapLength">The snapshot length from the file header or first interface.</param>
    public static uint EffectiveSnapLength(LinkType linkType, uint snapLength) =>
        (int)snapLength <= 0 ? MaxSnapLength(linkType) : snapLength;

    /// <summary>
    /// True when libpcap's filter compiler accepts the link type (tcpdump compiles even an empty filter, so it
    /// refuses to read files of other types): every DLT libpcap names, and the whole range 104 to 289.
    /// </summary>
    /// <param name="linkType">The link type from the file.</param>
    public static bool IsFilterable(LinkType linkType)
    {
        uint dlt = ToDataLinkType(linkType);
        return dlt is >= MatchingMinimum and <= MatchingMaximum || TryGetName(linkType, out _, out _);
    }

    /// <summary>The lowest DLT_ value that equals its LINKTYPE_ number (libpcap's DLT_MATCHING_MIN).</summary>
    public const uint MatchingMinimum = 104;

    /// <summary>The highest DLT_ value libpcap 1.10 knows (DLT_MATCHING_MAX).</summary>
    public const uint MatchingMaximum = 289;
}
