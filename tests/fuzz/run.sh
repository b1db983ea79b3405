#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer target for the OParl normaliser with clang-14 and runs
# it for SECONDS (default 60), seeded with the real data in shared/data.
# Usage: tests/fuzz/run.sh [SECONDS]
set -eu
seconds=${1:-60}
src=$(cd "$(dirname "$0")/../.." && pwd)
shared=${GRM_SHARED_DATA:-$src/../shared/data}
build=$src/build-fuzz

if [ ! -f "$build/build.ninja" ]; then
  CC=clang-14 meson setup "$build" "$src" -Dfuzzing=true -Db_lundef=false >/dev/null
fi
ninja -C "$build" tests/fuzz/fuzz-oparl >/dev/null

# The corpus lives in the build directory: real pages, objects and quirks.
corpus=$build/fuzz-corpus
if [ ! -d "$corpus" ]; then
  mkdir -p "$corpus"
  n=0
  for f in "$shared"/oparl/huertgenwald/*.json "$shared"/oparl/quirks/*.json \
           "$shared"/oparl/quirks/*/*.json "$shared"/oparl/huertgenwald/body/1/*page=1*.json \
           "$shared"/oparl/huertgenwald/body/1/organization.json; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "$corpus/seed-$n.json"
  done
  zcat "$shared/oparl/karlsruhe/papers.jsonl.gz" | head -n 40 | split -l 1 - "$corpus/paper-"
  zcat "$shared/oparl/karlsruhe/meetings.jsonl.gz" | head -n 20 | split -l 1 - "$corpus/meeting-"
  printf '1971-05-04T00:00:00+01::00' > "$corpus/date-1"
  printf '2020-02-30' > "$corpus/date-2"
fi

export ASAN_OPTIONS=detect_leaks=0
exec "$build/tests/fuzz/fuzz-oparl" -max_total_time="$seconds" -max_len=262144 \
  -timeout=10 -rss_limit_mb=2048 "$corpus"
