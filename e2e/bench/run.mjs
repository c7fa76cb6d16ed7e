// `make bench` (after `make dist` and `cargo bench --bench core`): measures OIN Helper in headless
// Chromium on the replica console and prints one table (figure, value, budget, holds?); writes
// it with every detail to target/bench/results.json and a timestamped copy beside it. See
// docs/BENCHMARKS.md for what each figure means and how it is measured.
//
//   node e2e/bench/run.mjs              the whole benchmark
//   node e2e/bench/run.mjs --only=growth,latency,load
//                                       only those parts (worker, latency, growth, load, size,
//                                       popup, native); the table has their rows only
//   node e2e/bench/run.mjs --fixtures   only re-capture benches/fixtures/forms.json (the real
//                                       snapshots the native benchmark runs on)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startReplica, currentWorker, ROOT, ORG_A } from '../lib/harness.mjs';
import { bytes, copyExtension, describe, launchBench, ms, workerMemory } from './common.mjs';
import { measureSize } from './size.mjs';
import { measureLoad } from './load.mjs';
import { measureDeferral, measureKeyFrames, measureLatency } from './latency.mjs';
import { openCapture, captureForms, captureEdits, captured, controlsOf, snapshotOf, payloadOf, replay, summarise, profileReplay, FORMS } from './worker.mjs';
import { measureGrowth, formLongest, profileScans, SIZES } from './growth.mjs';
import { seedRegistry, measurePopup, TRACKED } from './popup.mjs';

const OUT = join(ROOT, 'target', 'bench');
const KB = 1024;
const MB = 1024 * 1024;
// The largest real form: the wizard's "Configure your integration" step with all four
// protocols ticked (37 controls), and the seeded-defects draft (the most findings to paint).
const LARGEST_FORM = `https://${ORG_A}/admin/oin/integrations/acme_blueberry_1/edit/configure?fixture=defects`;

const rows = [];
/** One table row; `holds` is true/false against the budget, or null when there is no budget. */
function row(figure, value, budget = '—', holds = null) {
  rows.push({ figure, value, budget, holds });
}
const log = (text) => process.stderr.write(`bench: ${text}\n`);

// The parts of the benchmark, by figure: worker (1), latency (2), growth (3), load (4 and the
// tab's memory, 6), size (5), popup (7), native (8). `--only=a,b` runs just those.
const PARTS = ['worker', 'latency', 'growth', 'load', 'size', 'popup', 'native'];
function selectedParts(argv) {
  const arg = argv.find((a) => a.startsWith('--only='));
  if (!arg) return new Set(PARTS);
  const asked = arg.slice('--only='.length).split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = asked.filter((x) => !PARTS.includes(x));
  if (unknown.length || !asked.length) {
    throw new Error(`--only: unknown part(s) ${unknown.join(', ') || '(none given)'}; known: ${PARTS.join(', ')}`);
  }
  return new Set(asked);
}
const parts = selectedParts(process.argv);
const want = (part) => parts.has(part);

