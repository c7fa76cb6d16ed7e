// End-to-end: lifecycle. The extension is reloaded (from its worker, `chrome.runtime.reload()`,
// as an update or `chrome://extensions` → Reload does) while a console tab is open.
//
// What the product does (content.js): Chrome does not inject the new content script into tabs
// that are already open, so the old one is orphaned; it checks `chrome.runtime.id` before every
// use of the extension API, and on the next page event (an input, a DOM change) finds it gone,
// shuts down (listeners and observer removed) and removes its `<oin-helper>`. A new content script
// (after the page reloads or navigates) first removes any `<oin-helper>` left behind, then works
// with the new worker. Nowhere does an "Extension context invalidated" error reach the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, currentWorker, ORG_A } from '../lib/harness.mjs';
import { open, markers } from '../lib/walk.mjs';

let replica;
let browser;
const DRAFT = `https://${ORG_A}/admin/oin/integrations/acme_cranberry_1/edit/details?fixture=defects`;

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
  // An unpacked extension survives a reload only in Developer mode (as for anyone who used
  // "Load unpacked"; Chromium 156 otherwise disables it as an unsupported developer extension).
  const settings = await browser.context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(() => new Promise((resolve) => {
    chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve);
  }));
  await settings.close();
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

/** Reloads the extension from its worker and waits for the new worker. */
async function reloadExtension() {
  const old = await currentWorker(browser.context);
  const next = browser.context.waitForEvent('serviceworker', { timeout: 15000 });
  // The worker dies while answering: the evaluation itself may report the closed target.
  await old.evaluate(() => { setTimeout(() => chrome.runtime.reload(), 50); }).catch(() => {});
  const worker = await next;
  assert.notEqual(worker, old, 'a new service worker started');
  assert.equal(new URL(worker.url()).host, browser.extensionId, 'same extension id after the reload');
  return worker;
}

test('reloading the extension leaves open console tabs clean, and they work again after a reload', async () => {
  const page = await browser.context.newPage();
  const messages = [];
  page.on('console', (msg) => messages.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => messages.push(`pageerror: ${err}`));
  await open(page, DRAFT);
  const before = await markers(page);
  assert.ok(before.length > 0, 'the helper painted before the reload');

  await reloadExtension();
  await page.waitForTimeout(300);

  // The page keeps working; the orphaned content script shuts down on the next event.
  const name = page.getByLabel('Display name').first();
  await name.fill('Acme Cranberry after reload');
  await page.waitForFunction(() => document.querySelectorAll('oin-helper').length === 0, null, { timeout: 5000 });
  // A click on Submit is no longer held by a guard that cannot answer.
  await page.getByRole('button', { name: 'Next' }).first().click().catch(() => {});
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.querySelectorAll('oin-helper').length), 0, 'old UI removed, nothing new painted');

  // After the page reloads, the new content script paints again with the new worker.
  await open(page, DRAFT);
  const after = await markers(page);
  assert.deepEqual(after.map((m) => `${m.field} ${m.rule}`).sort(), before.map((m) => `${m.field} ${m.rule}`).sort());
  assert.equal(await page.evaluate(() => document.querySelectorAll('oin-helper').length), 1);
  await page.getByLabel('Display name').first().fill('');
  await hook(page, '[data-oin-finding][data-field="catalog.display_name"][data-rule="required"]').waitFor({ timeout: 5000 });

  const invalidated = messages.filter((m) => /context invalidated|Extension context|Receiving end does not exist/i.test(m));
  assert.deepEqual(invalidated, [], 'the page saw extension-context errors');
  assert.deepEqual(messages.filter((m) => m.startsWith('error') || m.startsWith('pageerror')), [], 'errors in the page console');
  await page.close();
});

test('a reload while a check is in flight: no error reaches the page', async () => {
  const page = await browser.context.newPage();
  const messages = [];
  page.on('console', (msg) => messages.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => messages.push(`pageerror: ${err}`));
  await open(page, DRAFT);
  const name = page.getByLabel('Display name').first();
  // Keystrokes keep checks going while the worker is replaced underneath them.
  const typing = (async () => {
    for (let i = 0; i < 20; i += 1) {
      await name.fill(`Acme ${i}`).catch(() => {});
      await page.waitForTimeout(25);
    }
  })();
  await reloadExtension();
  await typing;
  await page.waitForTimeout(500);
  await page.reload();
  await hook(page, '[data-oin-summary]').waitFor({ timeout: 10000 });
  const invalidated = messages.filter((m) => /context invalidated|Extension context|Receiving end does not exist/i.test(m));
  assert.deepEqual(invalidated, [], 'the page saw extension-context errors');
  assert.deepEqual(messages.filter((m) => m.startsWith('error') || m.startsWith('pageerror')), [], 'errors in the page console');
  await page.close();
});
