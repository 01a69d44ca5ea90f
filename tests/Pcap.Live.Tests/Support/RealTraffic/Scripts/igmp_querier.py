# Sends IGMP queries of one version from a raw socket with the Router Alert option, as a multicast router would:
# v1 a general query; v2 a general and a group-specific query (max response 0.5 s); v3 a general query and a
# group-and-source-specific query. The kernel has no querier of its own.
import socket
import struct
import sys

version, local, group, source_group, source = sys.argv[1:6]


def checksum(data):
    total = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return (~total) & 0xffff


def message(body):
    data = bytearray(body)
    data[2:4] = struct.pack('!H', checksum(bytes(data)))
    return bytes(data)


s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, b'\x94\x04\x00\x00')
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(local))
if version == '1':
    s.sendto(message(struct.pack('!BBH4s', 0x11, 0, 0, bytes(4))), ('224.0.0.1', 0))
elif version == '2':
    s.sendto(message(struct.pack('!BBH4s', 0x11, 5, 0, bytes(4))), ('224.0.0.1', 0))
    s.sendto(message(struct.pack('!BBH4s', 0x11, 5, 0, socket.inet_aton(group))), (group, 0))
else:
    s.sendto(message(struct.pack('!BBH4sBBH', 0x11, 5, 0, bytes(4), 2, 125, 0)), ('224.0.0.1', 0))
    s.sendto(message(struct.pack('!BBH4sBBH4s', 0x11, 5, 0, socket.inet_aton(source_group), 0x0a, 20, 1,
                                 socket.inet_aton(source))), (source_group, 0))
