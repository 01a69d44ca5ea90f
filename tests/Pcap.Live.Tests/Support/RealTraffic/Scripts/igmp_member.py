# Joins two groups (and, for IGMPv3, one source-specific group) on the given local address, says "joined",
# waits for a line on stdin, then leaves them all: the kernel sends the reports and leaves.
import socket
import sys
import time

version, local = sys.argv[1], sys.argv[2]
IP_ADD_SOURCE_MEMBERSHIP = 39  # struct ip_mreq_source { multiaddr, interface, sourceaddr }
groups = ['239.1.2.3', '239.1.2.4']
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for group in groups:
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton(local))
if version == '3':
    s.setsockopt(socket.IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP,
                 socket.inet_aton('232.1.1.1') + socket.inet_aton(local) + socket.inet_aton(sys.argv[3]))
print('joined', flush=True)
sys.stdin.readline()
for group in groups:
    s.setsockopt(socket.IPPROTO_IP, socket.IP_DROP_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton(local))
time.sleep(0.3)
s.close()
time.sleep(0.3)
print('left', flush=True)
