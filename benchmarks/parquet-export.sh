#!/usr/bin/env bash
# Parquet export against the usual route: `pcapcore -r big.pcap --parquet out.parquet` vs `tshark -T fields` with the same
# fields written to CSV (Debian's tshark), on the same capture in the same run, interleaved so both see the same machine
# load. Reports rows per second, the ratio, peak RSS (on a capture a quarter the size too: memory must stay flat) and bytes
# per packet on disk, and writes the table into docs/benchmarks.md between the parquet-export markers.
# Usage: benchmarks/parquet-export.sh [--packets N] [--runs R] [--no-docs]
#   PCAPCORE=path/to/pcapcore picks the binary (e.g. the NativeAOT one); the default builds src/Pcap.Cli in Release.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKETS=1000000
RUNS=3
DOCS=docs/benchmarks.md
while [ $# -gt 0 ]; do
  case "$1" in
    --packets) PACKETS=${2:?}; shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --no-docs) DOCS=; shift ;;
    *) echo "usage: benchmarks/parquet-export.sh [--packets N] [--runs R] [--no-docs]" >&2; exit 2 ;;
  esac
done
SEED=20261124
if ! command -v tshark >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "parquet-export.sh: tshark is missing (apt-get install tshark)" >&2; exit 1; }
  # tshark's package asks whether non-root users may capture; the answer does not matter for reading files.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tshark >/dev/null
