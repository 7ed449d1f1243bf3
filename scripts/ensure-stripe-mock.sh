#!/bin/sh
# Makes sure Stripe's `stripe-mock` (Go module github.com/stripe/stripe-mock) is available: the
# tests in tests/stripeMock start it beside the emulator and check every request the package can
# send against Stripe's own OpenAPI specification. Run by `npm test` (the `pretest` script), and by
# the tests themselves (tests/stripeMock/stripeMockBinary.ts), which read the path it prints.
#  - `stripe-mock` on PATH: that one.
#  - else the cache, ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-portal/stripe-mock-<version>/stripe-mock.
#  - else, with Go: `go install github.com/stripe/stripe-mock@<version>` into that cache directory.
#  - otherwise: says how to install it and fails, so the stripe-mock tests are never silently skipped.
# Prints the binary's path on stdout (and nothing else there); messages go to stderr.
set -eu

# The one place the version is pinned. v0.203.0 is the newest the Go module proxy serves; its
# specification is API version 2026-08-26.dahlia (see tests/stripeMock/intendedDifferences.ts).
STRIPE_MOCK_VERSION="v0.203.0"

if found="$(command -v stripe-mock 2>/dev/null)" && [ -n "$found" ]; then
  echo "$found"
  exit 0
fi

cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-portal/stripe-mock-$STRIPE_MOCK_VERSION"
binary="$cache_dir/stripe-mock"
if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi

if command -v go >/dev/null 2>&1; then
  echo "ensure-stripe-mock: building stripe-mock $STRIPE_MOCK_VERSION into $cache_dir (go install, once)..." >&2
  mkdir -p "$cache_dir"
  log="$(mktemp)"
  if GOBIN="$cache_dir" go install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION" >"$log" 2>&1 && [ -x "$binary" ]; then
    rm -f "$log"
    echo "ensure-stripe-mock: built $binary." >&2
    echo "$binary"
    exit 0
  fi
  echo "ensure-stripe-mock: go install github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION failed:" >&2
  tail -n 20 "$log" >&2
  rm -f "$log"
  exit 1
fi

cat >&2 <<MSG
ensure-stripe-mock: stripe-mock is needed for the tests in tests/stripeMock and was found neither
on PATH nor at $binary, and Go is not installed to build it.
Install one of these, then run the tests again:
  With Go (1.22 or later):  GOBIN="$cache_dir" go install github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION
  Or any stripe-mock on PATH: e.g. macOS: brew install stripe/stripe-mock/stripe-mock
MSG
exit 1
