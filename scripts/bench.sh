#!/usr/bin/env bash
# `pnpm bench [--embedded] [--quick] [--instances N] [--concurrency C]`: builds,
# starts PostgreSQL + Redis on loopback for server mode (unless given), runs
# bench/bench.mjs. See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm --filter @baton/forms --filter @baton/flow --filter @baton/templates --filter @baton/api build >/dev/null
if [[ " $* " != *" --embedded "* ]]; then
  # shellcheck source=services.sh
  source scripts/services.sh
  services_up
fi
node bench/bench.mjs "$@"