fi
[ -x /usr/bin/time ] || { echo "parquet-export.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pcapcore-parquet-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "== build (Release)"
if [ -z "${PCAPCORE:-}" ]; then
  dotnet build src/Pcap.Cli -c Release -nologo -v quiet >/dev/null
  PCAPCORE=$PWD/src/Pcap.Cli/bin/Release/net10.0/pcapcore
fi
dotnet build benchmarks/Pcap.Benchmarks -c Release -nologo -v quiet >/dev/null
BENCH=$PWD/benchmarks/Pcap.Benchmarks/bin/Release/net10.0/Pcap.Benchmarks.dll

QUARTER=$((PACKETS / 4))
echo "== captures: $PACKETS and $QUARTER packets from seed $SEED"
dotnet "$BENCH" --generate-capture "$WORK/big.pcap" "$PACKETS" "$SEED" >/dev/null
dotnet "$BENCH" --generate-capture "$WORK/quarter.pcap" "$QUARTER" "$SEED" >/dev/null

# The columns of the export, as tshark names them (frame, Ethernet, VLAN, ARP, IPv4/IPv6, TCP, UDP, ICMP, DNS, DHCP, HTTP, VXLAN).
FIELDS=(frame.number frame.time_epoch frame.interface_id frame.cap_len frame.len sll.ifindex sll.pkttype eth.src eth.dst eth.type
  vlan.id arp.opcode arp.src.proto_ipv4 arp.dst.proto_ipv4 ip.version ip.src ip.dst ip.proto ip.ttl ip.len ip.id ip.flags.df
  ip.flags.mf ip.frag_offset ipv6.src ipv6.dst ipv6.nxt ipv6.hlim ipv6.fraghdr.ident tcp.srcport tcp.dstport tcp.flags tcp.seq_raw
  tcp.ack_raw tcp.window_size_value udp.srcport udp.dstport udp.length icmp.type icmp.code icmpv6.type icmpv6.code dns.id
  dns.flags.response dns.qry.name dns.qry.type dns.flags.rcode dns.count.answers dns.a dhcp.option.dhcp dhcp.hw.mac_addr
  http.request.method http.host http.request.uri http.response.code vxlan.vni)
TSHARK_ARGS=(-n -T fields -E header=y -E separator=, -E quote=d -E occurrence=a)
for f in "${FIELDS[@]}"; do TSHARK_ARGS+=(-e "$f"); done

# Runs "$@" under /usr/bin/time; prints "seconds peak_rss_kib".
measure() {
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
  cat "$WORK/time"
}
pcapcore_run() { rm -f "$WORK/out.parquet"; measure "$PCAPCORE" -r "$1" --parquet "$WORK/out.parquet"; }
tshark_run() { measure sh -c 'out=$0 in=$1; shift; exec tshark -r "$in" "$@" > "$out"' "$WORK/out.csv" "$1" "${TSHARK_ARGS[@]}"; }

echo "== $RUNS interleaved runs each (plus one warm-up)"
pcapcore_run "$WORK/big.pcap" >/dev/null
P_TIMES=() T_TIMES=() P_RSS=() T_RSS=() RATIOS=()
for i in $(seq "$RUNS"); do
  read -r pt pr < <(pcapcore_run "$WORK/big.pcap")
  read -r tt tr < <(tshark_run "$WORK/big.pcap")
  P_TIMES+=("$pt") T_TIMES+=("$tt") P_RSS+=("$pr") T_RSS+=("$tr")
  RATIOS+=("$(awk -v p="$pt" -v t="$tt" 'BEGIN { printf "%.1f", t / p }')")
  echo "   run $i: pcapcore ${pt}s (${pr} KiB), tshark ${tt}s (${tr} KiB), ratio ${RATIOS[-1]}x"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
PT=$(median "${P_TIMES[@]}"); TT=$(median "${T_TIMES[@]}"); RATIO=$(median "${RATIOS[@]}")
PR=$(median "${P_RSS[@]}"); TR=$(median "${T_RSS[@]}")
read -r _ QR < <(pcapcore_run "$WORK/quarter.pcap")
QUARTER_PARQUET=$(stat -c %s "$WORK/out.parquet")
pcapcore_run "$WORK/big.pcap" >/dev/null
PARQUET_BYTES=$(stat -c %s "$WORK/out.parquet")
CSV_BYTES=$(stat -c %s "$WORK/out.csv")
PCAP_BYTES=$(stat -c %s "$WORK/big.pcap")
ROWS=$(($(wc -l < "$WORK/out.csv") - 1))
[ "$ROWS" = "$PACKETS" ] || { echo "tshark wrote $ROWS rows for $PACKETS packets" >&2; exit 1; }

per() { awk -v b="$1" -v n="$2" 'BEGIN { printf "%.1f", b / n }'; }
rate() { awk -v n="$PACKETS" -v s="$1" 'BEGIN { printf "%\047d", n / s }'; }
if [ -e "$(dirname "$PCAPCORE")/pcapcore.dll" ]; then KIND="framework-dependent Release build"; else KIND="NativeAOT build"; fi
TABLE=$(cat <<MD
## Parquet export: \`pcapcore -r big.pcap --parquet out.parquet\` vs \`tshark -T fields\` to CSV

big.pcap: $(printf "%'d" "$PACKETS") Ethernet packets (ARP, ICMP echo, TCP and UDP between high ports) written by
\`Pcap.Benchmarks --generate-capture\` from seed $SEED; the same ${#FIELDS[@]} fields in both (tshark names them in
\`benchmarks/parquet-export.sh\`), tshark $(tshark --version | head -1 | awk '{ print $3 }') with \`-n -T fields -E header=y\`, pcapcore's $KIND.
$RUNS interleaved runs each after one warm-up, on a machine other jobs were using; medians of wall clock and of peak RSS
(\`/usr/bin/time\`), the ratio is the median of the per-run ratios ($(printf '%s×, ' "${RATIOS[@]}" | sed 's/, $//')). \`benchmarks/parquet-export.sh\` reproduces it.

| command | wall clock | rows per second | peak RSS | output | bytes per packet | ratio |
|---|---|---|---|---|---|---|
| \`pcapcore -r big.pcap --parquet out.parquet\` | ${PT} s | $(rate "$PT") | $((PR / 1024)) MiB | $(printf "%'d" "$PARQUET_BYTES") B Parquet (Snappy) | $(per "$PARQUET_BYTES" "$PACKETS") | ${RATIO}× |
| \`tshark -r big.pcap -T fields ... > out.csv\` | ${TT} s | $(rate "$TT") | $((TR / 1024)) MiB | $(printf "%'d" "$CSV_BYTES") B CSV | $(per "$CSV_BYTES" "$PACKETS") | reference |

Memory stays flat: exporting a quarter of the packets ($(printf "%'d" "$QUARTER"), $(per "$QUARTER_PARQUET" "$QUARTER") bytes per
packet) peaks at $((QR / 1024)) MiB against $((PR / 1024)) MiB for all of them: the export holds one row group (65,536 rows)
at a time. The pcap itself is $(per "$PCAP_BYTES" "$PACKETS") bytes per packet.
MD
)
echo
echo "$TABLE"
if [ -n "$DOCS" ]; then
  python3 benchmarks/write-docs-section.py "$DOCS" parquet-export "$TABLE"
  echo "== wrote $DOCS"
fi
