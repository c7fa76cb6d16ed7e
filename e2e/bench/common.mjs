// Shared helpers of the benchmark: order statistics, the interleaving order, a browser launched
// on a private copy of the built extension, and a CDP session to the extension's service worker
// (Playwright opens CDP sessions to pages only). Nothing here reaches into the extension: it
// only observes it from the outside, like a profiler would.
import { chromium } from 'playwright-core';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, EXTENSION } from '../lib/harness.mjs';

/** The value below which `q` (0..1) of the samples lie, by nearest rank (p95 = q 0.95). */
export function quantile(samples, q) {
  const sorted = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export const median = (samples) => {
  const sorted = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const p95 = (samples) => quantile(samples, 0.95);

/**
 * Median, p95, mean, min, max and count of a list of samples. The mean is there for timings
 * near the clock's resolution: an extension page's `performance.now()` is coarsened to 0.1 ms
 * (with jitter, so an average over many calls is not), where a median of such values can only
 * be a multiple of 0.1 ms.
 */
export function describe(samples) {
  const finite = samples.filter((x) => Number.isFinite(x));
  return {
    n: samples.length,
    median: median(samples),
    mean: finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN,
    p95: p95(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/**
 * Round-robin order for interleaved runs: in round r the arms start at offset r, so no arm is
 * always first (first runs see colder caches) and slow drifts of the machine hit every arm alike.
 */
export function rotated(items, round) {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A CDP session to the extension's service worker, through a page's session in the
 * (non-flattened) `Target.sendMessageToTarget` mode. Returns `{ send, detach }` or null when
 * the worker is not running.
 */
export async function workerSession(context, extensionId) {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  if (!target) {
    await cdp.detach();
    return null;
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 0;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${message.error.message} (${JSON.stringify(message.error.data || '')})`));
    else waiter.resolve(message.result);
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    next += 1;
    pending.set(next, { resolve, reject });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: next, method, params }) }).catch(reject);
  });
  const detach = async () => {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    await cdp.detach().catch(() => {});
  };
  return { send, detach };
}

/**
 * Memory of the running service worker: its JS heap (`Runtime.getHeapUsage`) and the size of
 * every live `WebAssembly.Memory` in it (`Runtime.queryObjects`, the DevTools console's
 * `queryObjects(WebAssembly.Memory)`), i.e. the wasm linear memory.
 */
export async function workerMemory(context, extensionId) {
  const session = await workerSession(context, extensionId);
  if (!session) return null;
  try {
    await session.send('HeapProfiler.collectGarbage');
    const heap = await session.send('Runtime.getHeapUsage');
    const proto = await session.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const found = await session.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const sizes = await session.send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId,
      functionDeclaration: 'function () { return this.map((m) => m.buffer.byteLength); }',
      returnByValue: true,
    });
    return { jsHeapUsed: heap.usedSize, jsHeapTotal: heap.totalSize, wasmMemories: sizes.result.value };
  } finally {
    await session.detach();
  }
}

/** Formats a number of milliseconds for the table. */
export function ms(x) {
  if (!Number.isFinite(x)) return 'n/a';
  if (x < 1) return `${x.toFixed(3)} ms`;
  if (x < 10) return `${x.toFixed(2)} ms`;
  return `${x.toFixed(1)} ms`;
}

/** Formats a byte count. */
export function bytes(x) {
  if (!Number.isFinite(x)) return 'n/a';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (a >= 1024 * 1024) return `${sign}${(a / 1024 / 1024).toFixed(2)} MiB`;
  if (a >= 1024) return `${sign}${(a / 1024).toFixed(1)} KiB`;
  return `${sign}${a} B`;
}

/** Rejects when `promise` has not settled after `ms` (a hung browser call fails the run loudly). */
export function deadline(promise, ms, what) {
  let timer;
  const expiry = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/**
 * Copies dist/chrome to a private directory: the benchmark measures one build from start to
 * end even if `make dist` runs again meanwhile (it deletes and rewrites dist/chrome).
 */
export function copyExtension() {
  // OIN_BENCH_EXTENSION measures another build (e.g. a copy of main's, for a before/after).
  const source = process.env.OIN_BENCH_EXTENSION || EXTENSION;
  if (!existsSync(join(source, 'manifest.json'))) throw new Error(`${source} is missing: run \`make dist\` first.`);
  const dir = mkdtempSync(join(tmpdir(), 'oin-bench-ext-'));
  cpSync(source, dir, { recursive: true });
  return dir;
}

/**
 * Like the e2e harness's `launch`, with the extension loaded from `extensionDir` (or none):
 * the same Chromium, flags and host mapping to the replica.
 */
export async function launchBench(port, extensionDir = null) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'oin-bench-udd-'));
  const args = chromiumArgs(port, { extension: false });
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args,
  });
  let extensionId = null;
  if (extensionDir) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
    extensionId = new URL(worker.url()).host;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, extensionId, close };
}
