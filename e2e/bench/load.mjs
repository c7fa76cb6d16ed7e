// Figures 4 and 6 (tab side): page-load overhead and the tab's JS heap. The same replica page
// (the largest real form) is loaded in two browsers side by side, one with the extension and
// one without, in interleaved runs (the order alternates every round). Each run is a fresh tab;
// after `load` and the page's own render, both arms wait the same settle time (long enough for
// the extension to check the page and paint), then read the tab's CDP Performance metrics
// (ScriptDuration: JavaScript on the main thread, content scripts included; TaskDuration: every
// main-thread task) and, after a forced GC, JSHeapUsedSize (the tab's V8 heap: page and content
// script worlds share it).
import { hook } from '../lib/harness.mjs';
import { describe, median, sleep } from './common.mjs';

const SETTLE_MS = 1200;

async function loadRun(context, url, withExtension) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('input', { timeout: 15000 });
    await sleep(SETTLE_MS);
    let painted = null;
    if (withExtension) {
      // Sanity: the extension did check this page (and when the summary showed up).
      await hook(page, '[data-oin-summary]').waitFor({ timeout: 5000 });
      painted = true;
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const nav = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0];
      return { load: entry.loadEventEnd, dcl: entry.domContentLoadedEventEnd };
    });
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
function summaryRecorder() {
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

/** Interleaved loads of `url` with (`withExt`) and without (`without`) the extension. */
export async function measureLoad(withExt, without, url, { runs = 8, warmup = 1 } = {}) {
  const arms = { with: [], without: [] };
  for (let r = 0; r < warmup + runs; r += 1) {
    const order = r % 2 === 0 ? ['with', 'without'] : ['without', 'with'];
    for (const arm of order) {
      const run = await loadRun(arm === 'with' ? withExt : without, url, arm === 'with');
      if (r >= warmup) arms[arm].push(run);
    }
  }
  const pick = (arm, key) => arms[arm].map((x) => x[key]);
  const ratio = (key) => median(pick('with', key)) / median(pick('without', key));
  const summary = {};
  for (const key of ['load', 'dcl', 'script', 'task', 'layout', 'heap']) {
    summary[key] = { with: describe(pick('with', key)), without: describe(pick('without', key)), ratio: ratio(key) };
  }
  summary.heap.added = median(pick('with', 'heap')) - median(pick('without', 'heap'));
  const summaryTimes = [];
  for (let i = 0; i < 5; i += 1) summaryTimes.push(await timeToSummary(withExt, url));
  return { url, runs, settleMs: SETTLE_MS, ...summary, toSummary: describe(summaryTimes), raw: arms };
}
