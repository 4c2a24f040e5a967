#!/usr/bin/env bash
# Test prerequisites that npm cannot install: the browser driven by the web chat test.
# Debian's chromium is used (playwright-core does not download browsers here).
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

# Root (CI, containers) runs apt-get directly; another user only through a password-less sudo.
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
fi

if { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; } && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: $CHROMIUM not found; installing Debian's chromium (needed by test/integration/webchat/browser.ts)..."
  export DEBIAN_FRONTEND=noninteractive
  # A clean machine has no package lists yet: update first. Wait for another apt run (e.g. the
  # image's own unattended upgrades) rather than failing on its lock.
  APT_OPTS=(-o DPkg::Lock::Timeout=300 -qq)
  if ! $SUDO apt-get "${APT_OPTS[@]}" update >/tmp/ensure-test-deps.log 2>&1 \
    || ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y --no-install-recommends chromium fonts-dejavu-core >>/tmp/ensure-test-deps.log 2>&1; then
    echo "ensure-test-deps: installing chromium failed; last lines of /tmp/ensure-test-deps.log:" >&2
    tail -n 20 /tmp/ensure-test-deps.log >&2 || true
    exit 1
  fi
  if [ ! -x "$CHROMIUM" ]; then
    echo "ensure-test-deps: chromium installed but $CHROMIUM is missing; set CHROMIUM_PATH." >&2
    exit 1
  fi
  echo "ensure-test-deps: chromium installed ($("$CHROMIUM" --version 2>/dev/null || echo unknown version))."
  exit 0
fi

cat >&2 <<MSG
ensure-test-deps: $CHROMIUM is missing and this user cannot install it.
The web chat browser test needs Debian's chromium. Install it with:
  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
or point CHROMIUM_PATH at an existing Chromium/Chrome binary.
MSG
exit 1
