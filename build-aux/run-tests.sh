#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up (build-aux/setup.sh), then runs every test suite (unit,
# integration, ui under Xvfb) inside one D-Bus session and ends with the line
# "N passed, N failed". Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

dbus-run-session -- meson test -C build --print-errorlogs --num-processes 2 "$@"
status=$?

python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = 0
for line in open(sys.argv[1]):
    line = line.strip()
    if not line:
        continue
    result = json.loads(line).get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
