// Figure 7: popup first render with 200 tracked integrations. The stored registry is seeded,
// from the service worker, with 200 integrations in the stored shape: copies of the largest
// integration the benchmark's own walks left in the registry (so every field is what the
// extension itself stored), one in-progress version each, under new ids and names. They are
// written as a schema-1 registry (every integration under one key, as an upgraded user has it);
// the first, cold popup open has the worker split it into records and write the popup index,
// which every later open reads (the steady state). Then
// popup/popup.html is opened in a tab, repeatedly; a recorder installed before the popup's own
// scripts (an init script) notes when the popup's org line and the 200th `[data-oin-draft]` are
// in the DOM, and the next animation frame, in ms since navigation start. The same with an empty
// registry gives the popup's fixed cost (module load, wasm compile, tab query, worker round trip).
import { currentWorker, readRegistry } from '../lib/harness.mjs';
import { describe } from './common.mjs';

export const TRACKED = 200;

/** Replaces the stored registry by one with `count` integrations; returns its size in bytes. */
export async function seedRegistry(context, count = TRACKED) {
  const worker = await currentWorker(context);
  const registry = await worker.evaluate(readRegistry);
  return worker.evaluate(async ({ count, registry }) => {
    if (!registry || !registry.integrations) throw new Error('no registry to take a template from');
    const withDrafts = Object.values(registry.integrations).filter((i) => i.drafts && Object.keys(i.drafts).length);
    if (!withDrafts.length) throw new Error('no integration with an in-progress version in the registry');
    const template = withDrafts.reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a));
    const [org, draft] = Object.entries(template.drafts)[0];
    const integrations = {};
    const now = Date.now();
    for (let i = 0; i < count; i += 1) {
      const id = `bench_integration_${String(i).padStart(3, '0')}`;
      integrations[id] = {
        ...structuredClone(template),
        id,
        name: `Bench integration ${i + 1}`,
        drafts: { [org]: { ...structuredClone(draft), last_seen: now - i * 3600 * 1000 } },
      };
    }
    const seeded = { ...registry, schema: 1, integrations, revision: (registry.revision || 0) + 1 };
    delete seeded.stamp;
    const old = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('integration:') || k === 'index' || k === 'stamp');
    await chrome.storage.local.remove(old);
    await chrome.storage.local.set({ registry: seeded });
    return JSON.stringify(seeded).length;
  }, { count, registry });
}

