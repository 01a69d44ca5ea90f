#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Debian, as root): the oracles tcpdump and
# libpcap0.8, iproute2, iptables, iputils-ping (and python3) for the live tests in network namespaces, and the daemons and
# clients of the real-traffic test (dnsmasq, dig, busybox, chrony, curl, openssl, openssh, socat, avahi-daemon), and
# clang and zlib1g-dev, which a NativeAOT publish of pcapcore links with.
# The CLI suite (tests/Pcap.Cli.Tests) runs twice: in-process against the framework-dependent build, and from
# tests/Pcap.Packaging.Tests' NativeAotTests against the NativeAOT tool it packs and installs (PCAPCORE_EXECUTABLE).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "eng/test.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root: the live tests create network namespaces and AF_PACKET sockets"
command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not on PATH"

# ldconfig lives in /sbin, which a non-login root shell may not have on PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
# Look at the files, then the loader cache; grep without -q so pipefail never sees a SIGPIPE.
have_libpcap() {
  compgen -G '/usr/lib/*/libpcap.so.0.8' >/dev/null || compgen -G '/lib/*/libpcap.so.0.8' >/dev/null ||
    [ -e /usr/lib/libpcap.so.0.8 ] || [ -e /usr/lib64/libpcap.so.0.8 ] ||
    { ldconfig -p 2>/dev/null | grep 'libpcap\.so\.0\.8' >/dev/null; }
}
missing() {
  local packages=()
  command -v tcpdump >/dev/null || packages+=(tcpdump)
  have_libpcap || packages+=(libpcap0.8)
  command -v ip >/dev/null || packages+=(iproute2)
  command -v iptables >/dev/null || packages+=(iptables)
  command -v ping >/dev/null || packages+=(iputils-ping)
  command -v python3 >/dev/null || packages+=(python3) # the real-traffic golden test's TCP server and tagged-frame sender
  # The real-traffic printing test (tests/Pcap.Live.Tests/RealTrafficPrintingTests.cs): daemons and clients in namespaces.
  command -v dnsmasq >/dev/null || packages+=(dnsmasq-base)  # DNS and DHCP server (the binary only, no service)
  command -v dig >/dev/null || packages+=(bind9-dnsutils)
  command -v busybox >/dev/null || packages+=(busybox)        # udhcpc
  command -v chronyd >/dev/null || packages+=(chrony)         # NTP server (-x) and query-only client (-Q)
  command -v curl >/dev/null || packages+=(curl)
  command -v openssl >/dev/null || packages+=(openssl)
  command -v sshd >/dev/null || packages+=(openssh-server)
  command -v ssh >/dev/null || packages+=(openssh-client)
  command -v socat >/dev/null || packages+=(socat)            # syslog receiver
  command -v logger >/dev/null || packages+=(bsdutils)
  command -v avahi-daemon >/dev/null || packages+=(avahi-daemon) # mDNS responder
  # The Parquet full-disk test (tests/Pcap.Parquet.Tests/ExportErrorTests.cs) mounts a small tmpfs in a private mount namespace.
  command -v unshare >/dev/null || packages+=(util-linux)
  # The NativeAOT test (tests/Pcap.Packaging.Tests/NativeAotTests.cs): the native linker and the zlib it links against.
  command -v clang >/dev/null || packages+=(clang)
  [ -e /usr/include/zlib.h ] || packages+=(zlib1g-dev)
  echo "${packages[@]}"
}

need=$(missing)
if [ -n "$need" ]; then
  echo "eng/test.sh: installing $need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  # The packages' own services (sshd, avahi-daemon, chronyd) must not start on the host: the tests run their own in
  # namespaces. policy-rc.d answering 101 is Debian's way to say so, kept only for the install when none exists.
  guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$guard" && chmod +x "$guard"
  fi
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $need >/dev/null || { [ -z "$guard" ] || rm -f "$guard"; fail "apt-get install $need failed"; }
  [ -z "$guard" ] || rm -f "$guard"
fi
still=$(missing)
[ -z "$still" ] || fail "still missing after install: $still"
echo "eng/test.sh: $(tcpdump --version 2>&1 | sed -n '1,2p' | tr '\n' ' ')"

dotnet build PcapCore.sln -c Release -nologo -v quiet
if [ $# -gt 0 ]; then
  dotnet test PcapCore.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
  exit
fi
# Tests traited Host=NoTimestamping need no socket on the host asking for software time stamps (the kernel then stamps
# every packet on its way in); the other suites' pings and chronyd ask, so those tests run alone, after them.
dotnet test PcapCore.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" --filter "Host!=NoTimestamping"
dotnet test tests/Pcap.Native.Tests -c Release --no-build -nologo --logger "console;verbosity=minimal" --filter "Host=NoTimestamping"
