#!/bin/sh
# Installs Debian's Chromium for Playwright when it is missing (a fresh
# machine, CI). Playwright cannot download its own browsers here; see
# PLATFORM.md, "Playwright in a real browser". Also installs openssl, with
# which the document tests sign .p7m files. Idempotent: prints one line
# when both are already there.
set -eu

CHROMIUM=/usr/bin/chromium

PACKAGES=""
[ -x "$CHROMIUM" ] || PACKAGES=" chromium"
command -v openssl >/dev/null 2>&1 || PACKAGES="$PACKAGES openssl"
if [ -z "$PACKAGES" ]; then
  echo "Chromium present at $CHROMIUM; openssl present"
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

echo "Installing with apt-get (one-time, a minute or two):$PACKAGES"
export DEBIAN_FRONTEND=noninteractive
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

# Another apt-get may hold the lock (e.g. a background install); wait for it
# rather than failing, and retry the whole step a few times.
attempt=1
while :; do
  if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 update >"$LOG" 2>&1 &&
     $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq -y -o DPkg::Lock::Timeout=300 install $PACKAGES >>"$LOG" 2>&1; then
    break
  fi
  if [ -x "$CHROMIUM" ] && command -v openssl >/dev/null 2>&1; then break; fi # installed meanwhile by someone else
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
