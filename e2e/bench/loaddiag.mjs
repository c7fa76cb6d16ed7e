// Diagnostics behind figure 4 (page-load overhead), not part of `make bench`: where the time
// between navigation and `loadEventEnd`, and the main-thread scripting of the measured window,
// goes with and without the extension. Three modes:
//
//   node e2e/bench/loaddiag.mjs trace [runs]     traced loads, extension vs none, interleaved:
//        per run, the tab's main-thread tasks before loadEventEnd and in the 1.2 s after it,
//        split into the extension's and the page's, and when content.js was evaluated.
//   node e2e/bench/loaddiag.mjs aa [runs] [armA] [armB]
//        figure 4's own measurement (untraced) between any two arms: `ext` (the extension),
//        `none` (no extension), `nomatch` (the extension installed, its content script matching
//        no page), `dir:<path>` (the build in <path>, e.g. two builds head to head): A/A and
//        "installed but not injected" runs tell the browser's noise and the
//        cost of an installed extension apart from the content script's.
//   node e2e/bench/loaddiag.mjs profile [runs]   a CPU profile (50 µs) of loads with the
//        extension: the content script's time per function, inclusive, and per native leaf.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, ORG_A } from '../lib/harness.mjs';
import { copyExtension, describe, launchBench, median, sleep } from './common.mjs';
import { summaryRecorder } from './load.mjs';

const URL_ = `https://${ORG_A}/admin/oin/integrations/acme_blueberry_1/edit/configure?fixture=defects`;
const SETTLE_MS = 1200;
const CATEGORIES = ['devtools.timeline', 'toplevel', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'extensions', 'loading', 'navigation', ...(process.env.MOJO ? ['mojom', 'ipc', 'toplevel.flow'] : [])];

async function launchArm(port, arm) {
  if (arm === 'none') return launchBench(port, null);
  // dir:<path>: a given build (e.g. main's and this branch's, head to head).
  if (arm.startsWith('dir:')) return launchBench(port, arm.slice(4));
  const dir = process.env.EXT_DIR || copyExtension();
  if (arm === 'nomatch') {
    // The same build, its content script matching a host no page here has.
    const dir2 = mkdtempSync(join(tmpdir(), 'oin-bench-nomatch-'));
    cpSync(dir, dir2, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir2, 'manifest.json'), 'utf8'));
    manifest.content_scripts[0].matches = ['https://*.example.invalid/*'];
    writeFileSync(join(dir2, 'manifest.json'), JSON.stringify(manifest));
    return launchBench(port, dir2);
  }
  return launchBench(port, dir);
}

async function plainRun(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    // In every arm alike (it is script in the page), so only head-to-head runs of two builds
    // should read `summary`.
    if (process.env.SUMMARY) await page.addInitScript(summaryRecorder);
    await cdp.send('Performance.enable');
    await page.goto(URL_, { waitUntil: 'load' });
    await page.waitForSelector('input', { timeout: 15000 });
    await sleep(SETTLE_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
    const summary = await page.evaluate(() => window.benchSummaryAt ?? NaN);
    return { load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd, resp: nav.responseEnd, script: m.ScriptDuration * 1000, task: m.TaskDuration * 1000, summary };
  } finally {
    await cdp.detach().catch(() => {});
    await page.close();
  }
}

async function tracedRun(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...event.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  let nav;
  try {
    await page.goto(URL_, { waitUntil: 'load' });
    await page.waitForSelector('input', { timeout: 15000 });
    await sleep(SETTLE_MS);
    nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => {});
    await page.close();
  }
  return { events, nav };
}

