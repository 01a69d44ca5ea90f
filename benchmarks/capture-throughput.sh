#!/usr/bin/env bash
# Capture throughput, PcapCore vs tcpdump, same run: floods a veth pair between two fresh namespaces for a fixed time
# while `pcapcore -w /dev/null` and `tcpdump -w /dev/null` capture the receiving end at the same time, then prints
# each one's "captured / received by filter / dropped by kernel". Both use their defaults (2 MiB buffer, snaplen 262144).
# Usage (root): benchmarks/capture-throughput.sh [SECONDS=10] [FLOODERS=4] [PAYLOAD_BYTES=56]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-10}
FLOODERS=${2:-4}
PAYLOAD=${3:-56}

[ "$(id -u)" = 0 ] || { echo "capture-throughput.sh: run as root (namespaces, packet sockets)" >&2; exit 1; }
for tool in ip ping tcpdump dotnet; do command -v "$tool" >/dev/null || { echo "capture-throughput.sh: '$tool' is missing" >&2; exit 1; }; done

PCAPCORE=src/Pcap.Cli/bin/Release/net10.0/pcapcore
[ -x "$PCAPCORE" ] || dotnet build src/Pcap.Cli -c Release -nologo -v quiet >/dev/null

TAG=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
SENDER=pc-bs-$TAG
RECEIVER=pc-br-$TAG
WORK=$(mktemp -d)
cleanup() {
  [ -n "${PC_PID:-}" ] && kill -9 "$PC_PID" 2>/dev/null || true
  [ -n "${TD_PID:-}" ] && kill -9 "$TD_PID" 2>/dev/null || true
  ip netns del "$SENDER" 2>/dev/null || true
  ip netns del "$RECEIVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

ip netns add "$SENDER"
ip netns add "$RECEIVER"
ip -n "$SENDER" link add eth0 type veth peer name peer0 netns "$RECEIVER"
ip -n "$RECEIVER" link set peer0 name eth0
for ns in "$SENDER" "$RECEIVER"; do
  ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
  ip -n "$ns" link set lo up
done
ip -n "$SENDER" addr add 10.201.0.1/24 dev eth0
ip -n "$RECEIVER" addr add 10.201.0.2/24 dev eth0
ip -n "$SENDER" link set eth0 up
ip -n "$RECEIVER" link set eth0 up

ip netns exec "$RECEIVER" "$PCAPCORE" -i eth0 -w /dev/null 2>"$WORK/pcapcore.err" &
PC_PID=$!
ip netns exec "$RECEIVER" tcpdump -i eth0 -w /dev/null 2>"$WORK/tcpdump.err" &
TD_PID=$!
for _ in $(seq 100); do
  grep -q "listening on" "$WORK/pcapcore.err" 2>/dev/null && grep -q "listening on" "$WORK/tcpdump.err" 2>/dev/null && break
  sleep 0.1
done

echo "flooding 10.201.0.1 -> 10.201.0.2 for ${SECONDS_TO_RUN}s with $FLOODERS x 'ping -f -l 64 -s $PAYLOAD' (echo requests and replies both cross the captured veth end)"
FLOOD_PIDS=()
for i in $(seq "$FLOODERS"); do
  ip netns exec "$SENDER" ping -f -q -l 64 -s "$PAYLOAD" -w "$SECONDS_TO_RUN" 10.201.0.2 >"$WORK/ping.$i" 2>&1 &
  FLOOD_PIDS+=($!)
done
wait "${FLOOD_PIDS[@]}" || true
sleep 1
kill -TERM "$PC_PID" "$TD_PID"  # background jobs of a script ignore SIGINT; both stop cleanly on SIGTERM too
wait "$PC_PID" "$TD_PID" || true
unset PC_PID TD_PID

report() { # name file
  local captured received dropped
  captured=$(grep -Eo '^[0-9]+ packets? captured' "$2" | grep -Eo '^[0-9]+')
  received=$(grep -Eo '^[0-9]+ packets? received by filter' "$2" | grep -Eo '^[0-9]+')
  dropped=$(grep -Eo '^[0-9]+ packets? dropped by kernel' "$2" | grep -Eo '^[0-9]+')
  printf '%-9s captured %10s   received by filter %10s   dropped by kernel %10s\n' "$1" "$captured" "$received" "$dropped"
}
sent=$(cat "$WORK"/ping.* | grep -Eo '^[0-9]+ packets transmitted' | grep -Eo '^[0-9]+' | awk '{ total += $1 } END { print total }')
echo "echo requests sent: $sent (plus as many replies)"
report pcapcore "$WORK/pcapcore.err"
report tcpdump "$WORK/tcpdump.err"
