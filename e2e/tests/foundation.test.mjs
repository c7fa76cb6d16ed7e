// End-to-end: the real unpacked extension on the strict-CSP replica console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, watchErrors, killWorker, currentWorker, ORG_A, readRegistry } from '../lib/harness.mjs';

let replica;
let browser;
const DRAFT = `https://${ORG_A}/admin/oin/integrations/acme_strawberrycentral_1/edit/details?fixture=empty`;

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

const extensionErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

test('the replica page really sends a strict CSP without wasm-unsafe-eval', async () => {
  const page = await browser.context.newPage();
  const response = await page.goto(DRAFT);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /wasm-unsafe-eval/);
  await page.close();
});

test('an empty Display name gets a marker that disappears on the first keystroke', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(DRAFT);
  const marker = hook(page, '[data-oin-finding][data-field="catalog.display_name"][data-rule="required"]');
  await marker.waitFor({ timeout: 10000 });
  assert.equal(await marker.getAttribute('data-severity'), 'error');
  assert.equal(await marker.textContent(), 'Display name is required.');
  const summary = hook(page, '[data-oin-summary]');
  const before = Number(await summary.getAttribute('data-complete'));
  assert.ok(before < 100, `an empty draft is not complete (${before}%)`);

  await page.getByLabel('Display name').pressSequentially('A');
  await marker.waitFor({ state: 'detached', timeout: 2000 });
  assert.ok(Number(await summary.getAttribute('data-complete')) >= before, 'completeness did not drop');
  assert.deepEqual(extensionErrors(errors), []);
  await page.close();
});

test('the popup shows the signed-in org of the Okta tab', async () => {
  const page = await browser.context.newPage();
  await page.goto(DRAFT);
  await hook(page, '[data-oin-summary]').waitFor();
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const org = popup.locator('[data-oin-current-org]');
  await org.waitFor();
  assert.equal(await org.getAttribute('data-oin-current-org'), 'integrator-1000001.okta.com');
  assert.match(await org.textContent(), /integrator-1000001\.okta\.com/);
  const draft = popup.locator('[data-oin-draft][data-integration="acme_strawberrycentral_1"]');
  await draft.waitFor();
  assert.equal(await draft.getAttribute('data-org'), 'integrator-1000001.okta.com');
  await popup.close();
  await page.close();
});

test('a terminated service worker loses nothing and the next check still works', async () => {
  const page = await browser.context.newPage();
  await page.goto(DRAFT);
  await page.getByLabel('Display name').fill('Acme Strawberry Central');
  const summary = hook(page, '[data-oin-summary]');
  await hook(page, '[data-oin-finding][data-field="catalog.display_name"]').waitFor({ state: 'detached' });
  const worker = await currentWorker(browser.context);
  const storedBefore = { registry: await worker.evaluate(readRegistry) };
  assert.ok(storedBefore.registry.integrations.acme_strawberrycentral_1, 'the draft is stored');

  assert.ok(await killWorker(browser.context, browser.extensionId), 'the worker was found and stopped');
  await page.getByLabel('Display name').fill('');
  await hook(page, '[data-oin-finding][data-field="catalog.display_name"][data-rule="required"]').waitFor({ timeout: 10000 });
  assert.ok(Number(await summary.getAttribute('data-errors')) >= 1);

  const revived = await currentWorker(browser.context);
  const storedAfter = { registry: await revived.evaluate(readRegistry) };
  const integration = storedAfter.registry.integrations.acme_strawberrycentral_1;
  assert.ok(integration, 'nothing stored was lost');
  assert.ok(storedAfter.registry.revision > storedBefore.registry.revision, 'the revived worker kept writing');
  await page.close();
});

test('a check the worker was handling when it stopped still gets its marker, quietly', async () => {
  const page = await browser.context.newPage();
  const messages = [];
  page.on('console', (msg) => messages.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => messages.push(`pageerror: ${err}`));
  await page.goto(DRAFT);
  const marker = hook(page, '[data-oin-finding][data-field="catalog.display_name"][data-rule="required"]');
  await page.getByLabel('Display name').fill('Acme Strawberry Central');
  await marker.waitFor({ state: 'detached', timeout: 10000 });

  // The worker's storage reads are held back from now on, so the next check is still being
  // handled (the page waiting for its answer) when the worker is stopped under it. A write by
  // someone else (another integration's record) first makes the worker read storage afresh
  // on that check rather than check over the records it parsed.
  const worker = await currentWorker(browser.context);
  await worker.evaluate(async () => {
    const reported = new Promise((resolve) => chrome.storage.onChanged.addListener(resolve));
    await chrome.storage.local.set({ 'integration:acme_other_1': JSON.stringify({ id: 'acme_other_1', name: 'Other', drafts: {} }) });
    await reported;
    globalThis.heldCalls = 0;
    const area = chrome.storage.local;
    const get = area.get.bind(area);
    area.get = (...args) => {
      globalThis.heldCalls += 1;
      return new Promise((resolve) => setTimeout(() => resolve(get(...args)), 60000));
    };
  });
  await page.getByLabel('Display name').fill('');
  await worker.evaluate(() => new Promise((resolve) => {
    const poll = () => (globalThis.heldCalls > 0 ? resolve() : setTimeout(poll, 10));
    poll();
  }));
  assert.ok(await killWorker(browser.context, browser.extensionId), 'the worker was found and stopped');

  // A new worker (with the real storage) answers the check again: the marker comes back.
  await marker.waitFor({ timeout: 10000 });
  const noise = messages.filter((m) => /OIN Helper|lastError|Receiving end|port/i.test(m) || m.startsWith('error') || m.startsWith('pageerror'));
  assert.deepEqual(noise, [], 'the page console stays quiet');
  await page.close();
});

test('a page that is not an OIN page gets nothing painted and no console errors', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`https://${ORG_A}/admin/dashboard`);
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('oin-helper').count(), 0);
  assert.deepEqual(extensionErrors(errors), []);
  await page.close();
});
