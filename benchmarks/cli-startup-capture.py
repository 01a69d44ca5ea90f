#!/usr/bin/env python3
# Writes the capture docs/benchmarks.md times pcapcore and tcpdump on: N Ethernet frames (TCP to 80/443/22, UDP to
# 53/123/5000, ICMP echo; IPv4, random payloads), seed 7. Usage: cli-startup-capture.py OUT.pcap N
import struct, random, sys
random.seed(7)
n=int(sys.argv[2])
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
with open(sys.argv[1],'wb') as f:
    f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,262144,1))
    t=1700000000.0
    for i in range(n):
        t+=random.random()*0.001
        src=bytes([10,0,random.randrange(4),random.randrange(1,20)]); dst=bytes([10,1,random.randrange(4),random.randrange(1,20)])
        k=i%3
        payload=bytes(random.randrange(256) for _ in range(random.randrange(0,64)))
        if k==0:
            l4=struct.pack('!HHIIBBHHH',random.randrange(1024,65535),random.choice([80,443,22]),random.getrandbits(32),random.getrandbits(32),0x50,0x18,65535,0,0)+payload; proto=6
        elif k==1:
            l4=struct.pack('!HHHH',random.randrange(1024,65535),random.choice([53,123,5000]),8+len(payload),0)+payload; proto=17
        else:
            l4=struct.pack('!BBHHH',8,0,0,random.randrange(65535),i&0xffff)+payload; proto=1
        ip=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(l4),i&0xffff,0,64,proto,0,src,dst)
        ip=ip[:10]+struct.pack('!H',csum(ip))+ip[12:]
        fr=b'\x02\x00\x00\x00\x00\x02'+b'\x02\x00\x00\x00\x00\x01'+b'\x08\x00'+ip+l4
        f.write(struct.pack('<IIII',int(t),int((t%1)*1e6),len(fr),len(fr))); f.write(fr)
