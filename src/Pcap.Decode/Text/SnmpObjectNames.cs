namespace Pcap.Decode.Text;

/// <summary>
/// SNMP object identifiers as tcpdump 4.99 prints them without libsmi: with <c>-n</c> every arc as <c>.N</c>; otherwise the
/// prefixes of mib-2 (left out), enterprises (<c>E:</c>), experimental (<c>X:</c>) and snmpModules (<c>S:</c>) shortened and
/// the arcs named while they follow tcpdump's compiled-in MIB tree (its mib.h, from RFC 1156).
/// </summary>
internal static class SnmpObjectNames
{
    /// <summary>Writes the OID whose BER contents are <paramref name="encoded"/>.</summary>
    public static void Write(ref LineWriter writer, ReadOnlySpan<byte> encoded, bool numeric)
    {
        var node = -1;
        var first = -1;
        if (!numeric && encoded.Length > 2)
        {
            foreach (var (prefix, abbreviated, bytes) in Abbreviations)
            {
                if (!encoded.StartsWith(bytes))
                    continue;
                node = Children[abbreviated];
                encoded = encoded[bytes.Length..];
                writer.Append(prefix);
                first = 1;
                break;
            }
        }
        var arc = 0;
        foreach (var b in encoded)
        {
            // Arcs wrap in 32 bits as tcpdump's int does.
            arc = unchecked((arc << 7) + (b & 0x7f));
            if ((b & 0x80) != 0)
                continue;
            if (first < 0)
            {
                // The first subidentifier holds two arcs: 40 * first + second.
                if (!numeric)
                    node = Root;
                first = 0;
                var top = Math.Min(arc / 40, 2);
                WriteArc(ref writer, ref node, top, first > 0);
                arc -= top * 40;
            }
            WriteArc(ref writer, ref node, arc, first > 0);
            if (--first < 0)
                first = 0;
            arc = 0;
        }
    }

    /// <summary>tcpdump's OBJ_PRINT: the arc's name among <paramref name="node"/> and its siblings, moving to its children, else the number.</summary>
    private static void WriteArc(ref LineWriter writer, ref int node, int arc, bool noDot)
    {
        while (node >= 0 && Arcs[node] != arc)
            node = Siblings[node];
        if (!noDot)
            writer.Append('.');
        if (node >= 0)
        {
            writer.Append(Names[node]);
            node = Children[node];
            return;
        }
        writer.AppendDecimal((uint)arc);
    }

    private const int Root = 361;

    /// <summary>The nodes of the abbreviated subtrees: mib-2's parent (""), enterprises ("E:"), experimental ("X:"), snmpModules ("S:").</summary>
    private static readonly (string Prefix, int Node, byte[] Encoded)[] Abbreviations =
    [
        ("", 351, [43, 6, 1, 2, 1]),
        ("E:", 102, [43, 6, 1, 4, 1]),
        ("X:", 354, [43, 6, 1, 3]),
        ("S:", 350, [43, 6, 1, 6, 3]),
    ];

