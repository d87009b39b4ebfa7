#!/usr/bin/env bash
# VirtGuard: real services for the test suite (Debian packages, a throw-away
# PostgreSQL cluster, the libvirt "test:///default" driver, a real libvirtd with
# QEMU on qemu:///system).
#
# Meant to be SOURCED (e.g. by ./run-tests), not executed. Typical use:
#     source scripts/lib/services.sh
#     virtguard_ensure_packages postgresql libvirt0 libvirt-clients || true
#     virtguard_start_postgres target/test-services
#     trap virtguard_stop_postgres EXIT
#     virtguard_check_libvirt_test_driver || true
#     virtguard_start_libvirtd || true   # as root; exports VIRTGUARD_TEST_QEMU_URI
# Note: sourcing turns on strict mode (set -euo pipefail) in the calling shell.
set -euo pipefail

# Where logs (apt, postgres) go; run-tests points this at target/test-services.
: "${VIRTGUARD_SERVICES_DIR:=$PWD/target/test-services}"
VIRTGUARD_APT_UPDATED=${VIRTGUARD_APT_UPDATED:-0}

_virtguard_warn() { printf '%s\n' "$@" >&2; }

_virtguard_pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# virtguard_ensure_packages PKG... : make sure the Debian packages are installed.
# Returns 0 when they all are (installing them if we are root), 1 otherwise.
virtguard_ensure_packages() {
    local missing=() pkg log
    for pkg in "$@"; do
        _virtguard_pkg_installed "$pkg" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0

    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        _virtguard_warn \
            "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" \
            "!! WARNING: missing Debian packages: ${missing[*]}" \
            "!! Not root (or no apt-get), so they cannot be installed here. Run:" \
            "!!     sudo apt-get install ${missing[*]}" \
            "!! Tests that need them will SKIP (or FAIL when VIRTGUARD_REQUIRE_SERVICES=1)." \
            "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        return 1
    fi

    mkdir -p "$VIRTGUARD_SERVICES_DIR"
    log="$VIRTGUARD_SERVICES_DIR/apt.log"
    echo "Installing Debian packages: ${missing[*]} (log: $log)"
    if [[ "$VIRTGUARD_APT_UPDATED" != 1 ]]; then
        # A failed update is not fatal by itself: the cached lists may still do.
        apt-get update >>"$log" 2>&1 || _virtguard_warn "WARNING: apt-get update failed (see $log)"
        VIRTGUARD_APT_UPDATED=1
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            "${missing[@]}" >>"$log" 2>&1; then
        _virtguard_warn "ERROR: apt-get install ${missing[*]} failed; last lines of $log:"
        tail -n 25 "$log" >&2 || true
        return 1
    fi
}

# ---------------------------------------------------------------- PostgreSQL

