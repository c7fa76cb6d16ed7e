# The two commands a newcomer runs are `make demo` and `make test`; both install what they need.
.PHONY: setup dist demo test lint lint-firefox test-firefox test-native test-wasm test-replica test-e2e fuzz bench clean

setup:
	bash scripts/setup.sh

dist: setup
	bash scripts/build.sh

demo: dist
	node e2e/demo.mjs

lint: setup
	cargo fmt --check
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --target wasm32-unknown-unknown --lib -- -D warnings

# Mozilla's linter on the Firefox package (needs `make dist`); warnings count as errors.
lint-firefox:
	cd e2e && node_modules/.bin/web-ext lint --source-dir ../dist/firefox --no-input --warnings-as-errors

test-native:
	cargo test --quiet

test-wasm:
	cargo test --target wasm32-unknown-unknown --test wasm_boundary

test-replica:
	python3 -m unittest discover -s replica -p 'test_*.py'

test-e2e:
	cd e2e && node --test --test-concurrency=1 tests/

# The same package in Debian's firefox-esr through geckodriver (needs `make dist`).
test-firefox:
	cd e2e && node --test firefox/

test: dist lint lint-firefox test-native test-wasm test-replica test-e2e test-firefox

# The long fuzz run, outside `make test`: cargo +nightly fuzz (libFuzzer) on the targets in fuzz/
# for FUZZ_SECONDS each when a nightly toolchain exists, else the proptest suites with a large
# PROPTEST_CASES. See scripts/fuzz.sh.
fuzz:
	bash scripts/fuzz.sh

# Speed, size and memory against their budgets (issue 6; docs/BENCHMARKS.md). Not part of
# `make test`: timings do not belong in pass/fail tests. Prints a table; JSON in target/bench/.
bench: dist
	cargo bench --bench core
	node e2e/bench/run.mjs

clean:
	rm -rf dist target/demo
