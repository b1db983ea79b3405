#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file with translatable strings is missing from POTFILES.in,
# or when POTFILES.in lists a file that does not exist.
set -eu
top="$1"
cd "$top"
status=0
files=$(grep -rlE '(^|[^A-Za-z0-9_])(N|C|NC)?_ ?\(|translatable="yes"' src resources data \
          --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' 2>/dev/null | sort)
for f in $files; do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "missing from po/POTFILES.in: $f"
    status=1
  fi
done
grep -v '^#' po/POTFILES.in | grep -v '^$' | while read -r f; do
  [ -f "$f" ] || { echo "listed in po/POTFILES.in but absent: $f"; exit 1; }
done || status=1
exit $status
