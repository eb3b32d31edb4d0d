#!/bin/sh
# Installs Debian's Chromium for Playwright when it is missing (a fresh
# machine, CI). Playwright cannot download its own browsers here; see
# PLATFORM.md, "Playwright in a real browser". Idempotent: prints one line
# when Chromium is already there.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "Chromium present at $CHROMIUM"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Chromium is missing and this user cannot install it: run 'apt-get install chromium' as root." >&2
  exit 1
fi

echo "Installing Chromium with apt-get (one-time, a minute or two)..."
export DEBIAN_FRONTEND=noninteractive
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

# Another apt-get may hold the lock (e.g. a background install); wait for it
# rather than failing, and retry the whole step a few times.
attempt=1
while :; do
  if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 update >"$LOG" 2>&1 &&
     $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq -y -o DPkg::Lock::Timeout=300 install chromium >>"$LOG" 2>&1; then
    break
  fi
  if [ -x "$CHROMIUM" ]; then break; fi # installed meanwhile by someone else
  if [ "$attempt" -ge 3 ]; then
    cat "$LOG" >&2
    echo "Could not install Chromium with apt-get." >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 10
done

if [ ! -x "$CHROMIUM" ]; then
  cat "$LOG" >&2
  echo "apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "Chromium installed at $CHROMIUM"
