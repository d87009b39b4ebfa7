#!/usr/bin/env bash
# VirtGuard: locate a JDK >= 21 for the build.
#
# Meant to be SOURCED (e.g. by ./run-tests), not executed:
#     source scripts/lib/jdk.sh && virtguard_find_jdk
# On success JAVA_HOME is exported and "$JAVA_HOME/bin" is first on PATH.
# Note: sourcing turns on strict mode (set -euo pipefail) in the calling shell.
set -euo pipefail

VIRTGUARD_MIN_JAVA=21

# Print the feature ("major") version of the java launcher in $1, e.g. 25 for
# 'openjdk version "25.0.3"' and 8 for the legacy 'java version "1.8.0_402"'.
# Prints nothing when the launcher does not run.
_virtguard_java_major() {
    local raw
    raw=$("$1" -version 2>&1 | sed -n 's/^[^"]*version "\([^"]*\)".*/\1/p' | sed -n 1p) || true
    [[ -n "$raw" ]] || return 0
    if [[ "$raw" == 1.* ]]; then raw=${raw#1.}; fi   # 1.8.0 -> 8.0
    raw=${raw%%[!0-9]*}                              # 25.0.3 -> 25, 21-ea -> 21
    [[ -n "$raw" ]] && printf '%s\n' "$raw"
    return 0
}

# Print the major version if directory $1 is a full JDK (java + javac), else nothing.
_virtguard_jdk_major() {
    [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 0
    _virtguard_java_major "$1/bin/java"
}

virtguard_find_jdk() {
    local found=() best="" best_major=0 dir major seen=" "

    # 1. An explicit JAVA_HOME wins when it is new enough (and a JDK, not a JRE).
    if [[ -n "${JAVA_HOME:-}" ]]; then
        major=$(_virtguard_jdk_major "$JAVA_HOME")
        if [[ -n "$major" && "$major" -ge "$VIRTGUARD_MIN_JAVA" ]]; then
            export JAVA_HOME
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
        found+=("JAVA_HOME=$JAVA_HOME (${major:-not a JDK})")
        seen+="$(readlink -f "$JAVA_HOME" || true) "   # don't list it twice
    fi

    # 2. Scan the usual install locations, plus whatever javac is on PATH;
    #    keep the highest major. Symlinked duplicates are resolved and skipped.
    local candidates=(/usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java /opt/java/* /opt/jdk*)
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for dir in "${candidates[@]}"; do
        [[ -d "$dir" ]] || continue
        dir=$(readlink -f "$dir")
        [[ "$seen" == *" $dir "* ]] && continue
        seen+="$dir "
        major=$(_virtguard_jdk_major "$dir")
        [[ -n "$major" ]] || continue
        found+=("$dir ($major)")
        if [[ "$major" -ge "$VIRTGUARD_MIN_JAVA" && "$major" -gt "$best_major" ]]; then
            best=$dir best_major=$major
        fi
    done

    if [[ -z "$best" ]]; then
        local list="none"
        if [[ ${#found[@]} -gt 0 ]]; then list=$(printf '%s, ' "${found[@]}"); list=${list%, }; fi
        echo "ERROR: VirtGuard needs a JDK >= $VIRTGUARD_MIN_JAVA (found: $list)." \
             "Install one, e.g. \`apt-get install openjdk-21-jdk\` or Temurin, or set JAVA_HOME." >&2
        return 1
    fi
    export JAVA_HOME=$best
    export PATH="$JAVA_HOME/bin:$PATH"
}
