#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need, idempotently (a no-op when all is
# present). Each step says what it does and fails loudly with the step's name.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { echo "==> setup: $*" >&2; }
fail() { echo "setup failed at: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v openssl >/dev/null; then
  step "installing Debian chromium, chromium-driver and openssl"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver openssl >/dev/null || fail "apt-get install chromium chromium-driver"
fi

if ! command -v firefox-esr >/dev/null; then
  step "installing Debian firefox-esr (Firefox smoke test)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr >/dev/null || fail "apt-get install firefox-esr"
fi
if ! command -v geckodriver >/dev/null; then
  step "building geckodriver with cargo (a few minutes, once)"
  cargo install geckodriver --locked 2>/dev/null || cargo install geckodriver || fail "cargo install geckodriver"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown || fail "rustup target add wasm32-unknown-unknown (see README: Troubleshooting)"
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt || true

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WB_VER=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VER" ]; then
  step "building wasm-bindgen-cli $WB_VER with cargo (about 3 minutes, once)"
  # --locked fails on this registry mirror (it lags crates.io); retry without it.
  cargo install wasm-bindgen-cli --version "$WB_VER" --locked 2>/dev/null \
    || cargo install wasm-bindgen-cli --version "$WB_VER" --force \
    || fail "cargo install wasm-bindgen-cli $WB_VER"
fi

if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/playwright-core ] \
   || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  step "installing npm packages (playwright-core, binaryen) from e2e/package-lock.json"
  (cd e2e && npm ci --no-audit --no-fund >/dev/null) || fail "npm ci in e2e/"
fi
step "tools ready"
