#!/usr/bin/env bash
# Issue 12's mixed corpus (tunnels, routing, LAN control, well-known ports; valid and damaged frames) as one pcap:
# `pcapcore -r mixed.pcap -n` against `tcpdump -r mixed.pcap -n`, interleaved in the same run, with the share of
# identical lines; then BenchmarkDotNet's decode+format of the same corpus (bytes allocated per packet). Writes the
# table into docs/benchmarks.md between the everyday-protocols markers.
# Usage: benchmarks/everyday-protocols.sh [--per-protocol N] [--runs R] [--no-docs]
#   PCAPCORE=path/to/pcapcore picks the binary (e.g. the NativeAOT one); the default builds src/Pcap.Cli in Release.
set -euo pipefail
cd "$(dirname "$0")/.."

PER_PROTOCOL=4000
RUNS=5
DOCS=docs/benchmarks.md
while [ $# -gt 0 ]; do
  case "$1" in
    --per-protocol) PER_PROTOCOL=${2:?}; shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --no-docs) DOCS=; shift ;;
    *) echo "usage: benchmarks/everyday-protocols.sh [--per-protocol N] [--runs R] [--no-docs]" >&2; exit 2 ;;
  esac
done
SEED=12
command -v tcpdump >/dev/null || { echo "everyday-protocols.sh: tcpdump is missing (apt-get install tcpdump)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pcapcore-everyday-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "== build (Release)"
if [ -z "${PCAPCORE:-}" ]; then
  dotnet build src/Pcap.Cli -c Release -nologo -v quiet >/dev/null
  PCAPCORE=$PWD/src/Pcap.Cli/bin/Release/net10.0/pcapcore
fi
dotnet build benchmarks/Pcap.Benchmarks -c Release -nologo -v quiet >/dev/null
BENCH=$PWD/benchmarks/Pcap.Benchmarks/bin/Release/net10.0/Pcap.Benchmarks.dll

dotnet "$BENCH" --generate-everyday-capture "$WORK/mixed.pcap" "$PER_PROTOCOL" "$SEED"
PACKETS=$(tcpdump -r "$WORK/mixed.pcap" -n 2>/dev/null | tee "$WORK/tcpdump.txt" | grep -c '^[0-9]' || true)
"$PCAPCORE" -r "$WORK/mixed.pcap" -n > "$WORK/pcapcore.txt" 2>/dev/null
LINES=$(wc -l < "$WORK/tcpdump.txt")
DIFFERING=$(diff "$WORK/pcapcore.txt" "$WORK/tcpdump.txt" | grep -c '^>' || true)
echo "== mixed.pcap: $PACKETS packets, $LINES lines from tcpdump, $DIFFERING of them printed differently by pcapcore"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'; }
echo "== $RUNS interleaved runs each (plus one warm-up)"
seconds "$PCAPCORE" -r "$WORK/mixed.pcap" -n >/dev/null
P_TIMES=() T_TIMES=() RATIOS=()
for i in $(seq "$RUNS"); do
  pt=$(seconds "$PCAPCORE" -r "$WORK/mixed.pcap" -n)
  tt=$(seconds tcpdump -r "$WORK/mixed.pcap" -n)
  P_TIMES+=("$pt") T_TIMES+=("$tt")
  RATIOS+=("$(awk -v p="$pt" -v t="$tt" 'BEGIN { printf "%.2f", t / p }')")
  echo "   run $i: pcapcore ${pt}s, tcpdump ${tt}s, tcpdump/pcapcore ${RATIOS[-1]}x"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
PT=$(median "${P_TIMES[@]}"); TT=$(median "${T_TIMES[@]}"); RATIO=$(median "${RATIOS[@]}")

echo "== BenchmarkDotNet: decode+format of the corpus"
RESULTS=$PWD/BenchmarkDotNet.Artifacts/everyday
rm -rf "$RESULTS"
dotnet "$BENCH" --filter '*EverydayProtocolBenchmarks*' --job short --artifacts "$RESULTS" --exporters github >/dev/null
REPORT=$(find "$RESULTS" -name '*EverydayProtocolBenchmarks-report-github.md' | head -1)
[ -n "$REPORT" ] || { echo "everyday-protocols.sh: BenchmarkDotNet wrote no report" >&2; exit 1; }
BDN=$(sed -n '/^| *Method/,$p' "$REPORT")

if [ -e "$(dirname "$PCAPCORE")/pcapcore.dll" ]; then KIND="framework-dependent Release build"; else KIND="NativeAOT build"; fi
TABLE=$(cat <<MD
## Issue 12's mixed corpus: \`pcapcore -r mixed.pcap -n\` vs \`tcpdump -r mixed.pcap -n\`

mixed.pcap: $(printf "%'d" "$PACKETS") Ethernet frames, $PER_PROTOCOL of each of issue 12's 35 protocols (valid, mutated,
noise and cut short) from \`Pcap.Benchmarks --generate-everyday-capture\` with seed $SEED; $DIFFERING of tcpdump's
$(printf "%'d" "$LINES") lines differ in pcapcore's output. pcapcore's $KIND, $RUNS interleaved runs each after one warm-up on a
machine other jobs were using; medians, the ratio is the median of the per-run ratios ($(printf '%s×, ' "${RATIOS[@]}" | sed 's/, $//')).
\`benchmarks/everyday-protocols.sh\` reproduces it.

| command | wall clock | packets per second | tcpdump / pcapcore |
|---|---|---|---|
| \`pcapcore -r mixed.pcap -n\` | ${PT} s | $(awk -v n="$PACKETS" -v s="$PT" 'BEGIN { printf "%\047d", n / s }') | ${RATIO}× |
| \`tcpdump -r mixed.pcap -n\` | ${TT} s | $(awk -v n="$PACKETS" -v s="$TT" 'BEGIN { printf "%\047d", n / s }') | reference |

Decode+format of 1,400 frames of the same corpus at \`-v\` (BenchmarkDotNet \`--job short\`, per packet; PacketDotNet's parse
and \`ToString()\` in the same run):

$BDN
MD
)
echo
echo "$TABLE"
if [ -n "$DOCS" ]; then
  python3 benchmarks/write-docs-section.py "$DOCS" everyday-protocols "$TABLE"
  echo "== wrote $DOCS"
fi