# Run a command as the PostgreSQL server owner: the postgres user when we are
# root (the server refuses to run as root), else ourselves.
_virtguard_as_pg_owner() {
    if [[ $(id -u) -ne 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
}

# Highest-versioned Debian PostgreSQL bin dir, or initdb's dir from PATH.
_virtguard_pg_bindir() {
    local dir
    dir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ -x "$dir/initdb" ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

# Is something already listening on 127.0.0.1:$1?
_virtguard_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# First port >= $1 with nothing listening on it.
_virtguard_free_port() {
    local port=$1
    while _virtguard_port_busy "$port"; do
        port=$((port + 1))
        [[ $port -lt $(( $1 + 500 )) ]] || return 1
    done
    echo "$port"
}

# Remove leftovers of earlier runs (killed before their cleanup) whose server is
# no longer running. Live ones are left alone: they may be a concurrent run.
_virtguard_pg_clean_stale() {
    local base pid
    for base in "$1"/pg.*; do
        [[ -d "$base" ]] || continue
        pid=$(sed -n 1p "$base/data/postmaster.pid" 2>/dev/null) || true
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then continue; fi
        rm -rf "$base"
    done
}

# virtguard_start_postgres WORKDIR : start a private, throw-away PostgreSQL
# cluster on 127.0.0.1 and export VIRTGUARD_TEST_PG_URL/_USER/_PASSWORD.
# Stop it with virtguard_stop_postgres (the caller should trap that on EXIT).
virtguard_start_postgres() {
    local workdir=${1:?usage: virtguard_start_postgres WORKDIR}
    local bin base data pw port version _try started=0

    bin=$(_virtguard_pg_bindir)
    if [[ -z "$bin" ]]; then
        _virtguard_warn "PostgreSQL server binaries not found (Debian package 'postgresql')."
        return 1
    fi
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        _virtguard_warn "Running as root but there is no 'postgres' user to run the server as."
        return 1
    fi

    mkdir -p "$workdir"
    workdir=$(cd "$workdir" && pwd)
    _virtguard_pg_clean_stale "$workdir"

    # Cluster layout: $base/{data/, pwfile, postgres.log}, owned by the server
    # owner. The unix socket lives in data/, whose path must stay < 108 bytes.
    base=$(mktemp -d "$workdir/pg.XXXXXX")
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$base"; fi
    if [[ ${#base} -gt 70 ]] || ! _virtguard_as_pg_owner test -w "$base" -a -x "$base"; then
        # postgres cannot reach WORKDIR (e.g. a repo under /root), or path too long.
        rmdir "$base"
        base=$(mktemp -d /tmp/virtguard-pg.XXXXXX)
        if [[ $(id -u) -eq 0 ]]; then chown postgres: "$base"; fi
    fi
    chmod 700 "$base"
    data="$base/data"
    export VIRTGUARD_PG_BASE=$base VIRTGUARD_PG_BIN=$bin VIRTGUARD_PG_DATA=$data

    # Random hex password: URL- and shell-safe.
    pw=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    (umask 077 && printf '%s\n' "$pw" >"$base/pwfile")
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$base/pwfile"; fi

    if ! _virtguard_as_pg_owner "$bin/initdb" -D "$data" -U virtguard --pwfile="$base/pwfile" \
            --auth=scram-sha-256 --encoding=UTF8 --locale=C --no-sync \
            >"$base/initdb.log" 2>&1; then
        _virtguard_warn "ERROR: initdb failed:"; tail -n 20 "$base/initdb.log" >&2 || true
        virtguard_stop_postgres; return 1
    fi
    rm -f "$base/pwfile"

    # Test-only settings: loopback TCP, private socket dir, durability off for speed.
    cat >>"$data/postgresql.conf" <<EOF

# --- VirtGuard test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    # Another process may grab the chosen port between probe and bind: retry.
    port=55432
    for _try in 1 2 3; do
        port=$(_virtguard_free_port "$port") || break
        if _virtguard_as_pg_owner "$bin/pg_ctl" -D "$data" -l "$base/postgres.log" \
                -w -t 60 -o "-p $port" start >/dev/null 2>&1; then
            started=1; break
        fi
        port=$((port + 1))
    done
    if [[ $started -ne 1 ]]; then
        _virtguard_warn "ERROR: PostgreSQL did not start; last lines of its log:"
        tail -n 20 "$base/postgres.log" >&2 || true
        virtguard_stop_postgres; return 1
    fi
    export VIRTGUARD_PG_PORT=$port

    if ! PGPASSWORD=$pw "$bin/createdb" -h 127.0.0.1 -p "$port" -U virtguard virtguard_test; then
        _virtguard_warn "ERROR: could not create database virtguard_test."
        virtguard_stop_postgres; return 1
    fi

    export VIRTGUARD_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/virtguard_test"
    export VIRTGUARD_TEST_PG_USER=virtguard
    export VIRTGUARD_TEST_PG_PASSWORD=$pw
    version=$("$bin/postgres" --version | awk '{print $3}')
    echo "PostgreSQL $version for tests on 127.0.0.1:$port"
}

# virtguard_stop_postgres : stop the cluster and delete its files. Idempotent,
# safe to call from an EXIT trap (never fails).
virtguard_stop_postgres() {
    [[ -n "${VIRTGUARD_PG_BASE:-}" ]] || return 0
    if [[ -f "$VIRTGUARD_PG_DATA/postmaster.pid" ]]; then
        _virtguard_as_pg_owner "$VIRTGUARD_PG_BIN/pg_ctl" -D "$VIRTGUARD_PG_DATA" \
            -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$VIRTGUARD_PG_BASE" || true
    unset VIRTGUARD_PG_BASE VIRTGUARD_PG_BIN VIRTGUARD_PG_DATA VIRTGUARD_PG_PORT \
          VIRTGUARD_TEST_PG_URL VIRTGUARD_TEST_PG_USER VIRTGUARD_TEST_PG_PASSWORD
    return 0
}

# ---------------------------------------------------------------- libvirt

# virtguard_check_libvirt_test_driver : is libvirt's in-process mock driver
# usable? Exports VIRTGUARD_LIBVIRT_AVAILABLE=1 if so, else returns 1.
virtguard_check_libvirt_test_driver() {
    unset VIRTGUARD_LIBVIRT_AVAILABLE
    if ! command -v virsh >/dev/null 2>&1; then
        _virtguard_warn "libvirt: 'virsh' not found (Debian packages libvirt0, libvirt-clients)."
        return 1
    fi
    if ! timeout 60 virsh -c test:///default list --all >/dev/null 2>&1; then
        _virtguard_warn "libvirt: 'virsh -c test:///default list --all' failed."
        return 1
    fi
    export VIRTGUARD_LIBVIRT_AVAILABLE=1
}

# _virtguard_running NAME : is a process with exactly this command name running?
_virtguard_running() { pgrep -x "$1" >/dev/null 2>&1; }

# virtguard_start_libvirtd : make sure a real libvirt daemon with the QEMU driver
# runs on this machine (starting virtlogd and libvirtd by hand when they do not
# run: there is no systemd here) and answers on qemu:///system under software
# emulation. Exports VIRTGUARD_TEST_QEMU_URI=qemu:///system on success, else
# returns 1. Must run as root; an already running daemon is reused, never
# restarted. Needs the Debian packages libvirt-daemon-system,
# libvirt-daemon-driver-qemu, qemu-system-x86, qemu-utils, and for nwfilter
# (libvirt's ebtables/iptables/ip6tables firewall driver, which the quarantine
# by nwfilter uses) ebtables and iptables: those two are installed here when
# missing and we are root (idempotent: nothing happens when they are there).
virtguard_start_libvirtd() {
    local uri=qemu:///system sock=/run/libvirt/libvirt-sock _try
    unset VIRTGUARD_TEST_QEMU_URI
    if ! command -v ebtables >/dev/null 2>&1 || ! command -v iptables >/dev/null 2>&1 \
            || ! command -v ip6tables >/dev/null 2>&1; then
        virtguard_ensure_packages ebtables iptables \
            || _virtguard_warn "libvirtd: ebtables/iptables missing: nwfilter rules (quarantine by nwfilter) cannot be applied."
    fi
    if ! command -v libvirtd >/dev/null 2>&1 || ! command -v virtlogd >/dev/null 2>&1; then
        _virtguard_warn "libvirtd: not installed (Debian packages libvirt-daemon-system, libvirt-daemon-driver-qemu)."
        return 1
    fi
    if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
        _virtguard_warn "libvirtd: qemu-system-x86_64 not found (Debian package qemu-system-x86)."
        return 1
    fi
    if ! _virtguard_running libvirtd && [[ $(id -u) -ne 0 ]]; then
        _virtguard_warn "libvirtd: not running, and only root can start it here."
        return 1
    fi
    mkdir -p "$VIRTGUARD_SERVICES_DIR"
    if ! _virtguard_running virtlogd; then
        virtlogd -d || { _virtguard_warn "libvirtd: 'virtlogd -d' failed."; return 1; }
    fi
    if ! _virtguard_running libvirtd; then
        libvirtd -d || { _virtguard_warn "libvirtd: 'libvirtd -d' failed."; return 1; }
    fi
    # The socket appears first; the QEMU driver answers once its capabilities are probed.
    for _try in $(seq 1 120); do
        if [[ -S "$sock" ]] && timeout 20 virsh -c "$uri" version >/dev/null 2>&1; then
            export VIRTGUARD_TEST_QEMU_URI=$uri
            echo "libvirtd for tests: $(timeout 20 virsh -c "$uri" version 2>/dev/null | grep -i 'running hypervisor' || true)"
            return 0
        fi
        sleep 0.5
    done
    _virtguard_warn "libvirtd: $uri did not answer within 60 s ('virsh -c $uri version' failed)."
    return 1
}

# ---------------------------------------------------------------- LibreOffice

# virtguard_ensure_libreoffice : make sure a headless LibreOffice Calc (Debian
# package libreoffice-calc-nogui) can convert spreadsheets, installing it as
# root via apt when missing (idempotent). Exports VIRTGUARD_SOFFICE with the
# path of soffice on success, else returns 1. The inventory export tests read
# the written .xlsx back with it ('soffice --headless --convert-to csv').
virtguard_ensure_libreoffice() {
    unset VIRTGUARD_SOFFICE
    if ! command -v soffice >/dev/null 2>&1; then
        virtguard_ensure_packages libreoffice-calc-nogui || true
    fi
    if ! command -v soffice >/dev/null 2>&1; then
        _virtguard_warn "LibreOffice: 'soffice' not found (Debian package libreoffice-calc-nogui)."
        return 1
    fi
    export VIRTGUARD_SOFFICE
    VIRTGUARD_SOFFICE=$(command -v soffice)
}