    /// <summary>Each node's name.</summary>
    private static readonly string[] Names =
    [
        "proteon", "ibm", "cmu", "unix", "acc", "twg", "cayman", "nysernet", "cisco", "nsc", "hp", "epilogue",
        "utennessee", "bbn", "xylogics", "unisys", "canstar", "wellfleet", "trw", "mit", "eon", "spartacus", "excelan",
        "spider", "nsfnet", "sytek", "intergraph", "interlan", "vitalink", "ulana", "nswc", "santacruzoperation",
        "xyplex", "cray", "bellnorthernresearch", "dec", "touch", "networkresearchcorp", "baylor", "nmfeccllnl", "sri",
        "sun", "3com", "cmc", "synoptics", "cheyenne", "prime", "mcnc", "chipcom", "opticaldatasystems", "gated",
        "cabletron", "apollo", "desktalksystems", "ssds", "castlerock", "mips", "tgv", "silicongraphics", "ubc",
        "merit", "fibercom", "apple", "gandalf", "dartmouth", "davidsystems", "reuter", "cornell", "tmac", "locus",
        "nasa", "retix", "boeing", "att", "ungermannbass", "digitalanalysis", "hplanman", "netlabs", "icl", "auspex",
        "lannet", "ncd", "raycom", "pirellifocom", "datability", "networkappltech", "link", "nyu", "rnd", "intercon",
        "learningtree", "webstercomputer", "frontier", "nokia", "allenbradley", "cern", "sigma", "emergingtech",
        "snmpresearch", "ohiostate", "ultra", "ccur", "enterprises", "snmpInPkts", "snmpOutPkts", "snmpInBadVersions",
        "snmpInBadCommunityNames", "snmpInBadCommunityUses", "snmpInASNParseErrs", "snmpInBadTypes", "snmpInTooBigs",
        "snmpInNoSuchNames", "snmpInBadValues", "snmpInReadOnlys", "snmpInGenErrs", "snmpInTotalReqVars",
        "snmpInTotalSetVars", "snmpInGetRequests", "snmpInGetNexts", "snmpInSetRequests", "snmpInGetResponses",
        "snmpInTraps", "snmpOutTooBigs", "snmpOutNoSuchNames", "snmpOutBadValues", "snmpOutReadOnlys",
        "snmpOutGenErrs", "snmpOutGetRequests", "snmpOutGetNexts", "snmpOutSetRequests", "snmpOutGetResponses",
        "snmpOutTraps", "snmpEnableAuthTraps", "egpNeighState", "egpNeighAddr", "egpNeighAs", "egpNeighInMsgs",
        "egpNeighInErrs", "egpNeighOutMsgs", "egpNeighOutErrs", "egpNeighInErrMsgs", "egpNeighOutErrMsgs",
        "egpNeighStateUps", "egpNeighStateDowns", "egpNeighIntervalHello", "egpNeighIntervalPoll", "egpNeighMode",
        "egpNeighEventTrigger", "egpNeighEntry", "egpInMsgs", "egpInErrors", "egpOutMsgs", "egpOutErrors",
        "egpNeighTable", "egpAs", "udpLocalAddress", "udpLocalPort", "udpEntry", "udpInDatagrams", "udpNoPorts",
        "udpInErrors", "udpOutDatagrams", "udpTable", "tcpConnState", "tcpConnLocalAddress", "tcpConnLocalPort",
        "tcpConnRemAddress", "tcpConnRemPort", "tcpConnEntry", "tcpRtoAlgorithm", "tcpRtoMin", "tcpRtoMax",
        "tcpMaxConn", "tcpActiveOpens", "tcpPassiveOpens", "tcpAttemptFails", "tcpEstabResets", "tcpCurrEstab",
        "tcpInSegs", "tcpOutSegs", "tcpRetransSegs", "tcpConnTable", "tcpInErrs", "tcpOutRsts", "icmpInMsgs",
        "icmpInErrors", "icmpInDestUnreachs", "icmpInTimeExcds", "icmpInParmProbs", "icmpInSrcQuenchs",
        "icmpInRedirects", "icmpInEchos", "icmpInEchoReps", "icmpInTimestamps", "icmpInTimestampReps",
        "icmpInAddrMasks", "icmpInAddrMaskReps", "icmpOutMsgs", "icmpOutErrors", "icmpOutDestUnreachs",
        "icmpOutTimeExcds", "icmpOutParmProbs", "icmpOutSrcQuenchs", "icmpOutRedirects", "icmpOutEchos",
        "icmpOutEchoReps", "icmpOutTimestamps", "icmpOutTimestampReps", "icmpOutAddrMasks", "icmpOutAddrMaskReps",
        "ipNetToMediaIfIndex", "ipNetToMediaPhysAddress", "ipNetToMediaNetAddress", "ipNetToMediaType",
        "ipNetToMediaEntry", "ipRouteDest", "ipRouteIfIndex", "ipRouteMetric1", "ipRouteMetric2", "ipRouteMetric3",
        "ipRouteMetric4", "ipRouteNextHop", "ipRouteType", "ipRouteProto", "ipRouteAge", "ipRouteMask", "ipRouteEntry",
        "ipAdEntAddr", "ipAdEntIfIndex", "ipAdEntNetMask", "ipAdEntBcastAddr", "ipAdEntReasmMaxSize", "ipAddrEntry",
        "ipForwarding", "ipDefaultTTL", "ipInReceives", "ipInHdrErrors", "ipInAddrErrors", "ipForwDatagrams",
        "ipInUnknownProtos", "ipInDiscards", "ipInDelivers", "ipOutRequests", "ipOutDiscards", "ipOutNoRoutes",
        "ipReasmTimeout", "ipReasmReqds", "ipReasmOKs", "ipReasmFails", "ipFragOKs", "ipFragFails", "ipFragCreates",
        "ipAddrTable", "ipRoutingTable", "ipNetToMediaTable", "atIfIndex", "atPhysAddress", "atNetAddress", "atEntry",
        "atTable", "ifIndex", "ifDescr", "ifType", "ifMtu", "ifSpeed", "ifPhysAddress", "ifAdminStatus",
        "ifOperStatus", "ifLastChange", "ifInOctets", "ifInUcastPkts", "ifInNUcastPkts", "ifInDiscards", "ifInErrors",
        "ifInUnknownProtos", "ifOutOctets", "ifOutUcastPkts", "ifOutNUcastPkts", "ifOutDiscards", "ifOutErrors",
        "ifOutQLen", "ifSpecific", "ifEntry", "ifNumber", "ifTable", "sysDescr", "sysObjectID", "sysUpTime",
        "sysContact", "sysName", "sysLocation", "sysServices", "system", "interfaces", "at", "ip", "icmp", "tcp",
        "udp", "egp", "transmission", "snmp", "usmMIBCompliances", "usmMIBGroups", "usmUserEngineID", "usmUserName",
        "usmUserSecurityName", "usmUserCloneFrom", "usmUserAuthProtocol", "usmUserAuthKeyChange",
        "usmUserOwnAuthKeyChange", "usmUserPrivProtocol", "usmUserPrivKeyChange", "usmUserOwnPrivKeyChange",
        "usmUserPublic", "usmUserStorageType", "usmUserStatus", "usmUserEntry", "usmUserSpinLock", "usmUserTable",
        "usmStatsUnsupportedSecLevels", "usmStatsNotInTimeWindows", "usmStatsUnknownUserNames",
        "usmStatsUnknownEngineIDs", "usmStatsWrongDigests", "usmStatsDecryptionErrors", "usmStats", "usmUser",
        "usmMIBObjects", "usmMIBConformance", "snmpMPDMIBCompliances", "snmpMPDMIBGroups", "snmpUnknownSecurityModels",
        "snmpInvalidMsgs", "snmpUnknownPDUHandlers", "snmpMPDStats", "snmpMPDAdmin", "snmpMPDMIBObjects",
        "snmpMPDMIBConformance", "snmpEngineID", "snmpEngineBoots", "snmpEngineTime", "snmpEngineMaxMessageSize",
        "snmpEngine", "snmpFrameworkAdmin", "snmpFrameworkMIBObjects", "snmpFrameworkMIBConformance",
        "snmpFrameworkMIB", "snmpMPDMIB", "snmpUsmMIB", "snmpModules", "mib", "directory", "mgmt", "experimental",
        "private", "security", "snmpV2", "internet", "dod", "org", "iso",
    ];

