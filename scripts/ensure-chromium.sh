#!/bin/sh
# Makes sure Debian's `chromium` is installed: the session page tests (tests/page) open the
# emulator's portal page in headless Chromium. Run by `npm test` (the `pretest` script).
#  - `chromium` on PATH: nothing to do.
#  - root with apt-get: installs Debian's `chromium` package quietly.
#  - otherwise: says how to install it and fails, so the page tests are never silently skipped.
set -eu

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium package for the session page tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  if apt-get update -qq >"$log" 2>&1 && apt-get install -y -qq --no-install-recommends chromium >>"$log" 2>&1; then
    rm -f "$log"
    if command -v chromium >/dev/null 2>&1; then
      echo "ensure-chromium: installed $(chromium --version 2>/dev/null || echo chromium)." >&2
      exit 0
    fi
    echo "ensure-chromium: apt-get installed chromium but it is not on PATH." >&2
    exit 1
  fi
  echo "ensure-chromium: apt-get could not install chromium:" >&2
  tail -n 20 "$log" >&2
  rm -f "$log"
  exit 1
fi

cat >&2 <<'MSG'
ensure-chromium: Chromium is needed for the session page tests (tests/page) and is not on PATH.
Install it, then run the tests again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
                  (on Ubuntu the package may be `chromium-browser`; a `chromium` command must be on PATH)
  Fedora:         sudo dnf install chromium
  macOS:          brew install --cask chromium, then put a `chromium` command on PATH
MSG
exit 1
