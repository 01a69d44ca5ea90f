#!/usr/bin/env bash
# Live capture throughput: tcpdump, pcapcore and pcapcore --workers 2 in one run, on traffic from a real generator.
# netsniff-ng's trafgen sends UDP frames (64 flows) from one namespace into a veth; the capture runs in the other
# namespace on the receiving end, writing to /dev/null with the same -B for every tool. For each frame size (64 B and
# 1500 B on the wire, FCS included), each filter (none, and one that accepts every frame so its cost is paid on all),
# and each rate (1/8, 1/4, 1/2 of the fastest trafgen sends on this machine with nothing capturing, then unlimited),
# every tool gets its own flood of SECONDS seconds, REPEAT times (the tools take turns, so a change in the machine's
# load reaches all of them alike). Per run: packets offered (the receiving veth's rx_packets), the tool's own
# captured / received-by-filter / dropped-by-kernel counts, and its user+system CPU time from just before the flood
# until 1.5 s after it (start-up is not counted): the kernel's nanosecond run time of each of its threads
# (/proc/PID/task/TID/schedstat), or utime+stime of /proc/PID/stat (10 ms ticks) when a thread ended within the run.
# A row gives the totals over its runs and the median (and range) of the runs' CPU seconds per million packets captured.
# The table replaces the capture-throughput section of docs/benchmarks.md (the rest is kept).
# With --native, pcapcore is the NativeAOT linux-x64 publish (no JIT warm-up in the CPU figures); otherwise the Release
# build; --pcapcore FILE takes a binary already built (e.g. a NativeAOT publish) instead of building one.
# --frames, --steps, --filters and --tools pick rows (to re-measure a few with a higher --repeat, into another --output):
# frames 64 and/or 1518; steps 1/8 1/4 1/2 (of the fastest send) max, or a rate in packets/s; filters none and/or
# filter; tools tcpdump pcapcore workers.
# Usage (root): benchmarks/capture-throughput.sh [--native] [--pcapcore FILE] [--seconds N (5)] [--repeat N (3)]
#               [--buffer KIB (8192)] [--output FILE (docs/benchmarks.md)] [--frames "64 1518"]
#               [--steps "1/8 1/4 1/2 max"] [--filters "none filter"] [--tools "tcpdump pcapcore workers"]
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=5
REPEAT=3
BUFFER_KIB=8192
OUTPUT=docs/benchmarks.md
NATIVE=
PCAPCORE=
FRAMES="64 1518"
STEPS="1/8 1/4 1/2 max"
FILTERS="none filter"
TOOLS="tcpdump pcapcore workers"
# The options given (besides --seconds, --repeat and --buffer, always shown), for the section's "Written by" line.
INVOCATION=
while [ $# -gt 0 ]; do
  case "$1" in
    --output|--pcapcore|--frames|--steps|--filters|--tools) INVOCATION+=" $1 ${2:+$(printf '%q' "$2")}" ;;
    --native) INVOCATION+=" $1" ;;
  esac
  case "$1" in
    --seconds) SECONDS_PER_RUN=${2:?--seconds needs a number}; shift 2 ;;
    --repeat) REPEAT=${2:?--repeat needs a number}; shift 2 ;;
    --buffer) BUFFER_KIB=${2:?--buffer needs KiB}; shift 2 ;;
    --output) OUTPUT=${2:?--output needs a file}; shift 2 ;;
    --native) NATIVE=1; shift ;;
    --pcapcore) PCAPCORE=${2:?--pcapcore needs the binary}; shift 2 ;;
    --frames) FRAMES=${2:?--frames needs 64 and/or 1518}; shift 2 ;;
    --steps) STEPS=${2:?--steps needs 1/8 1/4 1/2 max or packets/s}; shift 2 ;;
    --filters) FILTERS=${2:?--filters needs none and/or filter}; shift 2 ;;
    --tools) TOOLS=${2:?--tools needs tcpdump pcapcore workers}; shift 2 ;;
    *) echo "usage: benchmarks/capture-throughput.sh [--native] [--pcapcore FILE] [--seconds N] [--repeat N] [--buffer KIB] [--output FILE] [--frames LIST] [--steps LIST] [--filters LIST] [--tools LIST]" >&2; exit 2 ;;
  esac
done

