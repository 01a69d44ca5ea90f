# Sends one mDNS query from port 5353 to 224.0.0.251 (an AAAA question with the unicast-response bit and a PTR
# question for a service type) and waits up to 2 s for an answer.
import socket
import struct
import sys


def name(text):
    return b''.join(bytes([len(label)]) + label.encode() for label in text.split('.')) + b'\x00'


local, host = sys.argv[1], sys.argv[2]
query = struct.pack('!HHHHHH', 0, 0, 2, 0, 0, 0)
query += name(host) + struct.pack('!HH', 28, 0x8001) + name('_workstation._tcp.local') + struct.pack('!HH', 12, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((local, 5353))
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(local))
s.sendto(query, ('224.0.0.251', 5353))
s.settimeout(2)
try:
    s.recvfrom(9000)
    print('answered')
except socket.timeout:
    print('no answer')
