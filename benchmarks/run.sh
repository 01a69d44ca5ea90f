#!/usr/bin/env bash
# The benchmark suite in one command: BenchmarkDotNet (compile, filter, decode, file reading; each against libpcap or
# PacketDotNet in the same run), the compile profile of every corpus expression against pcap_compile, and the
# whole-process race `pcapcore -r big.pcap -n` vs `tcpdump -r big.pcap -n`, summarised into docs/benchmarks.md by the
# benchmark project's own --report.
# Usage: benchmarks/run.sh --short | --full  [--output FILE.md] [--filter GLOB]
#   --short  CI smoke, a few minutes: BenchmarkDotNet's dry job (one cold iteration), every 50th corpus expression 3 times,
#            a 100k-packet capture, 3 timed runs.
#   --full   the numbers: 1 launch, 3 warm-ups, 15 iterations per case, every corpus expression 21 times, a 1M-packet
#            capture, 10 timed runs after a warm-up.
#   --filter only the BenchmarkDotNet classes matching GLOB (e.g. '*CompilerBenchmarks*'), without the profile and the race;
#            the report then covers those classes only, so give it its own --output.
set -euo pipefail
cd "$(dirname "$0")/.."

USAGE="usage: benchmarks/run.sh --short|--full [--output FILE.md] [--filter GLOB]"
MODE=${1:-}
OUTPUT=docs/benchmarks.md
FILTER=
shift || true
while [ $# -gt 0 ]; do
  case "$1" in
    --output) OUTPUT=${2:?--output needs a file}; shift 2 ;;
    --filter) FILTER=${2:?--filter needs a glob}; shift 2 ;;
    *) echo "$USAGE" >&2; exit 2 ;;
  esac
done
case "$MODE" in
  --short) JOB=(--job dry); PROFILE=(--every 50 --runs 3); PACKETS=100000; RUNS=3 ;;
  --full) JOB=(--launchCount 1 --warmupCount 3 --iterationCount 15); PROFILE=(--every 1 --runs 21); PACKETS=1000000; RUNS=10 ;;
  *) echo "$USAGE" >&2; exit 2 ;;
esac
SEED=20261124

for tool in dotnet tcpdump; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is missing (tcpdump: apt-get install tcpdump)" >&2; exit 1; }
done
if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null; } || true
fi

# Results stay in BenchmarkDotNet.Artifacts/ (git-ignored) so that the report can be written again; the capture goes.
RESULTS=$PWD/BenchmarkDotNet.Artifacts/run-${MODE#--}${FILTER:+-filtered}
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pcapcore-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "== build (Release)"
dotnet build src/Pcap.Cli -c Release -nologo -v quiet >/dev/null
dotnet build benchmarks/Pcap.Benchmarks -c Release -nologo -v quiet >/dev/null
PCAPCORE=$PWD/src/Pcap.Cli/bin/Release/net10.0/pcapcore
BENCH=$PWD/benchmarks/Pcap.Benchmarks/bin/Release/net10.0/Pcap.Benchmarks.dll

if [ -z "$FILTER" ]; then
  echo "== whole process: $PACKETS packets from seed $SEED"
  BIG=$WORK/big.pcap
  dotnet "$BENCH" --generate-capture "$BIG" "$PACKETS" "$SEED"
  "$PCAPCORE" -r "$BIG" -n > "$WORK/pcapcore.txt" 2>/dev/null
  tcpdump -r "$BIG" -n > "$WORK/tcpdump.txt" 2>/dev/null
  if cmp -s "$WORK/pcapcore.txt" "$WORK/tcpdump.txt"; then
    IDENTICAL="yes, all $(wc -l < "$WORK/tcpdump.txt") lines"
  else
    IDENTICAL="NO: $(diff "$WORK/pcapcore.txt" "$WORK/tcpdump.txt" | grep -c '^<' || true) of $(wc -l < "$WORK/tcpdump.txt") lines differ"
  fi
  echo "   same output: $IDENTICAL"
  if command -v hyperfine >/dev/null; then
    TIMER="$(hyperfine --version), $RUNS runs each after 1 warm-up"
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$RESULTS/whole.json" \
      --command-name "pcapcore -r big.pcap -n > /dev/null" "$PCAPCORE -r $BIG -n > /dev/null 2>&1" \
      --command-name "tcpdump -r big.pcap -n > /dev/null" "tcpdump -r $BIG -n > /dev/null 2>&1"
  else
    # Without hyperfine: the same JSON shape from repeated wall-clock timing.
    TIMER="bash wall-clock timing (hyperfine not installable), $RUNS runs each after 1 warm-up"
    time_runs() {
      local name=$1; shift
      "$@" >/dev/null 2>&1
      local times=()
      for _ in $(seq "$RUNS"); do
        local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
        times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')")
      done
      printf '%s\n' "${times[@]}" | sort -g | awk -v name="$name" '{ t[NR] = $1; s += $1; q += $1 * $1 }
        END { m = s / NR; sd = NR > 1 ? sqrt((q - NR * m * m) / (NR - 1)) : 0; med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
              printf "{\"command\":\"%s\",\"mean\":%f,\"stddev\":%f,\"median\":%f,\"user\":0,\"system\":0,\"times\":[", name, m, sd, med;
              for (i = 1; i <= NR; i++) printf "%s%f", (i > 1 ? "," : ""), t[i]; printf "]}" }'
    }
    { echo '{"results":['; time_runs "pcapcore -r big.pcap -n > /dev/null" "$PCAPCORE" -r "$BIG" -n; echo ','
      time_runs "tcpdump -r big.pcap -n > /dev/null" tcpdump -r "$BIG" -n; echo ']}'; } > "$RESULTS/whole.json"
  fi
  rm -f "$BIG"

  echo "== compile profile over the corpus (${PROFILE[*]})"
  dotnet "$BENCH" --compile-profile --link both "${PROFILE[@]}" --json "$RESULTS/compile-profile.json" > "$RESULTS/compile-profile.md"
fi

echo "== BenchmarkDotNet (${JOB[*]})"
(cd benchmarks/Pcap.Benchmarks && dotnet "$BENCH" --filter "${FILTER:-*}" "${JOB[@]}" --exporters json --artifacts "$RESULTS/bdn")

echo "== report"
mkdir -p "$(dirname "$OUTPUT")"
if [ -z "$FILTER" ]; then
  REPORT=(--report "$RESULTS/bdn/results" "$OUTPUT" --mode "${MODE#--}" --command "./benchmarks/run.sh $MODE"
    --whole-process "$RESULTS/whole.json" --packets "$PACKETS" --seed "$SEED" --identical "$IDENTICAL" --timer "$TIMER"
    --compile-profile "$RESULTS/compile-profile.md" --compile-profile-json "$RESULTS/compile-profile.json")
else
  REPORT=(--report "$RESULTS/bdn/results" "$OUTPUT" --mode "${MODE#--}" --command "./benchmarks/run.sh $MODE --filter '$FILTER'")
fi
printf '%q ' dotnet "$BENCH" "${REPORT[@]}" > "$RESULTS/report-command.sh"
dotnet "$BENCH" "${REPORT[@]}"
echo "(write the report again from these results: bash $RESULTS/report-command.sh)"
