// Figure 3: growth. The replica's stress pages (/replica/stress?n=N: N labelled controls in
// groups of 50, every labelling technique) are loaded under a trace; once the page has rendered
// all N controls, a few scans are triggered the way the page itself would (a change of the tree
// the content script's MutationObserver sees) and each scan's main-thread time is read from the
// trace (see trace.mjs). Sizes are interleaved round by round. The longest main-thread stretch
// the extension caused (injection, scans, IPC answers, paints) is kept per size, and per form
// page for the largest real form.
import { ORG_A, hook } from '../lib/harness.mjs';
import { describe, rotated, sleep } from './common.mjs';
import { traced, extensionWork } from './trace.mjs';

export const SIZES = [100, 500, 2000, 5000];

// What triggers a scan: a change of the tree, as a re-render makes (an empty span enters or
// leaves the h1; the snapshot's content does not change). The content script's
// MutationObserver reacts to it, and the scan queries every element list again (after a class
// change alone it reuses them, so a tree change is the more expensive case).
function touchTree() {
  const h1 = document.querySelector('h1');
  const span = h1.querySelector('span[data-bench]');
  if (span) {
    span.remove();
    return;
  }
  const added = document.createElement('span');
  added.setAttribute('data-bench', '');
  h1.append(added);
}
const stressUrl = (n) => `https://${ORG_A}/replica/stress?n=${n}`;

// The content script waits 400 ms after a change on a page it found nothing on, then scans;
// the worker then checks the snapshot. Give each scan that long plus room for both.
const settle = (n) => 600 + n * 0.15;

async function stressRun(context, extensionId, n, triggers) {
  const page = await context.newPage();
  try {
    const events = await traced(context, page, async () => {
      await page.goto(stressUrl(n));
      await page.waitForFunction((count) => document.querySelectorAll('input, textarea').length >= count, n, { timeout: 30000 });
      await page.evaluate(() => performance.mark('bench-rendered'));
      await sleep(settle(n));
      for (let i = 0; i < triggers; i += 1) {
        await page.evaluate(touchTree);
        await sleep(settle(n));
      }
    });
    const work = extensionWork(events, extensionId);
    const rendered = work.marks.find((m) => m.name === 'bench-rendered');
    const measured = work.scans.filter((s) => rendered && s.ts > rendered.ts);
    const scans = measured.map((s) => s.dur);
    const scanCpu = measured.map((s) => s.cpu);
    const longest = work.slices.reduce((a, b) => (b.dur > (a?.dur ?? -1) ? b : a), null);
    const longestCpu = work.slices.reduce((a, b) => Math.max(a, Number.isFinite(b.cpu) ? b.cpu : 0), 0);
    const longestPageTask = work.tasks.reduce((a, b) => Math.max(a, b.dur), 0);
    return { scans, scanCpu, longest, longestCpu, longestPageTask };
  } finally {
    await page.close();
  }
}

/** Stress pages, `rounds` interleaved rounds of every size, `triggers` scans per load. */
export async function measureGrowth(context, extensionId, { rounds = 2, triggers = 4 } = {}) {
  const per = new Map(SIZES.map((n) => [n, { scans: [], scanCpu: [], longest: null, longestCpu: 0, longestPageTask: 0 }]));
  for (let r = 0; r < rounds; r += 1) {
    for (const n of rotated(SIZES, r)) {
      const run = await stressRun(context, extensionId, n, triggers);
      const acc = per.get(n);
      acc.scans.push(...run.scans);
      acc.scanCpu.push(...run.scanCpu);
      if (run.longest && (!acc.longest || run.longest.dur > acc.longest.dur)) acc.longest = run.longest;
      acc.longestCpu = Math.max(acc.longestCpu, run.longestCpu);
      acc.longestPageTask = Math.max(acc.longestPageTask, run.longestPageTask);
    }
  }
  // Wall time decides the figures (what the page feels); CPU (thread) time is reported beside
  // them because on a shared machine wall time includes other processes' turns.
  const sizes = SIZES.map((n) => {
    const acc = per.get(n);
    return { n, scan: describe(acc.scans), scanCpu: describe(acc.scanCpu), longest: acc.longest, longestCpu: acc.longestCpu, longestPageTask: acc.longestPageTask };
  });
  // Growth between consecutive sizes: (time ratio) / (size ratio); 1.0 is exactly linear.
  const steps = [];
  for (let i = 1; i < sizes.length; i += 1) {
    const a = sizes[i - 1];
    const b = sizes[i];
    const timeRatio = b.scan.median / a.scan.median;
    const sizeRatio = b.n / a.n;
    steps.push({ from: a.n, to: b.n, timeRatio, sizeRatio, normalised: timeRatio / sizeRatio });
  }
  const first = sizes[0];
  const last = sizes.at(-1);
  const exponent = Math.log(last.scan.median / first.scan.median) / Math.log(last.n / first.n);
  return { sizes, steps, exponent };
}