/** The page's main thread in a trace: the CrRendererMain thread that marked loadEventEnd for URL_. */
function analyse(events, nav) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  let main = null;
  for (const [key, list] of byThread) {
    if (names.get(key) !== 'CrRendererMain') continue;
    if (list.some((e) => e.name === 'loadEventEnd' && e.cat.includes('blink.user_timing'))) main = list;
  }
  if (!main) return null;
  main.sort((a, b) => a.ts - b.ts);
  const mark = (name) => main.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
  const navStart = mark('navigationStart')?.ts;
  const loadEnd = mark('loadEventEnd').ts;
  const rel = (ts) => (ts - navStart) / 1000;
  const tasks = main.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const inside = (t, e) => e.ts >= t.ts && e.ts <= t.ts + t.dur;
  const isExt = (e) => (e.args?.data?.url || '').startsWith('chrome-extension://')
    || e.name.startsWith('ScriptInjection') || e.name.includes('Extension') || e.cat.includes('extensions')
    || ((e.name === 'Receive mojo message' || e.name === 'Receive mojo reply') && String(e.args?.chrome_mojo_event_info?.mojo_interface_tag || '').startsWith('extensions.mojom'));
  const out = { before: { page: 0, ext: 0, extTasks: [] }, after: { page: 0, ext: 0, extTasks: [] }, evalAt: null, loadEventEnd: rel(loadEnd), navLoad: nav.loadEventEnd };
  const evalEv = main.find((e) => e.name === 'EvaluateScript' && (e.args?.data?.url || '').includes('content.js'));
  if (evalEv) out.evalAt = { at: rel(evalEv.ts), dur: evalEv.dur / 1000 };
  if (evalEv && process.env.DETAIL) {
    out.evalDetail = main.filter((e) => e !== evalEv && e.dur && inside(evalEv, e)).map((e) => `${e.name}${e.args?.data?.url ? `[${e.args.data.url.split('/').pop()}]` : ''} ${(e.dur / 1000).toFixed(2)}`);
    const inj = main.find((e) => e.name === 'ScriptInjection::InjectJs');
    if (inj) out.injDetail = main.filter((e) => e !== inj && e.dur > 50 && inside(inj, e)).map((e) => `${e.name} ${(e.dur / 1000).toFixed(2)}/${((e.tdur || 0) / 1000).toFixed(2)}`);
  }
  for (const t of tasks) {
    if (navStart === undefined || t.ts < navStart) continue;
    const phase = t.ts + t.dur <= loadEnd ? 'before' : t.ts <= loadEnd + SETTLE_MS * 1000 + 500000 ? 'after' : null;
    if (!phase) continue;
    const inner = [];
    for (const e of main) {
      if (e.ts > t.ts + t.dur) break;
      if (e !== t && inside(t, e)) inner.push(e);
    }
    const ext = inner.some(isExt);
    const ms = t.dur / 1000;
    if (ext) {
      out[phase].ext += ms;
      const top = inner.filter((e) => e.dur && !/RunTask|PerformMicrotaskCheckpoint/.test(e.name)).sort((a, b) => b.dur - a.dur).slice(0, 6)
        .map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''}${e.args?.data?.url ? `[${e.args.data.url.split('/').pop()}]` : ''} ${(e.dur / 1000).toFixed(2)}`);
      out[phase].extTasks.push({ at: rel(t.ts).toFixed(1), dur: ms.toFixed(2), cpu: ((t.tdur || 0) / 1000).toFixed(2), top });
    } else {
      out[phase].page += ms;
    }
  }
  // Main-thread time by kind in the window navigation → loadEventEnd + settle, summed over the
  // thread's top-level-ish events (self time not needed: these do not nest in one another).
  const kinds = { script: ['FunctionCall', 'EvaluateScript', 'RunMicrotasks', 'v8.compile'], style: ['UpdateLayoutTree'], layout: ['Layout'], paint: ['Paint', 'PrePaint', 'Layerize'], parse: ['ParseHTML'] };
  out.kinds = {};
  const end = loadEnd + SETTLE_MS * 1000 + 500000;
  for (const [k, ns] of Object.entries(kinds)) {
    let sum = 0;
    for (const e of main) if (e.ph === 'X' && ns.includes(e.name) && e.ts >= navStart && e.ts <= end) sum += e.dur / 1000;
    out.kinds[k] = Number(sum.toFixed(2));
  }
  out.extScript = Number(main.filter((e) => e.ph === 'X' && (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && (e.args?.data?.url || '').startsWith('chrome-extension://')).reduce((t, e) => t + e.dur / 1000, 0).toFixed(2));
  if (process.env.SYNC) {
    out.sync = main.filter((e) => /Sync|Bundle|i18n|I18n|Font/.test(e.name) && e.ts > navStart).map((e) => `${rel(e.ts).toFixed(1)} ${e.name} ${((e.dur || 0) / 1000).toFixed(2)} ${JSON.stringify(e.args || {}).slice(0, 160)}`);
  }
  if (process.env.LAYOUT) {
    out.layouts = main.filter((e) => e.ph === 'X' && (e.name === 'UpdateLayoutTree' || e.name === 'Layout') && e.ts > loadEnd - 5000 && e.ts < end && e.dur > 200)
      .map((e) => {
        const t = tasks.find((x) => inside(x, e));
        const inner = t ? main.filter((f) => f !== t && inside(t, f)) : [];
        const ours = inner.some(isExt) ? 'EXT' : 'page';
        const forced = main.some((f) => f.name === 'Blink.ForcedStyleAndLayout.UpdateTime' && inside(f, e)) ? 'forced' : 'frame';
        const a = e.name === 'Layout' ? `dirty ${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects}` : `elements ${e.args?.elementCount}`;
        return `${rel(e.ts).toFixed(1)} ${e.name} ${(e.dur / 1000).toFixed(2)} cpu ${((e.tdur || 0) / 1000).toFixed(2)} ${a} ${forced} ${ours}`;
      });
  }
  if (process.env.DETAIL) {
    out.detail = [];
    for (const t of tasks) {
      if (t.ts < loadEnd - 30000 || t.ts > end || t.dur < 300) continue;
      const inner = main.filter((e) => e !== t && e.dur && inside(t, e) && !/RunTask|PerformMicrotaskCheckpoint|ThreadController|AsyncTask|v8.callFunction|TimerBase|^Scheduler/.test(e.name)).sort((a, b) => b.dur - a.dur).slice(0, 7)
        .map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''}${e.args?.data?.url ? `[${e.args.data.url.split('/').pop()}]` : ''} ${(e.dur / 1000).toFixed(2)}`);
      out.detail.push(`${rel(t.ts).toFixed(1)} +${(t.dur / 1000).toFixed(2)} (cpu ${((t.tdur || 0) / 1000).toFixed(2)}): ${inner.join(', ')}`);
    }
  }
  // The same thread's gaps: how much of navigation → loadEventEnd the thread was busy at all.
  out.marks = Object.fromEntries(['fetchStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventEnd', 'loadEventStart', 'loadEventEnd']
    .map((n) => [n, mark(n) ? rel(mark(n).ts).toFixed(1) : null]));
  return out;
}