function recorder(count) {
  window.benchPopup = null;
  // Where the time goes: the wasm instantiation and the chrome.* calls the popup awaits are
  // timed by wrapping them (the wasm-bindgen glue resolves `chrome` when it calls).
  const calls = [];
  window.benchPopupCalls = calls;
  const timed = (what, fn, self) => function (...args) {
    const start = performance.now();
    const result = fn.apply(self || this, args);
    Promise.resolve(result).finally(() => calls.push({ what, start, end: performance.now() }));
    return result;
  };
  for (const name of ['instantiateStreaming', 'instantiate', 'compileStreaming', 'compile']) {
    if (WebAssembly[name]) WebAssembly[name] = timed(`WebAssembly.${name}`, WebAssembly[name], WebAssembly);
  }
  const real = globalThis.chrome;
  // The popup's script starts with a catalogue lookup: the first one marks when it began.
  if (real && real.i18n) {
    const getMessage = real.i18n.getMessage.bind(real.i18n);
    real.i18n.getMessage = (...args) => {
      if (window.benchPopupScriptStart === undefined) window.benchPopupScriptStart = performance.now();
      return getMessage(...args);
    };
  }
  if (real && real.runtime && real.tabs) {
    const runtime = new Proxy(real.runtime, {
      get: (t, k) => (k === 'sendMessage' ? timed('chrome.runtime.sendMessage (worker round trip)', t.sendMessage, t) : t[k]),
    });
    const tabs = new Proxy(real.tabs, { get: (t, k) => (k === 'query' ? timed('chrome.tabs.query', t.query, t) : t[k]) });
    // The board's data: the stored `index`, read while the wasm loads.
    const local = new Proxy(real.storage.local, { get: (t, k) => (k === 'get' ? timed('chrome.storage.local.get', t.get, t) : t[k]) });
    const storage = new Proxy(real.storage, { get: (t, k) => (k === 'local' ? local : t[k]) });
    const wrapped = { runtime, tabs, storage };
    globalThis.chrome = new Proxy(real, { get: (t, k) => wrapped[k] || t[k] });
  }
  const observer = new MutationObserver(() => {
    if (window.benchPopup || !document.querySelector('[data-oin-current-org]')) return;
    if (document.querySelectorAll('[data-oin-draft]').length < count) return;
    const dom = performance.now();
    window.benchPopup = { dom };
    observer.disconnect();
    requestAnimationFrame(() => {
      window.benchPopup.frame = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Per-run breakdown: when the wasm started loading, and the time inside each awaited call. */
function breakdown(result) {
  const sum = (prefix) => result.calls.filter((c) => c.what.startsWith(prefix)).reduce((a, c) => a + (c.end - c.start), 0);
  const wasm = result.calls.filter((c) => c.what.startsWith('WebAssembly.'));
  const wasmStart = wasm.length ? Math.min(...wasm.map((c) => c.start)) : NaN;
  const send = sum('chrome.runtime.sendMessage');
  const lastCall = Math.max(...result.calls.map((c) => c.end));
  // When each thing the first render needs was ready, in ms after the popup's script started.
  const readyAt = (prefix) => Math.max(...result.calls.filter((c) => c.what.startsWith(prefix)).map((c) => c.end)) - result.scriptStart;
  return {
    htmlParsed: result.domInteractive,
    scriptStart: result.scriptStart,
    ownTime: result.dom - result.scriptStart,
    untilWasmStarts: wasmStart,
    wasmInstantiate: sum('WebAssembly.'),
    tabsQuery: sum('chrome.tabs.query'),
    workerRoundTrip: send,
    afterLastCall: result.dom - lastCall,
    wasmReady: readyAt('WebAssembly.'),
    indexRead: sum('chrome.storage.local.get'),
    indexReady: readyAt('chrome.storage.local.get'),
    tabsReady: readyAt('chrome.tabs.query'),
  };
}

/** Opens the popup `runs` times (plus one cold run, reported apart) and times its first render. */
export async function measurePopup(context, extensionId, { runs = 8, count = TRACKED } = {}) {
  const dom = [];
  const frame = [];
  const own = [];
  const parts = [];
  let cold = null;
  for (let r = 0; r <= runs; r += 1) {
    const page = await context.newPage();
    try {
      await page.addInitScript(recorder, count);
      await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
      await page.waitForFunction(() => window.benchPopup && window.benchPopup.frame, null, { timeout: 15000, polling: 50 });
      const result = await page.evaluate(() => ({
        ...window.benchPopup,
        drafts: document.querySelectorAll('[data-oin-draft]').length,
        calls: window.benchPopupCalls,
        domInteractive: performance.getEntriesByType('navigation')[0]?.domInteractive,
        scriptStart: window.benchPopupScriptStart,
      }));
      if (result.drafts !== count) throw new Error(`the popup listed ${result.drafts} drafts, not ${count}`);
      // (count 0: an empty registry lists none.)
      result.breakdown = breakdown(result);
      if (r === 0) cold = result;
      else {
        dom.push(result.dom);
        frame.push(result.frame);
        own.push(result.breakdown.ownTime);
        parts.push(result.breakdown);
      }
    } finally {
      await page.close();
    }
  }
  const medianOf = (key) => describe(parts.map((p) => p[key])).median;
  const split = Object.fromEntries(Object.keys(parts[0] || {}).map((k) => [k, medianOf(k)]));
  return { count, cold, dom: describe(dom), frame: describe(frame), own: describe(own), breakdown: split };
}