/** The extension's longest main-thread stretch while the largest real form loads and is checked. */
export async function formLongest(context, extensionId, url, runs = 3) {
  const longest = [];
  const scans = [];
  const timeline = [];
  let worst = null;
  for (let i = 0; i < runs; i += 1) {
    const page = await context.newPage();
    try {
      const events = await traced(context, page, async () => {
        await page.goto(url);
        await hook(page, '[data-oin-summary]').waitFor({ timeout: 15000 });
        await sleep(500);
      });
      const work = extensionWork(events, extensionId);
      const nav = work.marks.filter((m) => m.name === 'navigationStart').at(-1);
      if (nav && timeline.length === 0) {
        // When, after navigation start, each piece of extension work ran (first load only).
        for (const s of work.slices) timeline.push({ at: (s.ts - nav.ts) / 1000, dur: s.dur, kind: s.kind, top: s.top });
        for (const s of work.scans) timeline.push({ at: (s.ts - nav.ts) / 1000, dur: s.dur, kind: 'scan (snapshot + send)' });
        timeline.sort((a, b) => a.at - b.at);
      }
      const top = work.slices.reduce((a, b) => (b.dur > (a?.dur ?? -1) ? b : a), null);
      if (top) longest.push(top.dur);
      if (top && (!worst || top.dur > worst.dur)) worst = top;
      scans.push(...work.scans.map((s) => s.dur));
    } finally {
      await page.close();
    }
  }
  return { url, longest: describe(longest), worst, scan: describe(scans), timeline };
}

/**
 * Where a scan's time goes: a sampling CPU profile (50 µs) of the stress page of `n` controls
 * while `scans` scans are triggered, self time per function (content script functions and the
 * DOM/engine calls they make, which the profiler shows under their own names).
 */
export async function profileScans(context, n = 2000, scans = 3) {
  const page = await context.newPage();
  try {
    await page.goto(stressUrl(n));
    await page.waitForFunction((count) => document.querySelectorAll('input, textarea').length >= count, n, { timeout: 30000 });
    await sleep(settle(n));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    for (let i = 0; i < scans; i += 1) {
      await page.evaluate(touchTree);
      await sleep(settle(n));
    }
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);
    // Self time of every node under the content script's `send` or `continueScan` (the later
    // slices of a scan taken in slices), by function name.
    const underSend = (id) => {
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at).callFrame;
        if ((frame.functionName === 'send' || frame.functionName === 'continueScan') && frame.url.endsWith('/content.js')) return true;
      }
      return false;
    };
    const self = new Map();
    let total = 0;
    for (let i = 0; i < profile.samples.length; i += 1) {
      const id = profile.samples[i];
      if (!underSend(id)) continue;
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const frame = byId.get(id).callFrame;
      const name = `${frame.functionName || '(anonymous)'}${frame.url ? ` (${frame.url.split('/').pop()}:${frame.lineNumber + 1})` : ''}`;
      self.set(name, (self.get(name) || 0) + dt);
      total += dt;
    }
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)
      .map(([name, t]) => ({ name, ms: t / scans, share: t / total }));
    return { n, scans, perScanMs: total / scans, top, profile };
  } finally {
    await page.close();
  }
}