fail() { echo "capture-throughput.sh: $*" >&2; exit 1; }
[[ "$SECONDS_PER_RUN" =~ ^[1-9][0-9]*$ ]] || fail "--seconds wants a whole number of seconds, not '$SECONDS_PER_RUN'"
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || fail "--repeat wants a positive whole number, not '$REPEAT'"
for frame in $FRAMES; do [[ "$frame" =~ ^(64|1518)$ ]] || fail "--frames takes 64 and/or 1518, not '$frame'"; done
for step in $STEPS; do [[ "$step" =~ ^(1/8|1/4|1/2|max|[1-9][0-9]*)$ ]] || fail "--steps takes 1/8 1/4 1/2 max or packets/s, not '$step'"; done
for filter in $FILTERS; do [[ "$filter" =~ ^(none|filter)$ ]] || fail "--filters takes none and/or filter, not '$filter'"; done
for tool in $TOOLS; do [[ "$tool" =~ ^(tcpdump|pcapcore|workers)$ ]] || fail "--tools takes tcpdump pcapcore workers, not '$tool'"; done
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

PCAPCORE_GIVEN=$PCAPCORE
if [ -n "$PCAPCORE" ]; then
  [ -x "$PCAPCORE" ] || fail "--pcapcore $PCAPCORE: no such executable"
  PCAPCORE=$(realpath "$PCAPCORE")
  # A NativeAOT binary has no pcapcore.dll beside it; a framework-dependent build has.
  [ -e "$(dirname "$PCAPCORE")/pcapcore.dll" ] || NATIVE=1
elif [ -n "$NATIVE" ]; then
  echo "== publish (NativeAOT linux-x64)"
  dotnet publish src/Pcap.Cli -c Release -r linux-x64 -p:PublishAot=true -nologo -v quiet -o artifacts/native >/dev/null ||
    fail "the NativeAOT publish failed (it needs clang and zlib1g-dev)"
  PCAPCORE=$PWD/artifacts/native/pcapcore
else
  echo "== build (Release)"
  dotnet build src/Pcap.Cli -c Release -nologo -v quiet >/dev/null
  PCAPCORE=$PWD/src/Pcap.Cli/bin/Release/net10.0/pcapcore
