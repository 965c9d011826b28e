#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Adds the line "SPDX-License-Identifier: Apache-2.0" to every source file that lacks it, as its
# first line, or its second after a #! line: "// ..." in .java and .c, "# ..." in .py, .sh and
# extension-less scripts (a #! first line). Idempotent: a file that has the line in its first two
# lines is left alone; file modes are kept. LicenseHeaderTest applies the same rules and fails on
# a file without the line.
# Usage: src/tools/add-spdx.sh [ROOT]   (ROOT defaults to the repository this script is in)
set -euo pipefail
# The body is one compound command, read whole before it runs: the script may rewrite itself.
{
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
id='SPDX-License-Identifier: Apache-2.0'
added=0
while IFS= read -r -d '' f; do
  first=$(head -n 1 "$f" | tr -d '\0')
  case "${f##*/}" in
    *.java|*.c) line="// $id" ;;
    *.py|*.sh) line="# $id" ;;
    *.*) continue ;;
    *) [[ $first == '#!'* ]] || continue; line="# $id" ;;
  esac
  head -n 2 "$f" | grep -qxF "$line" && continue
  tmp=$(mktemp)
  if [[ $first == '#!'* ]]; then
    { printf '%s\n%s\n' "$first" "$line"; tail -n +2 "$f"; } > "$tmp"
  else
    { printf '%s\n' "$line"; cat "$f"; } > "$tmp"
  fi
  cat "$tmp" > "$f"   # rewrite in place: the file keeps its mode
  rm -f "$tmp"
  added=$((added + 1))
done < <(find src samples bench verify .ci .mvn \
           \( -name target -o -name out -o -name .venv -o -name __pycache__ -o -name node_modules \) -prune \
           -o -type f -print0 2>/dev/null)
echo "add-spdx: added the line to $added file(s) under $root"
exit 0
}
