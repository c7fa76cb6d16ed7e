// Figures 4 and 6 (tab side): page-load overhead and the tab's JS heap. The same replica page
// (the largest real form) is loaded in three browsers side by side, one with the extension and
// two without, in interleaved runs (the order rotates every round). The second browser without
// the extension is an A/A control: its ratio to the first says how far two browsers doing the
// same thing differ on this machine, the noise any with/without ratio carries (on the 2-core
// machine shared with other work, ±10–20% for loadEventEnd). Each run is a fresh tab;
// after `load` and the page's own render, both arms wait the same settle time (long enough for
// the extension to check the page and paint), then read the tab's CDP Performance metrics
// (ScriptDuration: JavaScript on the main thread, content scripts included; TaskDuration: every
// main-thread task) and, after a forced GC, JSHeapUsedSize (the tab's V8 heap: page and content
// script worlds share it).
import { hook } from '../lib/harness.mjs';
import { describe, median, rotated, sleep } from './common.mjs';

const SETTLE_MS = 1200;
const RUNS = 16;

async function loadRun(context, url, withExtension) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('input', { timeout: 15000 });
    await sleep(SETTLE_MS);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const nav = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0];
      return { load: entry.loadEventEnd, dcl: entry.domContentLoadedEventEnd };
    });
    let painted = null;
    if (withExtension) {
      // Sanity: the extension did check this page. Asked after the metrics were read, so the
      // query (script in the tab) is not counted in one arm only.
      await hook(page, '[data-oin-summary]').waitFor({ timeout: 5000 });
      painted = true;
    }
    return {
      load: nav.load,
      dcl: nav.dcl,
      script: m.ScriptDuration * 1000,
      task: m.TaskDuration * 1000,
      layout: m.LayoutDuration * 1000,
      heap: m.JSHeapUsedSize,
      painted,
    };
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

/** Records, in the page, when the extension's summary panel first exists (ms since navigation). */
export function summaryRecorder() {
  window.benchSummaryAt = null;
  const check = () => {
    const host = document.querySelector('oin-helper');
    if (window.benchSummaryAt === null && host && host.shadowRoot && host.shadowRoot.querySelector('[data-oin-summary]')) {
      window.benchSummaryAt = performance.now();
      inner.disconnect();
    }
  };
  const inner = new MutationObserver(check);
  const outer = new MutationObserver(() => {
    const host = document.querySelector('oin-helper');
    if (host && host.shadowRoot) {
      outer.disconnect();
      inner.observe(host.shadowRoot, { childList: true, subtree: true });
      check(); // the first paint may have filled the shadow root before it was attached
    }
  });
  outer.observe(document, { childList: true, subtree: true });
}

/** Navigation → summary painted with the extension: when the user first sees the check. */
async function timeToSummary(context, url) {
  const page = await context.newPage();
  try {
    await page.addInitScript(summaryRecorder);
    await page.goto(url, { waitUntil: 'commit' });
    await hook(page, '[data-oin-summary]').waitFor({ timeout: 15000 });
    await page.waitForFunction(() => window.benchSummaryAt !== null, null, { timeout: 5000 });
    return await page.evaluate(() => window.benchSummaryAt);
  } finally {
    await page.close();
  }
}

/**
 * Interleaved loads of `url` with (`withExt`) and without (`without`) the extension, and in
 * `control`, a second browser without it (the A/A control).
 */
export async function measureLoad(withExt, without, control, url, { runs = RUNS, warmup = 1 } = {}) {
  const arms = { with: [], without: [], control: [] };
  const contexts = { with: withExt, without, control };
  for (let r = 0; r < warmup + runs; r += 1) {
    for (const arm of rotated(['with', 'without', 'control'], r)) {
      const run = await loadRun(contexts[arm], url, arm === 'with');
      if (r >= warmup) arms[arm].push(run);
    }
  }
  const pick = (arm, key) => arms[arm].map((x) => x[key]);
  const ratio = (key, arm = 'with') => median(pick(arm, key)) / median(pick('without', key));
  // The same ratio per round (both arms of one round ran within seconds of each other), then
  // the median: slow drifts of the machine cancel out of it.
  const paired = (key, arm = 'with') => median(arms[arm].map((x, i) => x[key] / arms.without[i][key]));
  const summary = {};
  for (const key of ['load', 'dcl', 'script', 'task', 'layout', 'heap']) {
    summary[key] = {
      with: describe(pick('with', key)),
      without: describe(pick('without', key)),
      control: describe(pick('control', key)),
      ratio: ratio(key),
      paired: paired(key),
      controlRatio: ratio(key, 'control'),
      controlPaired: paired(key, 'control'),
    };
  }
  summary.heap.added = median(pick('with', 'heap')) - median(pick('without', 'heap'));
  const summaryTimes = [];
  for (let i = 0; i < 5; i += 1) summaryTimes.push(await timeToSummary(withExt, url));
  return { url, runs, settleMs: SETTLE_MS, ...summary, toSummary: describe(summaryTimes), raw: arms };
}
