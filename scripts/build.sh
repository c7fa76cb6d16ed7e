#!/usr/bin/env bash
# Builds the unpacked extension into dist/chrome/ and the store zip beside it:
# cargo (release, wasm32) → wasm-bindgen --target web → wasm-opt -Oz (npm binaryen, never
# Debian's: it emits broken modules) → copy extension/ with the version from Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CRATE=oin_helper
VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
OUT=dist/chrome

echo "==> build: cargo build --release --target wasm32-unknown-unknown" >&2
cargo build --quiet --release --target wasm32-unknown-unknown --lib
rm -rf "$OUT"
mkdir -p "$OUT/pkg"
cp -R extension/. "$OUT/"
echo "==> build: wasm-bindgen" >&2
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$OUT/pkg" "target/wasm32-unknown-unknown/release/$CRATE.wasm"
echo "==> build: wasm-opt -Oz" >&2
e2e/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-mutable-globals --enable-multivalue \
  "$OUT/pkg/${CRATE}_bg.wasm" -o "$OUT/pkg/${CRATE}_bg.wasm"
python3 - "$OUT/manifest.json" "$VERSION" <<'PY'
import json, sys
path, version = sys.argv[1], sys.argv[2]
manifest = json.load(open(path))
manifest["version"] = version
json.dump(manifest, open(path, "w"), indent=2)
PY
ZIP="dist/oin-helper-chrome-$VERSION.zip"
rm -f "$ZIP"
python3 - "$OUT" "$ZIP" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in sorted(os.walk(src)):
        for name in sorted(files):
            full = os.path.join(root, name)
            z.write(full, os.path.relpath(full, src))
PY
RAW=$(stat -c %s "$OUT/pkg/${CRATE}_bg.wasm")
GZ=$(gzip -9 -c "$OUT/pkg/${CRATE}_bg.wasm" | wc -c)
echo "==> build: $OUT (wasm ${RAW} B raw, ${GZ} B gzipped) and $ZIP ($(stat -c %s "$ZIP") B)" >&2
