# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=sh
# Sourced by mvnw, samples/run and .ci/run. Points JAVA_HOME at a JDK 25 or newer when it does not
# already point at one: JAVA_HOME first, then the `java` on the PATH, then the usual JVM folders.
# Finds nothing: JAVA_HOME is left alone, and the build's enforcer says what to install.

panamax_jdk_major() { # $1: a JDK home; prints its feature release (25), or nothing
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

panamax_find_jdk() {
  _path_java=$(command -v java 2>/dev/null || true)
  [ -n "$_path_java" ] && _path_java=$(dirname "$(dirname "$(readlink -f "$_path_java")")")
  for _home in "${JAVA_HOME-}" "$_path_java" /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* \
               "${HOME-}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$_home" ] && [ -d "$_home" ] || continue
    _major=$(panamax_jdk_major "$_home")
    if [ -n "$_major" ] && [ "$_major" -ge 25 ]; then
      printf '%s\n' "$_home"
      return 0
    fi
  done
  return 1
}

case $- in *f*) _noglob=1; set +f ;; *) _noglob= ;; esac # mvnw runs with globbing off
if _panamax_home=$(panamax_find_jdk); then
  if [ -n "${JAVA_HOME-}" ] && [ "$JAVA_HOME" != "$_panamax_home" ]; then
    echo "panamax: JAVA_HOME=$JAVA_HOME is older than JDK 25; using $_panamax_home" >&2
  fi
  JAVA_HOME=$_panamax_home
  export JAVA_HOME
fi
[ -n "$_noglob" ] && set -f
unset _panamax_home _home _major _path_java _noglob
