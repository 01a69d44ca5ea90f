#!/usr/bin/env bash
# Records samples/docker0-arp-icmp.pcap: real traffic on a bridge named docker0 (172.17.0.1/16), like Docker's,
# with a veth to a "container" namespace (eth0 172.17.0.2). The container pings the host and the host pings the
# container, each after flushing ARP caches so who-has/is-at appear. Everything lives in two fresh namespaces
# with unique names, removed on exit; the machine's own interfaces are never touched. Run as root.
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-docker0-arp-icmp.pcap}
[ "$(id -u)" = 0 ] || { echo "record-docker0.sh: run as root (it creates network namespaces)" >&2; exit 1; }
for tool in ip tcpdump ping; do
  command -v "$tool" >/dev/null || { echo "record-docker0.sh: '$tool' is missing (apt-get install iproute2 tcpdump iputils-ping)" >&2; exit 1; }
done

id=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
host=pc-$id-host
container=pc-$id-container
errors=$(mktemp)
tcpdump_pid=
cleanup() {
  [ -n "$tcpdump_pid" ] && kill "$tcpdump_pid" 2>/dev/null || true
  ip netns delete "$host" 2>/dev/null || true
  ip netns delete "$container" 2>/dev/null || true
  rm -f "$errors"
}
trap cleanup EXIT

ip netns add "$host"
ip netns add "$container"
for ns in "$host" "$container"; do
  # No IPv6: router solicitations and DAD would only add noise to an ARP/ICMP sample.
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$ns" link set lo up
done

# The host side, as dockerd sets it up: bridge docker0 with the gateway address, a veth port named veth<hex>.
ip -n "$host" link add docker0 address 02:42:8e:5d:3a:17 type bridge
ip -n "$host" addr add 172.17.0.1/16 dev docker0
ip -n "$host" link set docker0 up
ip -n "$host" link add veth3c9a1e2 type veth peer name eth0 netns "$container"
ip -n "$host" link set veth3c9a1e2 master docker0 up
# The container side: Docker derives the MAC from the IPv4 address (02:42:ac:11:00:02 for 172.17.0.2).
ip -n "$container" link set eth0 address 02:42:ac:11:00:02
ip -n "$container" addr add 172.17.0.2/16 dev eth0
ip -n "$container" link set eth0 up
ip -n "$container" route add default via 172.17.0.1

ip netns exec "$host" tcpdump -i docker0 -U --immediate-mode -w "$out" 'arp or icmp' 2>"$errors" &
tcpdump_pid=$!
for _ in $(seq 50); do grep -q "listening on" "$errors" && break; sleep 0.1; done
grep -q "listening on" "$errors" || { cat "$errors" >&2; exit 1; }

ip -n "$host" neigh flush all
ip -n "$container" neigh flush all
ip netns exec "$container" ping -n -c 3 -i 0.3 172.17.0.1 >/dev/null
ip -n "$host" neigh flush all
ip -n "$container" neigh flush all
ip netns exec "$host" ping -n -c 3 -i 0.3 172.17.0.2 >/dev/null
sleep 0.5

kill -INT "$tcpdump_pid"
wait "$tcpdump_pid" || true
tcpdump_pid=
grep -v "listening on" "$errors" >&2 || true
echo "record-docker0.sh: wrote $out" >&2
tcpdump -r "$out" -n -e