fi

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
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
# those that have exited, but only to 10 ms.
cpu_ns() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1e9 / hz }' "/proc/$1/stat"; }
# The run time of each thread in ns ("TID NS" lines): /proc/PID/task/TID/schedstat's first field, exact for a thread
# that is asleep (the capture waits in poll when it is read), but a thread that ends takes its time with it.
thread_ns() { local f; for f in /proc/"$1"/task/*/schedstat; do local t=${f%/schedstat}; echo "${t##*/} $(cut -d' ' -f1 "$f")"; done; }
# CPU ns between two thread_ns snapshots, or "lost" when a thread of the first is gone from the second.
thread_delta() { awk 'NR == FNR { before[$1] = $2; next } { after[$1] = $2 }
  END { for (t in before) if (!(t in after)) { print "lost"; exit } total = 0; for (t in after) total += after[t] - before[t]; printf "%d", total }' "$1" "$2"; }
send() { # config rate(pps or max)
  if [ "$2" = max ]; then
    ip netns exec "$SENDER" timeout -s INT "$SECONDS_PER_RUN" trafgen -o eth0 -i "$1" -P 1 --no-sock-mem -Q -C >/dev/null 2>&1 || true
  else
    ip netns exec "$SENDER" trafgen -o eth0 -i "$1" -P 1 --no-sock-mem -Q -C -b "$2pps" -n "$(($2 * SECONDS_PER_RUN))" >/dev/null 2>&1
  fi
}
stat_of() { grep -Eo "^[0-9]+ packets? $2" "$1" | grep -Eo '^[0-9]+' || echo "?"; }

RUNS=$WORK/runs.tsv
ROWS=$WORK/rows.tsv
: > "$RUNS"
measure() { # size rate filter-label tool-label command...
  local size=$1 rate=$2 label=$3 tool=$4; shift 4
  local err=$WORK/capture.err
  ip netns exec "$RECEIVER" "$@" 2>"$err" >/dev/null &
  CAPTURE_PID=$!
  for _ in $(seq 300); do grep -q "listening on" "$err" 2>/dev/null && break; sleep 0.1; done
  grep -q "listening on" "$err" || fail "$tool did not start: $(cat "$err")"
  sleep 0.5
  local rx0 cpu0 rx1 cpu1 cpu_ns_exact
  thread_ns "$CAPTURE_PID" > "$WORK/threads0"
  rx0=$(rx_packets); cpu0=$(cpu_ns "$CAPTURE_PID")
  send "$WORK/frames-$size.cfg" "$rate"
  sleep 1.5 # past the 1 s block timeout: every block the kernel filled has been handed over and read
  rx1=$(rx_packets); cpu1=$(cpu_ns "$CAPTURE_PID")
  thread_ns "$CAPTURE_PID" > "$WORK/threads1"
  cpu_ns_exact=$(thread_delta "$WORK/threads0" "$WORK/threads1")
  local clock=schedstat
  if [ "$cpu_ns_exact" = lost ]; then
    clock=ticks
  else
    cpu0=0; cpu1=$cpu_ns_exact
  fi
  kill -TERM "$CAPTURE_PID"
  wait "$CAPTURE_PID" || true
  CAPTURE_PID=
  local offered=$((rx1 - rx0)) captured received dropped
  captured=$(stat_of "$err" captured); received=$(stat_of "$err" "received by filter"); dropped=$(stat_of "$err" "dropped by kernel")
  local cpu per_million
  cpu=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
  per_million=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$captured" 'BEGIN { if (n > 0) printf "%.4f", (b - a) / 1e9 / n * 1e6; else print "-" }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$((size + 4))" "$rate" "$label" "$tool" "$offered" "$captured" "$received" "$dropped" "$cpu" "$per_million" "$clock" >> "$RUNS"
  printf '   %5s B  %-9s %-22s %-24s offered %9s captured %9s dropped %9s cpu %9ss (%s s/Mpkt, %s)\n' \
    "$((size + 4))" "$rate" "$label" "$tool" "$offered" "$captured" "$dropped" "$cpu" "$per_million" "$clock"
}

FILTER="udp and dst port 9"
declare -A MAX_RATE
SIZES=$(for frame in $FRAMES; do echo $((frame - 4)); done)
for size in $SIZES; do
  write_config "$size"
  rx0=$(rx_packets)
  send "$WORK/frames-$size.cfg" max
  rx1=$(rx_packets)
  MAX_RATE[$size]=$(((rx1 - rx0) / SECONDS_PER_RUN))
  echo "== $((size + 4)) B frames: trafgen sends ${MAX_RATE[$size]} packets/s here with nothing capturing"
done

count() { set -- $1; echo $#; }
echo "== $(($(count "$FRAMES") * $(count "$STEPS") * $(count "$FILTERS") * $(count "$TOOLS") * REPEAT)) runs of about $((SECONDS_PER_RUN + 3)) s each"
for size in $SIZES; do
  max=${MAX_RATE[$size]}
  for step in $STEPS; do
    case "$step" in 1/*) rate=$((max / ${step#1/})) ;; *) rate=$step ;; esac
    for filter in $FILTERS; do
      label=none expression=()
      [ "$filter" = none ] || { label=$FILTER; expression=("$FILTER"); }
      for _ in $(seq "$REPEAT"); do
        for tool in $TOOLS; do
          case "$tool" in
            tcpdump) measure "$size" "$rate" "$label" tcpdump tcpdump -i eth0 -B "$BUFFER_KIB" -w /dev/null "${expression[@]}" ;;
            pcapcore) measure "$size" "$rate" "$label" pcapcore "$PCAPCORE" -i eth0 -B "$BUFFER_KIB" -w /dev/null "${expression[@]}" ;;
            workers) measure "$size" "$rate" "$label" "pcapcore --workers 2" "$PCAPCORE" -i eth0 -B "$BUFFER_KIB" --workers 2 -w /dev/null "${expression[@]}" ;;
          esac
        done
      done
    done
  done
done

# One row per frame size, rate, filter and tool: totals over its runs, the median and range of CPU s per M captured
# (a "?" count, a tool that did not report, makes the total "?"), and how many runs fell back to ticks.
awk -F'\t' '
  { key = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4
    if (!(key in n)) { order[++rows] = key; for (i = 5; i <= 9; i++) total[key, i] = 0 }
    n[key]++
    for (i = 5; i <= 9; i++) if ($i == "?" || total[key, i] == "?") total[key, i] = "?"; else total[key, i] += $i
    if ($10 != "-") per[key, ++m[key]] = $10 + 0
    if ($11 == "ticks") ticks[key]++ }
  END {
    for (r = 1; r <= rows; r++) {
      key = order[r]; split(key, f, SUBSEP); k = m[key]
      for (i = 1; i <= k; i++) v[i] = per[key, i]
      for (i = 2; i <= k; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
      median = k == 0 ? "-" : sprintf("%.3f", k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2)
      range = k == 0 ? "-" : sprintf("%.3f-%.3f", v[1], v[k])
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", f[1], f[2], f[3], f[4], n[key], total[key, 5], total[key, 6],
        total[key, 7], total[key, 8], (total[key, 9] == "?" ? "?" : sprintf("%.4f", total[key, 9])), median, range, ticks[key] + 0
    } }' "$RUNS" > "$ROWS"

echo "== where each starts dropping"
# The lowest step at which a tool dropped anything, per frame size and filter.
FIRST_DROPS=$(awk -F'\t' '{ key = $1 " B, filter " $3 ", " $4; if (!(key in first)) { order[++n] = key; first[key] = "none up to the fastest step" }
  if ($9 != "?" && $9 > 0 && !(key in seen)) { seen[key] = 1; first[key] = "first drops at " ($2 == "max" ? "the unlimited step" : $2 " packets/s") " (" $6 " offered, " $9 " dropped over " $5 " runs)" } }
  END { for (i = 1; i <= n; i++) print "- " order[i] ": " first[order[i]] }' "$ROWS")
echo "$FIRST_DROPS"

BUILD_NAME="the Release (JIT) build"
[ -n "$NATIVE" ] && BUILD_NAME="the NativeAOT linux-x64 publish"
[ -n "$PCAPCORE_GIVEN" ] && BUILD_NAME="$BUILD_NAME given with --pcapcore"
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
{
  echo "<!-- capture-throughput:begin -->"
  echo "## Live capture: tcpdump vs pcapcore vs pcapcore --workers 2 (trafgen flood into a veth)"
  echo
  echo "Written by \`./benchmarks/capture-throughput.sh${INVOCATION} --seconds $SECONDS_PER_RUN --repeat $REPEAT --buffer $BUFFER_KIB\` on $(date -u '+%Y-%m-%d %H:%M UTC'); every number below comes from that one run."
  echo "Load average (1 min) at the start: $LOAD_START, at the end: $(cut -d' ' -f1 /proc/loadavg)."
  echo "Machine: $CPU_MODEL, $(nproc) logical CPUs, Linux $(uname -r); $(trafgen -v 2>&1 | head -1 | cut -d, -f1); $(tcpdump --version 2>&1 | head -1); pcapcore is $BUILD_NAME."
  echo "netsniff-ng's trafgen sends UDP frames over 64 flows from one namespace into a veth for ${SECONDS_PER_RUN} s per run, $REPEAT runs per row (the tools take turns); each tool captures the"
  echo "receiving end alone (its own flood), \`-w /dev/null\`, \`-B $BUFFER_KIB\` (KiB; with \`--workers 2\` each worker has a ring of that size)."
  echo "Rates are steps of what trafgen reached here with nothing capturing ($(for size in $SIZES; do printf '%s%s B: %s packets/s' "${sep:-}" $((size + 4)) "${MAX_RATE[$size]}"; sep=', '; done)): $(echo $STEPS | sed 's/max/unlimited/; s/ /, /g') (a plain number is a rate in packets/s)."
  echo "*Offered* is the receiving veth's rx_packets; offered, captured, received, dropped and *CPU s* are totals over the row's runs. *CPU* is the capture process's user+system time from just"
  echo "before the flood to 1.5 s after it (start-up excluded; with the JIT build, compiling its packet path on the first packets is included): the kernel's run time of its threads in ns"
  echo "(/proc/PID/task/TID/schedstat), or utime+stime of /proc/PID/stat in 10 ms ticks for a run in which a thread ended (counted in *tick runs*)."
  echo "*CPU s per M captured* is the median of the runs' CPU seconds per million packets captured, then their range. The generator, the kernel's receive"
  echo "path and the capture share the same $(nproc) CPUs (and other jobs may run on this shared machine), so rates are modest and noisy."
  echo
  echo "| frame | rate (packets/s) | filter | tool | runs | offered | captured | received by filter | dropped by kernel | CPU s | CPU s per M captured (median) | range | tick runs |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s B | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, ($2 == "max" ? "unlimited" : $2), ($3 == "none" ? "none" : "`" $3 "`"), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }' "$ROWS"
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
