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
# --low-memory-unused: Rust's wasm32 linker puts the stack first ([0, 1 MiB), growing down, data
# above it), so the low 1 KiB is only reached by a stack within 1 KiB of overflowing; wasm-opt may
# then fold constant offsets into loads and stores (-5 KB). --strip-target-features: a custom
# section browsers ignore.
e2e/node_modules/.bin/wasm-opt -Oz --low-memory-unused --strip-target-features \
  --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-mutable-globals --enable-multivalue \
  "$OUT/pkg/${CRATE}_bg.wasm" -o "$OUT/pkg/${CRATE}_bg.wasm"
python3 - "$OUT/manifest.json" "$VERSION" <<'PY'
import json, sys
path, version = sys.argv[1], sys.argv[2]
manifest = json.load(open(path))
manifest["version"] = version
json.dump(manifest, open(path, "w"), indent=2)
PY
# Firefox: the same files; background scripts instead of a service worker, a gecko id, and
# host permissions the popup asks for at run time (Firefox does not grant MV3 hosts on install).
FF=dist/firefox
rm -rf "$FF"
cp -R "$OUT" "$FF"
python3 - "$FF/manifest.json" <<'PY'
import json, sys
path = sys.argv[1]
manifest = json.load(open(path))
manifest["background"] = {"scripts": ["background.js"], "type": "module"}
manifest["browser_specific_settings"] = {"gecko": {
    "id": "oin-helper@oin-helper.dev",
    "strict_min_version": "142.0",
    # Nothing is collected: requests go only to the signed-in org's own endpoints.
    "data_collection_permissions": {"required": ["none"]},
}}
json.dump(manifest, open(path, "w"), indent=2)
PY

zip_dir() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
if os.path.exists(dst):
    os.remove(dst)
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in sorted(os.walk(src)):
        for name in sorted(files):
            full = os.path.join(root, name)
            # Fixed timestamps: the same sources give byte-identical zips (store reviewers rebuild).
            info = zipfile.ZipInfo(os.path.relpath(full, src), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, open(full, "rb").read())
PY
}
ZIP="dist/oin-helper-chrome-$VERSION.zip"
zip_dir "$OUT" "$ZIP"
zip_dir "$FF" "dist/oin-helper-firefox-$VERSION.zip"

# The source package store reviewers ask for: every tracked file (docs/STORE.md says how to
# rebuild the same packages from it).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  SRC=$(mktemp -d)
  git ls-files -z | xargs -0 -I{} cp --parents {} "$SRC/" 2>/dev/null || true
  zip_dir "$SRC" "dist/oin-helper-source-$VERSION.zip"
  rm -rf "$SRC"
fi
RAW=$(stat -c %s "$OUT/pkg/${CRATE}_bg.wasm")
GZ=$(gzip -9 -c "$OUT/pkg/${CRATE}_bg.wasm" | wc -c)
echo "==> build: $OUT and $FF (wasm ${RAW} B raw, ${GZ} B gzipped); $ZIP ($(stat -c %s "$ZIP") B)" >&2
