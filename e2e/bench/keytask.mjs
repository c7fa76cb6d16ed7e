// What the extension adds to the task of a key, outside `make bench`:
//   node e2e/bench/keytask.mjs [name=<unpacked extension dir> …]
// Opens the replica's Display name (wizard, details step) in a browser without the extension
// and in one browser per build given (default: dist/chrome), and times, keys interleaved
// across the browsers, what a key's `input` event costs the page's main thread: its dispatch
// (the content script's capture listener, then the page's own handlers, which re-render the
// field) and, separately, with the microtasks after it (the MutationObserver callbacks). A copy
// of dist/chrome with one part of content.js switched off tells that part's share.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, chromiumArgs, chromiumPath, hook, EXTENSION, ORG_A } from '../lib/harness.mjs';
import { describe } from './common.mjs';

const ms = (d) => `median ${d.median.toFixed(2)} ms, mean ${d.mean.toFixed(2)} ms, p95 ${d.p95.toFixed(2)} ms`;

const KEYS = Number(process.env.KEYS || 60);
const WARMUP = 5;
const URL_ = `https://${ORG_A}/admin/oin/integrations/acme_blueberry_1/edit/details?fixture=complete-saml`;
const given = process.argv.slice(2).map((arg) => arg.split('='));
const arms = [['without the extension', null], ...(given.length ? given : [['dist/chrome', EXTENSION]])]
  .map(([name, dir]) => ({ name, dir, page: null, dispatches: [], tasks: [] }));

// Runs in the page: one key's worth of `input` on Display name (the page re-creates the element
// on every key, so it is looked up each time), timed.
async function key() {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith('Display name'));
  const el = document.getElementById(label.htmlFor);
  el.value = el.value.length > 40 ? 'Acme' : `${el.value}x`;
  const t = performance.now();
  el.dispatchEvent(new Event('input', { bubbles: true }));
  const dispatch = performance.now() - t;
  await Promise.resolve(); // queued after the observers' callbacks, which the mutations queued
  return [dispatch, performance.now() - t];
}

const replica = await startReplica();
const open = [];
try {
  for (const arm of arms) {
    const { dir } = arm;
    const args = chromiumArgs(replica.port, { extension: false });
    if (dir) args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
    const profile = mkdtempSync(join(tmpdir(), 'oin-keytask-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(), headless: true, ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 }, args,
    });
    open.push({ context, profile });
    arm.page = await context.newPage();
    await arm.page.goto(URL_);
    await arm.page.getByLabel('Display name').waitFor();
    if (dir) await hook(arm.page, '[data-oin-summary]').waitFor({ timeout: 15000 });
  }
  for (let k = 0; k < WARMUP + KEYS; k += 1) {
    for (let a = 0; a < arms.length; a += 1) {
      const arm = arms[(a + k) % arms.length];
      const [dispatch, task] = await arm.page.evaluate(key);
      if (k >= WARMUP) { arm.dispatches.push(dispatch); arm.tasks.push(task); }
      // Long enough for the extension's check of the re-render to be answered: the next key
      // then finds its base fresh and sends an edit, as a typist's next key does.
      await new Promise((r) => setTimeout(r, 80));
    }
  }
  console.log(`${KEYS} keys per arm (the page's clock: 0.1 ms steps, hence the means)`);
  for (const { name, dispatches, tasks } of arms) {
    console.log(`${name}: dispatch ${ms(describe(dispatches))}; with the observers' callbacks ${ms(describe(tasks))}`);
  }
} finally {
  for (const { context, profile } of open) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  replica.stop();
}