/** A CPU profile (50 µs) of one load with the extension: content.js time by function, inclusive. */
async function profiledRun(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  try {
    await page.goto(URL_, { waitUntil: 'load' });
    await page.waitForSelector('input', { timeout: 15000 });
    await sleep(SETTLE_MS);
  } finally {
    var { profile } = await cdp.send('Profiler.stop');
    await cdp.detach().catch(() => {});
    await page.close();
  }
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + (dt[i + 1] || 0) / 1000));
  // Inclusive time per content.js function (each function counted once per stack), and the
  // self time of what content.js called (native calls: DOM, layout, IPC) per category.
  const incl = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const names = new Set();
    let inOurs = false;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = nodes.get(at).callFrame;
      if (f.url.endsWith('content.js')) {
        inOurs = true;
        names.add(`${f.functionName || '(top)'}:${f.lineNumber + 1}`);
      }
    }
    if (inOurs) {
      total += ms;
      const leaf = nodes.get(id).callFrame;
      // The nearest content.js frame above the leaf: who called the native or builtin.
      let caller = '';
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const f = nodes.get(at).callFrame;
        if (f.url.endsWith('content.js')) { caller = f.functionName || '(top)'; break; }
      }
      const key = `  leaf ${leaf.functionName || '(anon)'}${leaf.url ? '' : ' [native]'} <- ${caller}`;
      incl.set(key, (incl.get(key) || 0) + ms);
    }
    for (const n of names) incl.set(n, (incl.get(n) || 0) + ms);
  }
  return { total, top: [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => `${k} ${v.toFixed(2)}`) };
}

