# The two commands a newcomer runs are `make demo` and `make test`; both install what they need.
.PHONY: setup dist demo test lint test-native test-wasm test-replica test-e2e clean

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

test-native:
	cargo test --quiet

test-wasm:
	cargo test --target wasm32-unknown-unknown --test wasm_boundary

test-replica:
	python3 -m unittest discover -s replica -p 'test_*.py'

test-e2e:
	cd e2e && node --test --test-concurrency=1 tests/

test: dist lint test-native test-wasm test-replica test-e2e

clean:
	rm -rf dist target/demo
