#!/usr/bin/env bash
# Starts the built app for Playwright (playwright.config.ts, webServer) on a
# fresh database of its own, tests/.data/e2e-<port>.db: migrated with the committed
# migrations and seeded with the reference and deterministic demo data; with
# single sign-on through a real OpenID provider of its own (oidc-provider on a
# free loopback port: tests/e2e/oidc-provider-main.ts), backups into
# tests/.data/backups-<port>, and its JSON log in tests/.data/e2e-<port>.log.
# SKIP_BUILD=1 reuses an existing ./build (e.g. when iterating on tests).
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${E2E_PORT:-3100}"
DB="tests/.data/e2e-${PORT}.db"
export DATABASE_URL="file:./${DB}"
export PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK=1
export PRISMA_HIDE_UPDATE_MESSAGE=1

mkdir -p tests/.data
rm -f "${DB}" "${DB}"-*

npx --no-install prisma migrate deploy
npx --no-install tsx prisma/seed.ts

if [ "${SKIP_BUILD:-}" != "1" ]; then
  npm run build
fi

# Serve a private copy of the build: a rebuild elsewhere in the worktree (the
# dev loop, another test run) replaces build/client's hashed assets, and a
# server still running the old build would then serve pages whose scripts and
# styles are gone (404), failing every test at once.
SERVE_DIR="tests/.data/serve-${PORT}"
rm -rf "${SERVE_DIR}"
mkdir -p "${SERVE_DIR}"
cp -R build "${SERVE_DIR}/build"
# The server resolves build/client and the database from its working directory.
export DATABASE_URL="file:$(pwd)/${DB}"
SERVER="$(pwd)/server.js"

# Single sign-on: the provider follows this shell's pid, which exec hands to the server.
OIDC_OUT="tests/.data/oidc-${PORT}.json"
rm -f "${OIDC_OUT}"
npx --no-install tsx tests/e2e/oidc-provider-main.ts "http://127.0.0.1:${PORT}/auth/sso/callback" "${OIDC_OUT}" "$$" &
for _ in $(seq 1 300); do [ -s "${OIDC_OUT}" ] && break; sleep 0.1; done
export OIDC_ISSUER="$(node -p "require('./${OIDC_OUT}').issuer")"
export OIDC_CLIENT_ID="$(node -p "require('./${OIDC_OUT}').clientId")"
export OIDC_CLIENT_SECRET="$(node -p "require('./${OIDC_OUT}').clientSecret")"
export OIDC_LABEL="Sign in with the test provider"
export BACKUP_DIR="$(pwd)/tests/.data/backups-${PORT}"
export BACKUP_SCHEDULE=off
rm -rf "${BACKUP_DIR}"
LOG="$(pwd)/tests/.data/e2e-${PORT}.log"
: > "${LOG}"
cd "${SERVE_DIR}"

export PORT
export NODE_ENV=production
exec node "${SERVER}" ./build/server/index.js > >(tee -a "${LOG}") 2>&1
