#!/usr/bin/env bash
# LocalStack on the host, without Docker: the last open-source release (localstack-core 2026.3.0) in a cached venv.
#   scripts/emulators/localstack.sh install|start|stop|status|endpoint
# Honours: LOCALSTACK_ENDPOINT / AWS_ENDPOINT_URL (an already running LocalStack is used as it is),
#          LOCALSTACK_PORT (default 4566), WHY403_CACHE_DIR (default <repo>/.cache), LOCALSTACK_START_TIMEOUT (120 s).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${WHY403_CACHE_DIR:-$root/.cache}"
venv="$cache/localstack-venv"
port="${LOCALSTACK_PORT:-4566}"
pidfile="$cache/localstack.pid"
logfile="$cache/localstack.log"
# Pinned: localstack-core's runtime extra pulls moto-ext for S3 Control; 5.1.25 is what its lock file names.
# Its other dependencies are open-ended (cbor2>=5.5 lets pip take 6.x, which removed a module LocalStack imports), so
# the resolver only considers releases uploaded before LocalStack's last open-source release was archived.
requirements=("localstack-core[runtime]==2026.3.0" "moto-ext==5.1.25")
uploaded_before="2026-03-24T00:00:00Z"
stamp="$venv/.why403-stamp"

say() { printf 'localstack: %s\n' "$*" >&2; }

external_endpoint() {
  local url="${LOCALSTACK_ENDPOINT:-${AWS_ENDPOINT_URL:-}}"
  if [[ -n "$url" ]] && curl -sf "$url/_localstack/health" >/dev/null 2>&1; then printf '%s' "$url"; fi
}

# localstack-core 2026.3 uses Python 3.12 syntax (PEP 695), so the machine's 3.11 will not do.
find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    local v
    for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9])' | sort -rV); do
      candidate="$(pyenv root)/versions/$v/bin/python3"
      if [[ -x "$candidate" ]]; then printf '%s' "$candidate"; return 0; fi
    done
  fi
  return 1
}

install() {
  if [[ -f "$stamp" && "$(cat "$stamp")" == "${requirements[*]} $uploaded_before" ]]; then say "venv ready ($venv)"; return 0; fi
  local python
  python="$(find_python)" || { say "needs Python 3.12 or newer (localstack-core 2026.3.0 uses 3.12 syntax); none found"; exit 1; }
  say "installing ${requirements[*]} with $("$python" --version) into $venv"
  rm -rf "$venv"
  mkdir -p "$cache"
  "$python" -m venv "$venv"
  # pip 26 understands --uploaded-prior-to.
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pip==26.3"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --uploaded-prior-to "$uploaded_before" "${requirements[@]}"
  printf '%s' "${requirements[*]} $uploaded_before" > "$stamp"
}

healthy() {
  curl -sf "http://127.0.0.1:$port/_localstack/health" 2>/dev/null | grep -q '"s3": *"\(running\|available\)"'
}

start() {
  local external
  external="$(external_endpoint)"
  if [[ -n "$external" ]]; then say "using the LocalStack already running at $external"; printf '%s\n' "$external"; return 0; fi
  if healthy; then say "already running on 127.0.0.1:$port"; printf 'http://127.0.0.1:%s\n' "$port"; return 0; fi
  install
  say "starting on 127.0.0.1:$port (log: $logfile)"
  # No Docker, no network: loopback only, no DNS server, no analytics, no certificate download.
  env SERVICES=s3,s3control,sts,kms EAGER_SERVICE_LOADING=1 \
    GATEWAY_LISTEN="127.0.0.1:$port" LOCALSTACK_HOST="127.0.0.1:$port" \
    DNS_ADDRESS=0 DISABLE_EVENTS=1 SKIP_SSL_CERT_DOWNLOAD=1 SKIP_INFRA_DOWNLOADS=1 \
    "$venv/bin/python" -m localstack.runtime.main >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  local deadline=$((SECONDS + ${LOCALSTACK_START_TIMEOUT:-120}))
  until healthy; do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then say "LocalStack exited while starting; last lines of $logfile:"; tail -20 "$logfile" >&2; exit 1; fi
    if ((SECONDS > deadline)); then say "not healthy after ${LOCALSTACK_START_TIMEOUT:-120} s; last lines of $logfile:"; tail -20 "$logfile" >&2; stop; exit 1; fi
    sleep 0.5
  done
  say "healthy"
  printf 'http://127.0.0.1:%s\n' "$port"
}

stop() {
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

status() {
  if [[ -n "$(external_endpoint)" ]] || healthy; then say "running"; else say "not running"; return 1; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 3 ;;
esac