async function timed(label, body) {
  const start = Date.now();
  log(`${label}…`);
  const result = await body();
  log(`${label}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

async function registryBytes(context) {
  const worker = await currentWorker(context);
  return worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)).length);
}

async function chromiumVersion(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return product;
}

async function captureFixtures() {
  const replica = await startReplica();
  const extensionDir = copyExtension();
  const browser = await launchBench(replica.port, extensionDir);
  try {
    const capture = await openCapture(browser.context, browser.extensionId);
    const forms = await captureForms(browser.context, capture);
    const all = await captured(capture);
    const walks = ['wizard defects', 'manager complete-scim-oauth'].map((name) => {
      const form = FORMS.find((f) => `${f.tool} ${f.fixture}` === name);
      const steps = form.urls.map((url) => all.filter((m) => m.url === url && controlsOf(m.message)).at(-1))
        .filter(Boolean).map((m) => snapshotOf(m.message));
      return { name, steps };
    });
    const fixture = {
      note: 'Real PageSnapshots sent by extension/content.js on the replica console, captured by `node e2e/bench/run.mjs --fixtures`. forms: the largest step of each tool × protocol draft; walks: every step of two drafts, in order.',
      forms: forms.map((f) => ({ name: f.name, url: f.url, snapshot: snapshotOf(f.message) })),
      walks,
    };
    const path = join(ROOT, 'benches', 'fixtures', 'forms.json');
    mkdirSync(join(ROOT, 'benches', 'fixtures'), { recursive: true });
    writeFileSync(path, `${JSON.stringify(fixture)}\n`);
    log(`wrote ${path}`);
  } finally {
    await browser.close();
    replica.stop();
    rmSync(extensionDir, { recursive: true, force: true });
  }
}

function nativeFigures() {
  const path = join(OUT, 'native.json');
  if (!existsSync(path)) {
    row('8 native bench', 'not run (cargo bench --bench core writes target/bench/native.json)');
    return null;
  }
  const native = JSON.parse(readFileSync(path, 'utf8'));
  const get = (name) => native.benches.find((b) => b.name === name);
  const group = (prefix) => native.benches.filter((b) => b.name.startsWith(prefix));
  const us = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(1)} µs`);
  const worst = (list) => list.reduce((a, b) => (b.median_us > a.median_us ? b : a));
  for (const [prefix, label] of [['rules/', 'rule evaluation, whole draft'], ['map/', 'page mapping (recognise + map), full form'],
    ['handle/', 'handler::handle, full form'], ['worker_path/', 'worker path natively (JSON in → handle → JSON out)']]) {
    const list = group(prefix);
    if (!list.length) continue;
    const w = worst(list);
    row(`8 native: ${label}`, `median ${us(w.median_us)}, p95 ${us(w.p95_us)} (slowest: ${w.name.slice(prefix.length)})`);
  }
  const stress = SIZES.map((n) => get(`stress_map/${n}`)).filter(Boolean);
  if (stress.length) {
    row('8 native: page mapping, stress pages', stress.map((b) => `${b.name.split('/')[1]}: ${us(b.median_us)}`).join(', '));
  }
  return native;
}

