#!/usr/bin/env bash
# Builds Byline (installing missing system packages first) and runs it.
# Arguments go to byline: ./scripts/run.sh, ./scripts/run.sh --db my.db,
# ./scripts/run.sh import --db my.db articles/
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
byline_need_packages
byline_need_go
CGO_ENABLED=1 go build -tags migrated_fynedo -o byline .
exec ./byline "$@"
