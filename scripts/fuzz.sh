#!/usr/bin/env bash
# The long fuzz run (`make fuzz`; not part of `make test`, which runs the same properties with
# 105,000 cases in total in about a minute).
#
# With a nightly toolchain (`rustup toolchain list` shows one) it runs the four cargo-fuzz
# (libFuzzer) targets in fuzz/ one after another, FUZZ_SECONDS each (default 300), installing
# cargo-fuzz with `cargo install cargo-fuzz` first when it is missing. The corpora are seeded with
# the fixture pages of tests/fixtures/snapshots/, the replica's logos and the extension's icons,
# a small hand-written registry, and a few URLs. A crash stops the run and leaves the input
# in fuzz/artifacts/<target>/; reproduce it with `cargo +nightly fuzz run <target> <file>`.
#
# Without nightly (it cannot be downloaded here when absent) it runs the proptest suites in
# release mode with PROPTEST_CASES cases per property (default 100000: about 1.1 million cases
# over the properties of tests/never_panics.rs, registry_corruption.rs and layout_corruption.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SECONDS_PER_TARGET=${FUZZ_SECONDS:-300}
TARGETS=(snapshot_pipeline image_header host registry_import)

proptest_fallback() {
  local cases=${PROPTEST_CASES:-100000}
  echo "==> fuzz: $1; running the proptest suites with PROPTEST_CASES=$cases (release)" >&2
  PROPTEST_CASES=$cases cargo test --release --test never_panics --test registry_corruption --test layout_corruption
}

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  proptest_fallback "no nightly toolchain (rustup toolchain list)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "==> fuzz: installing cargo-fuzz (cargo install cargo-fuzz)" >&2
  if ! cargo install cargo-fuzz; then
    proptest_fallback "cargo-fuzz could not be installed"
    exit 0
  fi
fi

echo "==> fuzz: seeding corpora in fuzz/corpus/" >&2
python3 - <<'PY'
import glob, json, os, shutil
def put(target, name, data):
    d = os.path.join("fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
for path in sorted(glob.glob("tests/fixtures/snapshots/*.json")):
    for i, case in enumerate(json.load(open(path, encoding="utf-8"))):
        put("snapshot_pipeline", "%s-%d.json" % (os.path.basename(path)[:-5], i), json.dumps(case["snapshot"]))
for path in glob.glob("replica/static/logos/*") + glob.glob("replica/static/*.png") + glob.glob("extension/icons/*.png"):
    put("image_header", os.path.basename(path), open(path, "rb").read())
for i, seed in enumerate([
    "https://integrator-1000001-admin.okta.com/admin/oin/integrations/acme_x_1/edit\0integrator-2000002.okta.com\0{\"id\":\"00o1000001AAAAAAAAA1\"}",
    "https://oinmanager.okta.com/submissions?x=1#y\0a.oktapreview.com\0{}",
    "https://acme-admin.okta.com@evil.com/\0evil.com\0[]",
]):
    put("host", "seed-%d" % i, seed)
put("registry_import", "empty", "{\"schema\":1,\"revision\":0,\"integrations\":{},\"orgs\":{},\"quarantine\":[]}")
put("registry_import", "one", json.dumps({"schema": 1, "revision": 4, "integrations": {"acme_x_1": {
    "id": "acme_x_1", "name": "Acme", "submitters": [{"org": {"host": "a.okta.com", "id": "00o1"}, "how": "list-page", "at": 1.0}],
    "published": {"status": "published", "last_published": "", "snapshot": {}, "seen_at": 1.0},
    "drafts": {"a.okta.com": {"org": "a.okta.com", "status": "draft", "complete": 50, "errors": 2, "last_seen": 2.0,
        "edit_url": "https://a-admin.okta.com/x", "draft": {"cells": {"catalog.display_name": [{"part": "", "row": 0, "text": "Acme", "filled": True}]},
        "capabilities": ["saml"], "published_variables": []}, "findings": []}}}},
    "orgs": {"a.okta.com": {"id": "00o1", "checked_at": 1.0, "failures": 0, "retry_at": 2.0}},
    "quarantine": [{"reason": "x", "at": 1.0, "value": [1, "two", None]}]}))
PY

for target in "${TARGETS[@]}"; do
  echo "==> fuzz: cargo +nightly fuzz run $target for ${SECONDS_PER_TARGET}s" >&2
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=262144 -timeout=20 -rss_limit_mb=4096
done
echo "==> fuzz: ${#TARGETS[@]} targets, ${SECONDS_PER_TARGET}s each, no crash" >&2
