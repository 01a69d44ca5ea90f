#!/usr/bin/env bash
# Live capture throughput: tcpdump, pcapcore and pcapcore --workers 2 in one run, on traffic from a real generator.
# netsniff-ng's trafgen sends UDP frames (64 flows) from one namespace into a veth; the capture runs in the other
# namespace on the receiving end, writing to /dev/null with the same -B for every tool. For each frame size (64 B and
# 1500 B on the wire, FCS included), each filter (none, and one that accepts every frame so its cost is paid on all),
# and each rate (1/8, 1/4, 1/2 of the fastest trafgen sends on this machine with nothing capturing, then unlimited),
# every tool gets its own flood of SECONDS seconds. Per run: packets offered (the receiving veth's rx_packets), the
# tool's own captured / received-by-filter / dropped-by-kernel counts, and its user+system CPU seconds (utime+stime
# of /proc/PID/stat, from just before the flood until 1.5 s after it, so start-up is not counted) per million
# packets captured. The table replaces the capture-throughput section of docs/benchmarks.md (the rest is kept).
# With --native, pcapcore is the NativeAOT linux-x64 publish (no JIT warm-up in the CPU figures); otherwise the Release build.
# Usage (root): benchmarks/capture-throughput.sh [--native] [--seconds N (5)] [--buffer KIB (8192)] [--output FILE (docs/benchmarks.md)]
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=5
BUFFER_KIB=8192
OUTPUT=docs/benchmarks.md
NATIVE=
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN=${2:?--seconds needs a number}; shift 2 ;;
    --buffer) BUFFER_KIB=${2:?--buffer needs KiB}; shift 2 ;;
    --output) OUTPUT=${2:?--output needs a file}; shift 2 ;;
    --native) NATIVE=1; shift ;;
    *) echo "usage: benchmarks/capture-throughput.sh [--native] [--seconds N] [--buffer KIB] [--output FILE]" >&2; exit 2 ;;
  esac
done