async function main() {
  const [mode = 'trace', runsArg, armA = 'ext', armB = 'none'] = process.argv.slice(2);
  const runs = Number(runsArg || (mode === 'trace' ? 4 : 10));
  const replica = await startReplica();
  if (mode === 'profile') {
    const b = await launchArm(replica.port, 'ext');
    try {
      for (let r = 0; r < runs + 1; r += 1) {
        const p = await profiledRun(b.context);
        if (r > 0) console.log(`run ${r}: content.js total ${p.total.toFixed(2)} ms\n  ${p.top.join('\n  ')}`);
      }
    } finally {
      await b.close();
      replica.stop();
    }
    return;
  }
  const arms = mode === 'trace' ? ['ext', 'none'] : [armA, armB];
  const browsers = [];
  for (const arm of arms) browsers.push(await launchArm(replica.port, arm));
  console.log(`load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const results = arms.map(() => []);
  try {
    for (let r = 0; r < runs + 1; r += 1) {
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        if (mode === 'trace') {
          const { events, nav } = await tracedRun(browsers[i].context);
          const a = analyse(events, nav);
          if (r > 0) results[i].push(a);
          if (r > 0) console.log(`[${arms[i]}] run ${r}: ${JSON.stringify(a, null, 0)}`);
        } else {
          const x = await plainRun(browsers[i].context);
          if (r > 0) results[i].push(x);
        }
      }
    }
  } finally {
    for (const b of browsers) await b.close();
    replica.stop();
  }
  console.log(`load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const keys = mode === 'trace' ? ['loadEventEnd'] : ['load', 'dcl', 'resp', 'script', 'task', ...(process.env.SUMMARY ? ['summary'] : [])];
  for (const k of keys) {
    const pick = (i) => results[i].map((x) => (mode === 'trace' ? x[k] : x[k]));
    const [a, b] = [pick(0), pick(1)];
    const paired = median(a.map((x, i) => x / b[i]));
    console.log(`${k}: ${arms[0]} ${median(a).toFixed(2)} / ${arms[1]} ${median(b).toFixed(2)} = ${(median(a) / median(b)).toFixed(3)}, paired ${paired.toFixed(3)}  (${arms[0]} ${a.map((x) => x.toFixed(1)).join(' ')} | ${arms[1]} ${b.map((x) => x.toFixed(1)).join(' ')})`);
  }
  if (mode === 'trace') {
    for (let i = 0; i < 2; i += 1) {
      const s = (f) => median(results[i].map(f)).toFixed(2);
      const k = (name) => median(results[i].map((x) => x.kinds[name])).toFixed(2);
      console.log(`${arms[i]}: script ${k('script')} style ${k('style')} layout ${k('layout')} paint ${k('paint')} parse ${k('parse')}; content.js FunctionCall+Evaluate ${median(results[i].map((x) => x.extScript)).toFixed(2)}`);
      console.log(`${arms[i]}: before load page ${s((x) => x.before.page)} ext ${s((x) => x.before.ext)}; after load page ${s((x) => x.after.page)} ext ${s((x) => x.after.ext)}; content.js evaluated at ${s((x) => x.evalAt?.at ?? NaN)} ms for ${s((x) => x.evalAt?.dur ?? NaN)} ms`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