/** Self time per category and call of a profileReplay, largest first. */
function perCall(prof) {
  return Object.fromEntries(Object.entries(prof.summary.categories).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / prof.times]));
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const started = new Date();
  const results = {
    started: started.toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavgAtStart: loadavg() },
  };

  // One build for the whole run (see copyExtension).
  const extensionDir = copyExtension();
  // 5. Size (no browser needed).
  const size = want('size') ? measureSize(extensionDir) : null;
  results.size = size;

  const replica = await startReplica();
  const withExt = await launchBench(replica.port, extensionDir);
  const without = want('load') ? await launchBench(replica.port, null) : null;
  const control = want('load') ? await launchBench(replica.port, null) : null;
  results.machine.chromium = await chromiumVersion(withExt.context);
  try {
    if (want('load')) {
      // 4 + 6 (tab). Fresh browsers, so the registry holds only what this page adds.
      results.load = await timed('page-load overhead (interleaved, with vs without the extension)', () => measureLoad(withExt.context, without.context, control.context, LARGEST_FORM));
      await without.close();
      await control.close();
      results.workerMemoryAfterLargestForm = await workerMemory(withExt.context, withExt.extensionId);
      results.load.registryBytes = await registryBytes(withExt.context);
    }

    if (want('latency')) {
      // 2. Typing.
      results.latency = await timed('input → marker latency', () => measureLatency(withExt.context));
      results.latency.deferral = await timed('tasks held after a key (plain page)', () => measureDeferral(withExt.context));
      const bare = await launchBench(replica.port, null);
      try {
        results.latency.keyFrameWithout = await timed('the key\'s frame without the extension', () => measureKeyFrames(bare.context));
      } finally {
        await bare.close();
      }
      results.latency.registryBytes = await registryBytes(withExt.context);
    }

    // The capture records every message the content script sends (figures 1, 3 and 7 use it).
    const capture = want('worker') || want('growth') || want('popup') ? await openCapture(withExt.context, withExt.extensionId) : null;
    let largest = null;
    if (want('worker')) {
      // 1. Worker check on captured messages.
      const forms = await timed('capturing the content script\'s messages on every form', () => captureForms(withExt.context, capture));
      const replayed = await timed('replaying them through processMessage', () => replay(capture, forms, { warmup: 3, rounds: 12 }));
      results.worker = summarise(forms, replayed);
      // A keystroke's check: its edit, replayed against its base (the full check before it).
      const edits = await timed('a keystroke on every form (its edit)', () => captureEdits(withExt.context, capture, forms));
      if (edits.length) {
        const replayedEdits = await timed('replaying the edits against their bases', () => replay(capture, edits, { warmup: 3, rounds: 12 }));
        const textLength = (m) => { const p = payloadOf(m); return typeof p === 'string' ? p.length : JSON.stringify(p).length; };
        results.worker.edit = {
          ...summarise(edits, replayedEdits),
          forms: edits.length,
          editBytes: describe(edits.map((e) => textLength(e.message))),
          fullBytes: describe(edits.map((e) => textLength(e.base.message))),
        };
      }
      largest = forms.reduce((a, b) => (b.controls > a.controls ? b : a));
      const prof = await timed('profiling processMessage', () => profileReplay(withExt.context, capture, largest, 150));
      writeFileSync(join(OUT, 'worker-check.cpuprofile'), JSON.stringify(prof.profile));
      results.worker.profile = { form: largest.name, perCallMs: prof.wall / prof.times, selfMsPerCall: perCall(prof), top: prof.summary.top.map(([k, v]) => [k, v / prof.times]) };
    }

    if (want('growth')) {
      // 3. Growth, then the worker's share on the same stress snapshots.
      const growthStart = (await captured(capture)).length;
      results.growth = await timed('stress pages (traced)', () => measureGrowth(withExt.context, withExt.extensionId));
      const stressMessages = (await captured(capture, growthStart)).filter((m) => m.url.includes('/replica/stress'));
      const perSize = SIZES.map((n) => stressMessages.filter((m) => m.url.endsWith(`n=${n}`) && controlsOf(m.message))
        .reduce((a, b) => (!a || controlsOf(b.message).length > controlsOf(a.message).length ? b : a), null));
      if (perSize.every(Boolean)) {
        const r = await timed('worker check of the stress snapshots', () => replay(capture, perSize, { warmup: 1, rounds: 4 }));
        results.growth.worker = SIZES.map((n, i) => ({ n, controls: controlsOf(perSize[i].message).length, check: describe(r.direct[i]), compute: describe(r.compute[i]) }));
      }
      results.growth.form = await timed('largest form (traced)', () => formLongest(withExt.context, withExt.extensionId, LARGEST_FORM));
      const scanProfile = await timed('profiling a 2,000-control scan', () => profileScans(withExt.context, 2000));
      writeFileSync(join(OUT, 'scan-2000.cpuprofile'), JSON.stringify(scanProfile.profile));
      results.growth.profile2000 = { perScanMsUnderProfiler: scanProfile.perScanMs, top: scanProfile.top };
    }

    if (want('popup')) {
      // 7. Popup with 200 tracked integrations (last: it makes the registry large).
      results.popupEmpty = await timed('popup first render, empty registry', async () => {
        const keep = await currentWorker(withExt.context).then((w) => w.evaluate(() => chrome.storage.local.get(null)));
        await currentWorker(withExt.context).then((w) => w.evaluate(() => chrome.storage.local.clear()));
        try {
          return await measurePopup(withExt.context, withExt.extensionId, { runs: 6, count: 0 });
        } finally {
          await currentWorker(withExt.context).then((w) => w.evaluate(async (items) => {
            await chrome.storage.local.clear();
            await chrome.storage.local.set(items);
          }, keep));
        }
      });
      if (!want('worker')) {
        // The 200 integrations are copies of one the benchmark's walks stored: walk the forms
        // when figure 1 did not (`--only=popup` starts from an empty registry).
        await timed('walking the forms (the template integration)', () => captureForms(withExt.context, capture));
      }
      results.popup = await timed('popup first render', async () => {
        const seededBytes = await seedRegistry(withExt.context, TRACKED);
        const measured = await measurePopup(withExt.context, withExt.extensionId);
        return { ...measured, registryBytes: seededBytes };
      });
      if (largest) {
        // The same largest-form check with that registry.
        const big = await timed(`worker check with ${TRACKED} integrations`, () => replay(capture, [largest], { warmup: 2, rounds: 10, roundTrips: false }));
        results.worker.with200 = { registryBytes: results.popup.registryBytes, check: describe(big.direct[0]), compute: describe(big.compute[0]), storage: describe(big.storage[0]) };
        const bigProf = await timed(`profiling it`, () => profileReplay(withExt.context, capture, largest, 2));
        writeFileSync(join(OUT, 'worker-check-200.cpuprofile'), JSON.stringify(bigProf.profile));
        results.worker.with200.profile = { perCallMs: bigProf.wall / bigProf.times, selfMsPerCall: perCall(bigProf) };
      }
      results.workerMemoryWith200 = await workerMemory(withExt.context, withExt.extensionId);
    }
  } finally {
    await withExt.close();
    if (without) await without.close();
    if (control) await control.close();
    replica.stop();
    rmSync(extensionDir, { recursive: true, force: true });
  }
  results.machine.loadavgAtEnd = loadavg();

  // ---------------------------------------------------------------- table
  if (want('worker')) {
    const w = results.worker;
    row('1 worker check, full form: processMessage until answered (real chrome.storage)',
      `median ${ms(w.worstMedian.check.median)} (slowest form: ${w.worstMedian.name}; mean ${ms(w.worstMedian.check.mean)}); all forms: median ${ms(w.pooled.median)}, mean ${ms(w.pooled.mean)}, p95 ${ms(w.pooled.p95)}`,
      '< 0.5 ms median', w.worstMedian.check.median < 0.5);
    row('1 worker check, storage in memory (wasm + glue, no IPC)',
      `median ${ms(w.compute.median)}, mean ${ms(w.compute.mean)}, p95 ${ms(w.compute.p95)}`, '< 0.5 ms median', w.compute.median < 0.5);
    row('1 until the write is issued (the worker\'s whole turn; real storage / in memory)',
      `median ${ms(w.issued.median)} / ${ms(w.computeIssued.median)}, p95 ${ms(w.issued.p95)} / ${ms(w.computeIssued.p95)}`);
    row('1 until the browser confirmed its write (the next check waits for it)',
      `median ${ms(w.confirmed.median)}, p95 ${ms(w.confirmed.p95)}`);
    row('1 awaiting chrome.storage (local + sync, IPC), answered or not',
      `median ${ms(w.storage.median)}, p95 ${ms(w.storage.p95)} per check (registry ${bytes(w.registryBytes)})`);
    row(`1 content script → worker round trip (${w.wire})`, `median ${ms(w.roundTrip.median)}, p95 ${ms(w.roundTrip.p95)}`);
    if (w.edit) {
      const e = w.edit;
      row('1 worker check, a keystroke\'s edit replayed against its base: processMessage until answered (real chrome.storage)',
        `median ${ms(e.worstMedian.check.median)} (slowest form: ${e.worstMedian.name}; mean ${ms(e.worstMedian.check.mean)}); all ${e.forms} forms: median ${ms(e.pooled.median)}, mean ${ms(e.pooled.mean)}, p95 ${ms(e.pooled.p95)}; in memory median ${ms(e.compute.median)}, mean ${ms(e.compute.mean)}, p95 ${ms(e.compute.p95)}; until the write is issued ${ms(e.issued.median)} / ${ms(e.computeIssued.median)}; round trip median ${ms(e.roundTrip.median)}; message ${bytes(e.editBytes.median)} (its base ${bytes(e.fullBytes.median)}, medians)`,
        '< 0.5 ms median', e.worstMedian.check.median < 0.5);
    }
    if (w.with200) {
      row(`1 worker check with ${TRACKED} tracked integrations`,
        `median ${ms(w.with200.check.median)} (storage ${ms(w.with200.storage.median)}, in memory ${ms(w.with200.compute.median)}; registry ${bytes(w.with200.registryBytes)})`, '< 0.5 ms median', w.with200.check.median < 0.5);
    }
  }

  if (want('latency')) {
    const l = results.latency;
    row('2 input → marker in the DOM (typing)', `p95 ${ms(l.dom.p95)}, median ${ms(l.dom.median)} (${l.dom.n} keys, ${l.timeouts} lost)`, '< 16 ms p95', l.dom.p95 < 16 && l.timeouts === 0);
    row('2 input → next frame after the marker', `p95 ${ms(l.frame.p95)}, median ${ms(l.frame.median)}`, '< 16 ms p95', l.frame.p95 < 16 && l.timeouts === 0);
    row('2 input → the key\'s own frame begins (the page\'s work; a floor)', `p95 ${ms(l.keyFrame.p95)}, median ${ms(l.keyFrame.median)}; marker in the DOM after it by median ${ms(l.afterKeyFrame.median)}, p95 ${ms(l.afterKeyFrame.p95)}; markers before it: ${l.beforeKeyFrame}/${l.dom.n}`);
    row('2 input → the key\'s own frame begins, same page without the extension', `p95 ${ms(l.keyFrameWithout.p95)}, median ${ms(l.keyFrameWithout.median)}`);
    const d = l.deferral;
    row('2 why: a message posted in an input listener, plain page', `ran after the next frame ${d.afterFrame}/${d.n} times; delay median ${ms(d.delay.median)}, p95 ${ms(d.delay.p95)}`);
  }

  if (want('growth')) {
    const g = results.growth;
    for (const s of g.sizes) {
      const budget = s.n === 2000 ? '< 50 ms per scan' : '—';
      row(`3 scan, stress page n=${s.n}`, `median ${ms(s.scan.median)}, p95 ${ms(s.scan.p95)} (${s.scan.n} scans; CPU median ${ms(s.scanCpu.median)})`, budget, s.n === 2000 ? s.scan.median < 50 : null);
    }
    const growthOk = g.steps.every((s) => s.normalised <= 1.1);
    row('3 growth: (time ratio)/(size ratio) per step', `${g.steps.map((s) => `${s.from}→${s.to}: ${s.normalised.toFixed(2)}`).join(', ')}; log-log slope ${g.exponent.toFixed(2)}`,
      '≤ 1 (linear; +10% noise)', growthOk);
    if (g.worker) {
      row('3 worker check, stress pages', g.worker.map((x) => `n=${x.n}: ${ms(x.check.median)}`).join(', '));
    }
    row('3 longest main-thread task caused by the extension, largest form', `${ms(g.form.longest.max)} (median over loads ${ms(g.form.longest.median)})`, '≤ 50 ms', g.form.longest.max <= 50);
    for (const s of g.sizes) {
      row(`3 longest main-thread task caused by the extension, n=${s.n}`, s.longest ? `${ms(s.longest.dur)} (${s.longest.kind}; longest in CPU time ${ms(s.longestCpu)})` : 'n/a', '≤ 50 ms', s.longest ? s.longest.dur <= 50 : null);
    }
  }

  if (want('load')) {
    const ld = results.load;
    // Beside each ratio of medians: the median of per-round ratios, and the same two figures
    // for the A/A control (a second browser without the extension), the noise floor.
    const extra = (x) => `paired ${x.paired.toFixed(3)}; A/A control ${x.controlRatio.toFixed(3)}, paired ${x.controlPaired.toFixed(3)}`;
    row('4 page load (loadEventEnd) with / without', `ratio ${ld.load.ratio.toFixed(3)} (${ms(ld.load.with.median)} / ${ms(ld.load.without.median)}, ${ld.runs} runs each; ${extra(ld.load)})`, '< 1.05', ld.load.ratio < 1.05);
    row('4 main-thread scripting (ScriptDuration) with / without', `ratio ${ld.script.ratio.toFixed(3)} (${ms(ld.script.with.median)} / ${ms(ld.script.without.median)}; ${extra(ld.script)})`, '< 1.05', ld.script.ratio < 1.05);
    row('4 main-thread tasks (TaskDuration) with / without', `ratio ${ld.task.ratio.toFixed(3)} (${ms(ld.task.with.median)} / ${ms(ld.task.without.median)}; ${extra(ld.task)})`, '< 1.05', ld.task.ratio < 1.05);
    row('4 navigation → summary painted (largest form)', `median ${ms(ld.toSummary.median)}, p95 ${ms(ld.toSummary.p95)}`);
  }

  if (want('size')) {
    row('5 wasm raw', `${bytes(size.wasm.raw)} (${size.wasm.raw} B)`, '< 150 KiB', size.wasm.raw < 150 * KB);
    row('5 wasm gzipped', `${bytes(size.wasm.gzip)} (${size.wasm.gzip} B)`, '< 60 KiB', size.wasm.gzip < 60 * KB);
    row('5 zips in dist/, total', `${bytes(size.zipTotal)} (${size.zips.map((z) => `${z.file.replace('dist/', '')} ${bytes(z.bytes)}`).join(', ')})`);
  }

  if (want('load')) {
    const heap = results.load.heap;
    row('6 tab JS heap added (with − without, after GC)', `${bytes(heap.added)} (${bytes(heap.with.median)} vs ${bytes(heap.without.median)})`, '< 3 MiB', heap.added < 3 * MB);
  }
  const wm = results.workerMemoryAfterLargestForm;
  if (wm) row('6 worker: wasm linear memory / JS heap, after the largest form', `${wm.wasmMemories.map(bytes).join(' + ')} / ${bytes(wm.jsHeapUsed)}`);
  const wm2 = results.workerMemoryWith200;
  if (wm2) row(`6 worker: wasm linear memory / JS heap, ${TRACKED} integrations`, `${wm2.wasmMemories.map(bytes).join(' + ')} / ${bytes(wm2.jsHeapUsed)}`);

  if (want('popup')) {
    const p = results.popup;
    row(`7 popup first render, ${TRACKED} integrations: the popup's own time (its script starts → 200th row in the DOM)`, `median ${ms(p.own.median)}, p95 ${ms(p.own.p95)}`, '< 50 ms', p.own.median < 50);
    row(`7 popup first render, ${TRACKED} integrations, since navigation start`, `median ${ms(p.dom.median)}, p95 ${ms(p.dom.p95)} (cold first open, which splits a schema-1 registry of ${bytes(p.registryBytes)}: ${ms(p.cold.dom)})`);
    row('7 popup first render, empty registry, since navigation start (fixed cost)', `median ${ms(results.popupEmpty.dom.median)}, p95 ${ms(results.popupEmpty.dom.p95)}; own time ${ms(results.popupEmpty.own.median)}`);
    for (const [label, b] of [[`${TRACKED} integrations`, p.breakdown], ['empty registry', results.popupEmpty.breakdown]]) {
      row(`7 popup breakdown, ${label} (medians)`, `HTML parsed ${ms(b.htmlParsed)}, popup script starts ${ms(b.scriptStart)}, WebAssembly.instantiate called ${ms(b.untilWasmStarts)} and took ${ms(b.wasmInstantiate)}, tabs.query ${ms(b.tabsQuery)}, storage.local.get (the index) ${ms(b.indexRead)}, worker round trip ${ms(b.workerRoundTrip)}, render after ${ms(b.afterLastCall)}; after the script started, ready: wasm ${ms(b.wasmReady)}, index ${ms(b.indexReady)}, tabs ${ms(b.tabsReady)}`);
    }
  }

  if (want('native')) results.native = nativeFigures();
  results.table = rows;
  results.finished = new Date().toISOString();

  const stamp = started.toISOString().replace(/[:.]/g, '-');
  // A partial run (--only) keeps its own file and leaves results.json to the last whole run.
  const partial = parts.size < PARTS.length;
  results.parts = [...parts];
  const file = partial ? `results-partial-${stamp}.json` : `results-${stamp}.json`;
  if (!partial) writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(join(OUT, file), `${JSON.stringify(results, null, 1)}\n`);
  printTable(rows);
  console.log(`\nDetails: target/bench/${partial ? file : `results.json (and ${file})`}; profiles: target/bench/*.cpuprofile`);
}

function printTable(list) {
  const cells = list.map((r) => [r.figure, r.value, r.budget, r.holds === null ? '—' : r.holds ? 'yes' : 'NO']);
  const head = ['figure', 'value', 'budget', 'holds?'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(width[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${width.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

if (process.argv.includes('--fixtures')) {
  await captureFixtures();
} else {
  await main();
}
