// End-to-end: the options page (turn rules off, change severity, stale days, sync, clear data).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, currentWorker, readRegistry } from '../lib/harness.mjs';
import { LAYOUTS, open } from '../lib/walk.mjs';

let replica;
let browser;

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

async function options() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await page.locator('tr[data-rule="required"]').waitFor();
  return page;
}

async function saved(page) {
  await page.locator('[data-oin-notice]').filter({ hasText: 'Saved' }).waitFor();
}

test('a rule turned off disappears and a re-graded rule changes severity', async () => {
  const page = await browser.context.newPage();
  const configure = LAYOUTS.wizard('acme_blueberry_1', 'defects')[2];
  await open(page, configure);
  await hook(page, '[data-oin-finding][data-rule="generic_mailbox"][data-severity="warning"]').waitFor();
  assert.ok(await hook(page, '[data-oin-finding][data-rule="phone"]').count() > 0);

  const settings = await options();
  // The menu says what keeping the rule's own severity means: the severity its marker showed.
  const own = settings.locator('tr[data-rule="generic_mailbox"] [data-action="severity"] option[value=""]');
  assert.equal(await own.textContent(), "Rule's own (Warning)");
  assert.equal(await settings.locator('tr[data-rule="phone"] [data-action="severity"] option[value=""]').textContent(), "Rule's own (Error)");
  await settings.locator('tr[data-rule="phone"] [data-action="toggle-rule"]').uncheck();
  await saved(settings);
  await settings.locator('tr[data-rule="generic_mailbox"] [data-action="severity"]').selectOption('error');
  await saved(settings);

  await open(page, configure);
  await hook(page, '[data-oin-finding][data-rule="generic_mailbox"][data-severity="error"]').waitFor();
  assert.equal(await hook(page, '[data-oin-finding][data-rule="phone"]').count(), 0, 'the rule is off');
  await settings.close();
  await page.close();
});

test('stale days and sync are saved; clearing data needs a confirmation and keeps settings', async () => {
  const page = await browser.context.newPage();
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'complete-saml')[1]);
  const settings = await options();
  await settings.locator('[data-setting="stale_days"]').fill('3');
  await settings.locator('[data-setting="stale_days"]').dispatchEvent('change');
  await saved(settings);
  await settings.locator('[data-setting="sync"]').uncheck();
  await saved(settings);
  const worker = await currentWorker(browser.context);
  const before = await worker.evaluate(readRegistry);
  assert.equal(before.settings.stale_days, 3);
  assert.equal(before.settings.sync, false);
  assert.ok(Object.keys(before.integrations).length > 0);

  await settings.locator('[data-action="clear"]').click();
  const confirm = settings.locator('[data-action="confirm-clear"]');
  assert.ok(await confirm.isVisible(), 'a confirmation is asked first');
  await confirm.click();
  await settings.locator('[data-oin-notice]').filter({ hasText: 'cleared' }).waitFor();
  const after = await worker.evaluate(readRegistry);
  assert.deepEqual(after.integrations, {});
  const left = await worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('integration:')));
  assert.deepEqual(left, [], 'every record is removed');
  assert.equal(after.settings.stale_days, 3, 'settings are kept');
  await settings.close();
  await page.close();
});
