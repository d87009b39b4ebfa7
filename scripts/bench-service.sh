#!/usr/bin/env bash
# Whole-service lossless-rate benchmark (issue 13): see docs/benchmarks.md, "Whole service under load".
#
#   scripts/bench-service.sh [RATES [SECONDS [key=value ...]]]
#
# Builds virtguard-bench and what it needs (package, never install), raises net.core.rmem_max to 256 MiB for the
# run when root (put back afterwards), and runs ServiceLosslessBench: the service (child JVM on CPU 0) with flow
# intake, syslog intake, a 10,000-VM test-driver lab and a webhook, then the standalone collector and nfcapd at the
# same rates. Needs taskset, nfcapd (Debian package nfdump) and the shared corpus (../shared/corpora or
# VIRTGUARD_CORPORA). Options after SECONDS go to the benchmark: syslog=5000 attacks=20 hosts=50 vmsPerHost=200
# resync=15m warmup=20 peers=true heap=2g clockAheadDays=0.
set -euo pipefail
cd "$(dirname "$0")/.."

RATES=${1:-1000000,2000000,2600000}
SECONDS_PER_RATE=${2:-5}
shift $(( $# > 2 ? 2 : $# ))

if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
command -v taskset >/dev/null || { echo "bench-service: taskset is needed (util-linux)" >&2; exit 1; }
command -v nfcapd >/dev/null || echo "bench-service: nfcapd not found (apt-get install nfdump); its rows will fail" >&2

CP_FILE=$(mktemp)
# one reactor run: package, then the bench module's class path, which names the reactor's fresh jars (the flows
# module's test jar holds LosslessRateBench and CollectorProcess), never the shared ~/.m2 snapshots
./mvnw -B -q -ntp ${MVN_OFFLINE:+-o} -DskipTests package dependency:build-classpath -pl virtguard-bench -am \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
CP="virtguard-bench/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"

RESTORE_RMEM=
if [ "$(id -u)" = 0 ]; then
    OLD=$(sysctl -n net.core.rmem_max)
    if [ "$OLD" -lt 268435456 ]; then
        sysctl -q -w net.core.rmem_max=268435456
        RESTORE_RMEM=$OLD
    fi
else
    echo "bench-service: not root, net.core.rmem_max stays $(sysctl -n net.core.rmem_max)" >&2
fi
restore() {
    if [ -n "$RESTORE_RMEM" ]; then
        sysctl -q -w net.core.rmem_max="$RESTORE_RMEM"
    fi
}
trap restore EXIT

echo "date $(date -u +%FT%TZ), nproc $(nproc), load $(cat /proc/loadavg), rmem_max $(sysctl -n net.core.rmem_max)"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" org.virtguard.bench.ServiceLosslessBench softflowd_v9.dgr \
    "$SECONDS_PER_RATE" "$RATES" "$@"
echo "date $(date -u +%FT%TZ), load $(cat /proc/loadavg)"