fail() { echo "capture-throughput.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (namespaces, packet sockets)"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
if ! command -v trafgen >/dev/null && command -v apt-get >/dev/null; then
  echo "== installing netsniff-ng (trafgen)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends netsniff-ng >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends netsniff-ng >/dev/null; } || true
fi
for tool in ip tcpdump trafgen dotnet; do
  command -v "$tool" >/dev/null || fail "'$tool' is missing (trafgen: apt-get install netsniff-ng)"
done

if [ -n "$NATIVE" ]; then
  echo "== publish (NativeAOT linux-x64)"
  dotnet publish src/Pcap.Cli -c Release -r linux-x64 -p:PublishAot=true -nologo -v quiet -o artifacts/native >/dev/null ||
    fail "the NativeAOT publish failed (it needs clang and zlib1g-dev)"
  PCAPCORE=$PWD/artifacts/native/pcapcore
else
  echo "== build (Release)"
  dotnet build src/Pcap.Cli -c Release -nologo -v quiet >/dev/null
  PCAPCORE=$PWD/src/Pcap.Cli/bin/Release/net10.0/pcapcore
fi

TAG=$$-$(od -An -N2 -tx1 /dev/urandom | tr -d ' \n')
SENDER=pc-tgs-$TAG
RECEIVER=pc-tgr-$TAG
WORK=$(mktemp -d)
CAPTURE_PID=
cleanup() {
  [ -n "$CAPTURE_PID" ] && kill -9 "$CAPTURE_PID" 2>/dev/null || true
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
  ip -n "$ns" link set eth0 up
done

# The destination MAC is not the receiver's, so the receiving stack drops each frame at once (no ICMP answers to
# capture); promiscuous capture still sees every one. dinc() walks the source port over 64 flows for hash fanout.
write_config() { # frame bytes without FCS
  cat > "$WORK/frames-$1.cfg" <<EOF
{
  eth(da=02:00:00:00:00:02, sa=02:00:00:00:00:01, type=0x0800),
  ipv4(saddr=10.201.0.1, daddr=10.201.0.2, ttl=64),
  udp(sport=dinc(1024, 1087), dport=9),
  fill(0x41, $(($1 - 42)))
}
EOF
}
rx_packets() { ip netns exec "$RECEIVER" cat /sys/class/net/eth0/statistics/rx_packets; }
# User+system time of the whole process in ns: /proc/PID/stat's utime+stime (clock ticks) count every thread, also
# those that have exited (a sum over /proc/PID/task would lose a runtime thread that ends mid-run).
cpu_ns() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1e9 / hz }' "/proc/$1/stat"; }
send() { # config rate(pps or max)
  if [ "$2" = max ]; then
    ip netns exec "$SENDER" timeout -s INT "$SECONDS_PER_RUN" trafgen -o eth0 -i "$1" -P 1 --no-sock-mem -Q -C >/dev/null 2>&1 || true
  else
    ip netns exec "$SENDER" trafgen -o eth0 -i "$1" -P 1 --no-sock-mem -Q -C -b "$2pps" -n "$(($2 * SECONDS_PER_RUN))" >/dev/null 2>&1
  fi
}
stat_of() { grep -Eo "^[0-9]+ packets? $2" "$1" | grep -Eo '^[0-9]+' || echo "?"; }

ROWS=$WORK/rows.tsv
: > "$ROWS"
measure() { # size rate filter-label tool-label command...
  local size=$1 rate=$2 label=$3 tool=$4; shift 4
  local err=$WORK/capture.err
  ip netns exec "$RECEIVER" "$@" 2>"$err" >/dev/null &
  CAPTURE_PID=$!
  for _ in $(seq 300); do grep -q "listening on" "$err" 2>/dev/null && break; sleep 0.1; done
  grep -q "listening on" "$err" || fail "$tool did not start: $(cat "$err")"
  sleep 0.5
  local rx0 cpu0 rx1 cpu1
  rx0=$(rx_packets); cpu0=$(cpu_ns "$CAPTURE_PID")
  send "$WORK/frames-$size.cfg" "$rate"
  sleep 1.5 # past the 1 s block timeout: every block the kernel filled has been handed over and read
  rx1=$(rx_packets); cpu1=$(cpu_ns "$CAPTURE_PID")
  kill -TERM "$CAPTURE_PID"
  wait "$CAPTURE_PID" || true
  CAPTURE_PID=
  local offered=$((rx1 - rx0)) captured received dropped
  captured=$(stat_of "$err" captured); received=$(stat_of "$err" "received by filter"); dropped=$(stat_of "$err" "dropped by kernel")
  local cpu per_million
  cpu=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  per_million=$(awk -v c="$cpu" -v n="$captured" 'BEGIN { if (n > 0) printf "%.2f", c / n * 1e6; else print "-" }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$((size + 4))" "$rate" "$label" "$tool" "$offered" "$captured" "$received" "$dropped" "$cpu" "$per_million" >> "$ROWS"
  printf '   %5s B  %-9s %-22s %-24s offered %9s captured %9s dropped %9s cpu %6ss (%s s/Mpkt)\n' \
    "$((size + 4))" "$rate" "$label" "$tool" "$offered" "$captured" "$dropped" "$cpu" "$per_million"
}

FILTER="udp and dst port 9"
declare -A MAX_RATE
for size in 60 1514; do
  write_config "$size"
  rx0=$(rx_packets)
  send "$WORK/frames-$size.cfg" max
  rx1=$(rx_packets)
  MAX_RATE[$size]=$(((rx1 - rx0) / SECONDS_PER_RUN))
  echo "== $((size + 4)) B frames: trafgen sends ${MAX_RATE[$size]} packets/s here with nothing capturing"
done

for size in 60 1514; do
  max=${MAX_RATE[$size]}
  for rate in $((max / 8)) $((max / 4)) $((max / 2)) max; do
    for label in none "$FILTER"; do
      expression=()
      [ "$label" = none ] || expression=("$label")
      measure "$size" "$rate" "$label" tcpdump tcpdump -i eth0 -B "$BUFFER_KIB" -w /dev/null "${expression[@]}"
      measure "$size" "$rate" "$label" pcapcore "$PCAPCORE" -i eth0 -B "$BUFFER_KIB" -w /dev/null "${expression[@]}"
      measure "$size" "$rate" "$label" "pcapcore --workers 2" "$PCAPCORE" -i eth0 -B "$BUFFER_KIB" --workers 2 -w /dev/null "${expression[@]}"
    done
  done
done

echo "== where each starts dropping"
# The lowest step at which a tool dropped anything, per frame size and filter.
FIRST_DROPS=$(awk -F'\t' '{ key = $1 " B, filter " $3 ", " $4; if (!(key in first)) { order[++n] = key; first[key] = "none up to the fastest step" }
  if ($8 != "?" && $8 > 0 && !(key in seen)) { seen[key] = 1; first[key] = "first drops at " ($2 == "max" ? "the unlimited step" : $2 " packets/s") " (" $5 " offered, " $8 " dropped)" } }
  END { for (i = 1; i <= n; i++) print "- " order[i] ": " first[order[i]] }' "$ROWS")
echo "$FIRST_DROPS"

BUILD_NAME="the Release (JIT) build"
[ -n "$NATIVE" ] && BUILD_NAME="the NativeAOT linux-x64 publish"
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
{
  echo "<!-- capture-throughput:begin -->"
  echo "## Live capture: tcpdump vs pcapcore vs pcapcore --workers 2 (trafgen flood into a veth)"
  echo
  echo "Written by \`./benchmarks/capture-throughput.sh ${NATIVE:+--native }--seconds $SECONDS_PER_RUN --buffer $BUFFER_KIB\` on $(date -u '+%Y-%m-%d %H:%M UTC'); every number below comes from that one run."
  echo "Machine: $CPU_MODEL, $(nproc) logical CPUs, Linux $(uname -r); $(trafgen -v 2>&1 | head -1 | cut -d, -f1); $(tcpdump --version 2>&1 | head -1); pcapcore is $BUILD_NAME."
  echo "netsniff-ng's trafgen sends UDP frames over 64 flows from one namespace into a veth for ${SECONDS_PER_RUN} s per row; each tool captures the"
  echo "receiving end alone (its own flood), \`-w /dev/null\`, \`-B $BUFFER_KIB\` (KiB; with \`--workers 2\` each worker has a ring of that size)."
  echo "Rates are steps of what trafgen reached here with nothing capturing (64 B: ${MAX_RATE[60]} packets/s, 1518 B: ${MAX_RATE[1514]} packets/s): 1/8, 1/4, 1/2, then unlimited."
  echo "*Offered* is the receiving veth's rx_packets over the run; *CPU* is the capture process's user+system time (utime+stime of /proc/PID/stat, all threads, 10 ms ticks), from just"
  echo "before the flood to 1.5 s after it (start-up excluded; with the JIT build, compiling its packet path on the first packets is included), per million packets captured. The generator, the kernel's receive"
  echo "path and the capture share the same $(nproc) CPUs (and other jobs may run on this shared machine), so rates are modest and noisy."
  echo
  echo "| frame | rate (packets/s) | filter | tool | offered | captured | received by filter | dropped by kernel | CPU s | CPU s per M captured |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s B | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, ($2 == "max" ? "unlimited" : $2), ($3 == "none" ? "none" : "`" $3 "`"), $4, $5, $6, $7, $8, $9, $10 }' "$ROWS"
  echo
  echo "Where each starts dropping (lowest step with any drop):"
  echo
  echo "$FIRST_DROPS"
  echo "<!-- capture-throughput:end -->"
} > "$WORK/section.md"

mkdir -p "$(dirname "$OUTPUT")"
touch "$OUTPUT"
# Replace the marked section in place, or append it; the rest of the file stays as it was.
awk -v section="$WORK/section.md" '
  /<!-- capture-throughput:begin -->/ { while ((getline line < section) > 0) print line; skipping = 1; done = 1; next }
  /<!-- capture-throughput:end -->/ { skipping = 0; next }
  !skipping { print }
  END { if (!done) { print ""; while ((getline line < section) > 0) print line } }' "$OUTPUT" > "$WORK/out.md"
cp "$WORK/out.md" "$OUTPUT"
echo "wrote the capture-throughput section of $OUTPUT"
