#!/bin/bash
# A second libvirtd with QEMU on this machine, for live-migration tests: its own network namespace (a veth pair,
# 10.254.N.1 here and 10.254.N.2 there), its own mount namespace in which /run, /var/lib/libvirt, /var/cache/libvirt,
# /var/log/libvirt and /etc/libvirt are private directories under STATE, its own host UUID, and qemu+tcp on
# 10.254.N.2:16509 without authentication (reachable only from this machine through the veth pair).
#   libvirt-peer.sh start NAME N STATE UUID   -> prints the pid of the namespace's init once the daemon answers
#   libvirt-peer.sh stop NAME STATE           -> kills every process of the namespace, removes it and STATE
# Must run as root. Never touches the machine's own libvirtd, its networks or its files.
set -euo pipefail
cmd=$1 name=$2
case "$cmd" in
start)
    n=$3 state=$4 uuid=$5
    mkdir -p "$state"/{run,lib,cache,etc,log}
    cp -a /etc/libvirt/. "$state/etc/"
    rm -f "$state"/etc/qemu/*.xml "$state"/etc/qemu/networks/*.xml "$state"/etc/qemu/networks/autostart/*.xml \
          "$state"/etc/storage/*.xml "$state"/etc/storage/autostart/*.xml
    cat >> "$state/etc/libvirtd.conf" <<CONF
listen_tcp = 1
listen_tls = 0
auth_tcp = "none"
listen_addr = "10.254.$n.2"
host_uuid = "$uuid"
CONF
    cat > "$state/inner.sh" <<INNER
#!/bin/bash
set -e
mount --make-rprivate /
mount --bind $state/run /run
mkdir -p /run/libvirt
mount --bind $state/lib /var/lib/libvirt
mount --bind $state/cache /var/cache/libvirt
mount --bind $state/etc /etc/libvirt
mount --bind $state/log /var/log/libvirt
ip link set lo up
ip addr add 10.254.$n.2/24 dev $name-b
ip link set $name-b up
virtlogd -d
libvirtd -d --listen
exec sleep infinity
INNER
    chmod +x "$state/inner.sh"
    ip netns add "$name"
    ip link add "$name-a" type veth peer name "$name-b" netns "$name"
    ip addr add "10.254.$n.1/24" dev "$name-a"
    ip link set "$name-a" up
    setsid ip netns exec "$name" unshare --mount --propagation private "$state/inner.sh" \
        >"$state/inner.log" 2>&1 < /dev/null &
    for _ in $(seq 1 120); do
        if timeout 10 virsh -c "qemu+tcp://10.254.$n.2/system" version >/dev/null 2>&1; then
            exit 0
        fi
        sleep 0.5
    done
    echo "the peer libvirtd did not answer on qemu+tcp://10.254.$n.2/system:" >&2
    cat "$state/inner.log" >&2
    exit 1
    ;;
stop)
    state=$3
    for pid in $(ip netns pids "$name" 2>/dev/null); do
        kill -9 "$pid" 2>/dev/null || true
    done
    sleep 0.5
    ip netns del "$name" 2>/dev/null || true
    ip link del "$name-a" 2>/dev/null || true
    rm -rf "$state"
    ;;
*)
    echo "usage: $0 start NAME N STATE UUID | stop NAME STATE" >&2
    exit 2
    ;;
esac
