# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# Sourced by samples/run, bench/run and samples/embed/run (bash only).
#
# panamax_java JAVA ARGS...: runs the JVM with its standard error passed through line by line,
# except the one line every JVM that adds an incubator module prints at start-up,
# "WARNING: Using incubator modules: jdk.incubator.vector": it says nothing a user can act on,
# and with both streams piped together it lands in the middle of the output. Every other line,
# warnings included, is kept. Returns the JVM's exit status, once all of its output is out.

panamax_java() {
  local rc=0
  # standard output goes straight to fd 3 (the caller's), standard error through the filter;
  # errexit is off inside a || list, so rc is read even under set -e
  { "$@" 2>&1 1>&3 3>&- | { grep --line-buffered -v '^WARNING: Using incubator modules: jdk\.incubator\.vector$' >&2 || true; }
    rc=${PIPESTATUS[0]}; } 3>&1 || true
  return "$rc"
}
