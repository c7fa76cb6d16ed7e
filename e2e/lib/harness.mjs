// Test harness: starts the replica console (HTTPS on loopback, strict CSP) and Debian's Chromium
// with the real unpacked extension from dist/chrome, with the real Okta host names mapped to
// the replica. Nothing here knows the extension's internals beyond its public test hooks.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION = join(ROOT, 'dist', 'chrome');
export const ORG_A = 'integrator-1000001-admin.okta.com';
export const ORG_B = 'integrator-2000002-admin.okta.com';
export const MANAGER = 'oinmanager.okta.com';

export function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium not found: run `make setup` (installs Debian chromium).');
}

/** Starts the replica server; resolves once it prints its port. */
export function startReplica() {
  const certDir = join(ROOT, 'target', 'replica-certs');
  const child = spawn('python3', [join(ROOT, 'replica', 'server.py'), '--port', '0', '--cert-dir', certDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolvePort, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('replica did not start within 20 s')), 20000);
    child.on('exit', (code) => reject(new Error(`replica exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = buffer.match(/REPLICA_READY port=(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolvePort({ port: Number(match[1]), stop: () => child.kill() });
      }
    });
  });
}

/** Chromium flags shared by tests, the demo and the benchmark. */
export function chromiumArgs(port, { extension = true } = {}) {
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    `--host-resolver-rules=MAP *.okta.com 127.0.0.1:${port}, MAP * ~NOTFOUND`, '--ignore-certificate-errors',
  ];
  if (extension) args.push(`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`);
  // Extra flags for a diagnostic run (e.g. OIN_CHROMIUM_FLAGS=--disable-features=X), split on spaces.
  args.push(...(process.env.OIN_CHROMIUM_FLAGS || '').split(' ').filter(Boolean));
  return args;
}

/** Launches Chromium with the extension; returns the context, the worker and the extension id. */
export async function launch(port, { extension = true, headless = true, backForwardCache = false } = {}) {
  if (extension && !existsSync(join(EXTENSION, 'manifest.json'))) {
    throw new Error('dist/chrome is missing: run `make dist` first.');
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'oin-udd-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    args: chromiumArgs(port, { extension }),
    // Playwright turns the back/forward cache off by default; one test needs it, as users have it.
    ignoreDefaultArgs: backForwardCache ? ['--disable-back-forward-cache'] : [],
  });
  let worker = null;
  let extensionId = null;
  if (extension) {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
    extensionId = new URL(worker.url()).host;
  }
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, worker, extensionId, close };
}

/** The current worker (it may have been restarted since launch). */
export async function currentWorker(context) {
  return context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker', { timeout: 15000 });
}

/** Elements inside the extension's shadow root, by CSS selector (Playwright pierces open shadow roots). */
export function hook(page, selector) {
  return page.locator(`oin-helper >> css=${selector}`);
}

/** Collects console errors and page errors of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/** Stops the extension's service worker the way Chrome does when it idles, via CDP. */
export async function killWorker(context, extensionId) {
  const browser = context.browser();
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  if (!target) return false;
  await cdp.send('Target.closeTarget', { targetId: target.targetId });
  await cdp.detach();
  void browser;
  return true;
}

/**
 * Runs inside the worker (`worker.evaluate(readRegistry)`): the registry as stored (schema 2: the
 * core under `registry`, one `integration:<id>` key per integration, as JSON text), put back together as one
 * object with its `integrations`; undefined when nothing is stored.
 */
export async function readRegistry() {
  const all = await chrome.storage.local.get(null);
  // Values are stored as JSON text; older ones as objects.
  const read = (value) => (typeof value === 'string' ? JSON.parse(value) : value);
  const records = Object.entries(all).filter(([key]) => key.startsWith('integration:'));
  if (!all.registry && records.length === 0) return undefined;
  const registry = { ...(read(all.registry) || {}) };
  registry.integrations = { ...(registry.integrations || {}) };
  for (const [key, value] of records) registry.integrations[key.slice('integration:'.length)] = read(value);
  return registry;
}

/** The registry as the worker stored it (see `readRegistry`). */
export async function storedRegistry(context) {
  const worker = await currentWorker(context);
  return worker.evaluate(readRegistry);
}

/** Polls `predicate` until it returns something truthy, or fails naming `what`. */
export async function until(predicate, what, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 120));
  }
}
