#!/usr/bin/env bash
# `pnpm bench [--embedded] [--quick] [--instances N] [--concurrency C]
#  [--half-samples N] [--history N]`: builds, starts PostgreSQL + Redis on
# loopback for server mode (unless given), runs bench/bench.mjs. See
# docs/PERFORMANCE.md and bench/README.md (`--history 1M` is server mode only
# and needs ~20 GB of disk where PostgreSQL keeps its data).
# `pnpm bench --inbox [--sizes 10k,100k,1M] ...` (= `pnpm bench:inbox`) runs the
# inbox scale benchmark, bench/inbox.mjs, instead (server mode only).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRIPT=bench/bench.mjs
ARGS=()
for a in "$@"; do
  if [ "$a" = "--inbox" ]; then SCRIPT=bench/inbox.mjs; else ARGS+=("$a"); fi
done
pnpm --filter @baton/forms --filter @baton/flow --filter @baton/templates --filter @baton/api build >/dev/null
if [ "$SCRIPT" = bench/inbox.mjs ] || [[ " $* " != *" --embedded "* ]]; then
  # shellcheck source=services.sh
  source scripts/services.sh
  services_up
fi
node "$SCRIPT" "${ARGS[@]}"
