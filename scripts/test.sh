#!/usr/bin/env bash
# The test command: unit tests, integration tests on real PostgreSQL + Redis
# (started here on loopback unless DATABASE_URL / REDIS_URL are given), the
# same integration suite in embedded mode (PGlite + in-process queue), and the
# Playwright e2e tests in Debian's Chromium. Ends with "N passed, N failed".
#   scripts/test.sh [--only unit|integration|embedded|e2e]...
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ONLY=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY+=("$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
want() { [ ${#ONLY[@]} -eq 0 ] && return 0; local x; for x in "${ONLY[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

RESULTS=$(mktemp -d /tmp/baton-results.XXXXXX)
export NODE_ENV=test
FAILED_SUITES=()
step() { echo; echo "=== $*"; }

run_jest() { # name, dir, extra args...
  local name=$1 dir=$2; shift 2
  step "$name"
  (cd "$dir" && NODE_OPTIONS=--experimental-vm-modules "$ROOT/node_modules/.bin/jest" --json --outputFile="$RESULTS/$name.jest.json" "$@") \
    || FAILED_SUITES+=("$name")
}

if [ ! -d node_modules/.pnpm ]; then step "install"; pnpm install --frozen-lockfile || exit 1; fi

if want unit; then
  run_jest forms packages/forms --coverage --coverageReporters=text-summary
  run_jest flow packages/flow --coverage --coverageReporters=text-summary --coverageReporters=text
  run_jest templates packages/templates
  run_jest web apps/web
fi

if want integration || want embedded || want e2e; then
  step "build"
  # NODE_ENV=test would give Vite a development build (React and antd warnings on the console).
  NODE_ENV=production pnpm -r run build >"$RESULTS/build.log" 2>&1 || { cat "$RESULTS/build.log"; FAILED_SUITES+=("build"); }
fi

if want integration; then
  # shellcheck source=services.sh
  source scripts/services.sh
  services_up || { echo "could not start PostgreSQL/Redis" >&2; exit 1; }
  # Platform tests (queue drivers on Redis and in-process, embedded Postgres).
  run_jest api-platform apps/api /src/
  BATON_TEST_MODE=server run_jest api-server apps/api /test/
fi

if want embedded; then
  # Two jest workers: each test file has its own PGlite, and PGlite is one
  # CPU-bound session, so two files at once use both cores.
  (unset DATABASE_URL REDIS_URL; BATON_TEST_MODE=embedded run_jest api-embedded apps/api /test/ --maxWorkers=2) || true
fi

if want e2e; then
  step "e2e"
  # The browser tests run Baton embedded, exactly like `./baton start` (PGlite and
  # the in-process queue), not against the integration step's PostgreSQL/Redis.
  # Everything was built above: no freshness rebuild when the server starts.
  (unset DATABASE_URL REDIS_URL; cd e2e && BATON_E2E_NO_BUILD=1 \
    PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.pw.json" "$ROOT/e2e/node_modules/.bin/playwright" test --reporter=list,json) \
    || FAILED_SUITES+=("e2e")
fi

node scripts/test-summary.mjs "$RESULTS" "${FAILED_SUITES[@]}"
status=$?
rm -rf "$RESULTS"
exit $status
