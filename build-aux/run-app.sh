#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up (build-aux/setup.sh), then starts Gremium from the build directory
# with the demo municipality: the project's OParl test server serves the real
# data of the city of Karlsruhe on 127.0.0.1 and the app syncs it into a demo
# database of its own. Extra arguments go to gremium.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/setup.sh

export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export GREMIUM_LOCALEDIR="$PWD/build/po"
export GREMIUM_TEST_SERVER="$PWD/build/tests/oparl-server/oparl-test-server"
export GRM_SHARED_DATA="$(cd .. && pwd)/shared/data"
exec build/src/gremium --demo "$@"
