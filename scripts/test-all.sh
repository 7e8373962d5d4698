#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine (pnpm, Debian's Chromium, the Node
# packages), starts PostgreSQL and Redis if they are not running, then runs everything:
# typecheck, lint, generated-code freshness, build, and every test project (domain, server on
# SQLite and on PostgreSQL, web components, end-to-end in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node.js >= 20.19 is required, found "+process.version); process.exit(1) }'

if ! command -v pnpm >/dev/null 2>&1; then
  log 'Installing pnpm 10'
  npm install -g pnpm@10 >/dev/null
fi

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  log 'Installing Chromium from Debian'
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  log 'Starting PostgreSQL'
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log 'Starting Redis'
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi

log 'Installing Node packages'
pnpm install --frozen-lockfile

log 'Typecheck, lint, generated code, build and tests'
exec pnpm verify
