#!/usr/bin/env bash
# The browser tests need a Chromium. Use CHROMIUM_PATH or Debian's /usr/bin/chromium; on a fresh
# Debian machine install the package (as root, or through sudo); otherwise say how to get one.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  echo "No Chromium found: installing Debian's chromium package for the browser tests…"
  $as_root apt-get update && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y chromium && exit 0
fi
echo "No Chromium found. Install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