    /// <summary>Each node's arc under its parent.</summary>
    private static readonly byte[] Arcs =
    [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58,
        59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86,
        87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 136, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 1, 1, 2, 3, 4, 5, 6, 1, 2, 1, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
        12, 13, 14, 15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
        1, 2, 3, 4, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 1, 2, 3, 4, 5, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 1, 2, 3, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 1, 1, 2, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 1, 2, 1, 2, 3, 4, 5, 6,
        7, 8, 9, 10, 11, 12, 13, 1, 1, 2, 1, 2, 3, 4, 5, 6, 1, 2, 1, 2, 1, 2, 1, 2, 3, 1, 1, 2, 3, 1, 2, 3, 4, 1, 1, 2,
        3, 10, 11, 15, 3, 1, 1, 2, 3, 4, 5, 6, 1, 6, 3, 1,
    ];

    /// <summary>Each node's first child (-1: none).</summary>
    private static readonly short[] Children =
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 101, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, 147, -1, -1, -1, -1, 148, -1, -1, -1, 156, -1, -1, -1, -1, 157, -1, -1, -1,
        -1, -1, 167, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 168, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 213, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, 225, -1, -1, -1, -1, -1, 231, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, 232, 226, 214, -1, -1, -1, 257, 258, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, 281, -1, 282, -1, -1, -1, -1, -1, -1, -1, 291, 284, 259, 254, 209, 183,
        162, 154, -1, 132, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 316, -1, 317, -1, -1, -1, -1,
        -1, -1, 325, 319, 327, 303, -1, -1, -1, -1, -1, 334, -1, 335, 331, -1, -1, -1, -1, 342, -1, 343, -1, 346, 338,
        329, 349, 301, -1, 351, -1, 102, -1, 350, 357, 358, 359, 360,
    ];

    /// <summary>Each node's next sibling (-1: none).</summary>
    private static readonly short[] Siblings =
    [
        -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
        29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56,
        57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84,
        85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, -1, -1, 103, 104, 105, 106, 107, 108, 109,
        110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131,
        -1, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, -1, -1, 149, 150, 151, 152, 153, -1,
        155, -1, -1, 158, 159, 160, 161, -1, 163, 164, 165, 166, -1, -1, 169, 170, 171, 172, 173, 174, 175, 176, 177,
        178, 179, 180, 181, 182, -1, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199,
        200, 201, 202, 203, 204, 205, 206, 207, 208, -1, 210, 211, 212, -1, -1, 215, 216, 217, 218, 219, 220, 221, 222,
        223, 224, -1, -1, 227, 228, 229, 230, -1, -1, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245,
        246, 247, 248, 249, 250, 251, 252, 253, -1, 255, 256, -1, -1, -1, 260, 261, 262, 263, 264, 265, 266, 267, 268,
        269, 270, 271, 272, 273, 274, 275, 276, 277, 278, 279, 280, -1, -1, 283, -1, 285, 286, 287, 288, 289, 290, -1,
        292, 293, 294, 295, 296, 297, 298, 299, 300, -1, 302, -1, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313,
        314, 315, -1, -1, 318, -1, 320, 321, 322, 323, 324, -1, 326, -1, 328, -1, 330, -1, 332, 333, -1, -1, 336, 337,
        -1, 339, 340, 341, -1, -1, 344, 345, -1, 347, 348, -1, -1, -1, 352, 353, 354, 355, 356, -1, -1, -1, -1,
    ];
}
