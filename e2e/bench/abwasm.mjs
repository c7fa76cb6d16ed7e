// A/B of wasm builds, outside `make bench`: `node e2e/bench/abwasm.mjs <dist dir> <dist dir> …`
// loads each build's `pkg/oin_helper.js` in this one Node process (the same V8 as Chromium, with
// a microsecond clock where the extension page's is coarsened to 0.1 ms) and times
// `processMessage` until it answers (`deliver`), on the full-form checks of
// benches/fixtures/forms.json, the builds interleaved call by call so the machine's drift (this
// shared host's speed moves by tens of percent within minutes) falls on all of them alike.
// `chrome.storage` is an in-memory stand-in: this compares the wasm and its glue, not the IPC
// (figure 1 in the browser is the product's figure). Prints, per build, the median over forms of
// the per-form medians and the median of the per-form ratios to the first build.
// ROUNDS (default 150) sets the rounds; the first 10 are warm-up (wasm tier-up).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../../', import.meta.url);
const rounds = Number(process.env.ROUNDS || 150);
const WARMUP = 10;
const dirs = process.argv.slice(2).map((d) => resolve(d));
if (!dirs.length) throw new Error('usage: node e2e/bench/abwasm.mjs <dist dir> [<dist dir> …]');

// The chrome.storage semantics figure 1's in-memory phase gives (worker.mjs, where it runs inside
// the extension page and cannot import this one).
const memoryArea = (items) => ({
  async get(keys) {
    if (keys === null || keys === undefined) return structuredClone(items);
    const wanted = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
    const out = Array.isArray(keys) || typeof keys === 'string' ? {} : structuredClone(keys);
    for (const k of wanted) if (k in items) out[k] = structuredClone(items[k]);
    return out;
  },
  async set(values) { for (const [k, v] of Object.entries(values)) items[k] = structuredClone(v); },
  async remove(keys) { for (const k of [].concat(keys)) delete items[k]; },
  async clear() { for (const k of Object.keys(items)) delete items[k]; },
});
const events = { addListener() {}, removeListener() {} };
const chromeFor = () => ({
  storage: { local: memoryArea({}), sync: memoryArea({}), onChanged: events },
  runtime: { id: 'abwasm', getURL: (p) => p, onMessage: events },
  i18n: { getUILanguage: () => 'en', getMessage: () => '' },
});

const fixture = JSON.parse(readFileSync(new URL('benches/fixtures/forms.json', ROOT), 'utf8'));
const check = (snapshot) => JSON.stringify({ kind: 'check', snapshot });
const messages = fixture.forms.map((f) => check(f.snapshot));
const builds = [];
for (const [n, dir] of dirs.entries()) {
  const chrome = chromeFor();
  globalThis.chrome = chrome; // the glue resolves `chrome` at call time: each build its own
  // A query string per build: the same glue file loaded twice is two module instances.
  const wasm = await import(`${pathToFileURL(`${dir}/pkg/oin_helper.js`)}?build=${n}`);
  await wasm.default({ module_or_path: readFileSync(`${dir}/pkg/oin_helper_bg.wasm`) });
  // Every walk's steps first, so the stored drafts are whole, as in figure 1.
  for (const walk of fixture.walks) {
    for (const step of walk.steps) await (await wasm.processMessage(check(step), Date.now(), () => {})).saved;
  }
  builds.push({ dir, wasm, chrome, times: messages.map(() => []) });
}
for (let r = 0; r < rounds; r += 1) {
  for (let k = 0; k < messages.length; k += 1) {
    const i = (k + r) % messages.length;
    for (let b = 0; b < builds.length; b += 1) {
      const build = builds[(b + r) % builds.length];
      globalThis.chrome = build.chrome;
      let answeredAt = null;
      const t = performance.now();
      const reply = await build.wasm.processMessage(messages[i], Date.now(), () => { answeredAt = performance.now(); });
      const dt = (answeredAt ?? performance.now()) - t;
      await reply.saved;
      if (r >= WARMUP) build.times[i].push(dt);
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const first = builds[0].times.map(median);
for (const build of builds) {
  const perForm = build.times.map(median);
  const ratio = median(perForm.map((t, i) => t / first[i]));
  console.log(`${build.dir}: median over forms ${(median(perForm) * 1000).toFixed(1)} µs, slowest form ${(Math.max(...perForm) * 1000).toFixed(1)} µs, ratio to the first build ${ratio.toFixed(3)}`);
}
