#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up (build-aux/setup.sh), then runs every test suite (unit,
# integration, ui under Xvfb) inside one D-Bus session, then the unit suite
# once more in a build with AddressSanitizer and UndefinedBehaviorSanitizer.
# Ends with the line "N passed, N failed"; exits non-zero when anything
# failed. Set GREMIUM_NO_SANITIZERS=1 to skip the sanitizer run.
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

# What earlier runs left in the tests' temporary directory goes first.
for tmp in build/tests/tmp build-asan/tests/tmp; do
  if [ -d "$tmp" ]; then rm -rf "$tmp" && mkdir -p "$tmp"; fi
done

logs=(build/meson-logs/testlog.json)
dbus-run-session -- meson test -C build --print-errorlogs --num-processes 2 "$@"
status=$?

if [ "${GREMIUM_NO_SANITIZERS:-0}" != 1 ] && [ $# -eq 0 ]; then
  if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
  rm -f build-asan/meson-logs/testlog.json
  if ninja -C build-asan >/dev/null; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
      dbus-run-session -- meson test -C build-asan --suite unit --print-errorlogs \
        --num-processes 2 || status=1
    logs+=(build-asan/meson-logs/testlog.json)
  else
    echo "The sanitizer build failed."
    status=1
    logs+=(build-asan/sanitizer-build-failed)  # counted as one failure
  fi
fi

python3 - "${logs[@]}" <<'PY'
import json, sys
passed = failed = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
