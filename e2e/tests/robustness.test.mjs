// End-to-end robustness: pages holding lone surrogates (or an emoji across one of the content
// script's length cuts) are still checked, and so are pages while chrome.storage is full.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, currentWorker, ORG_A } from '../lib/harness.mjs';
import { open } from '../lib/walk.mjs';

let replica;
let browser;
before(async () => { replica = await startReplica(); browser = await launch(replica.port); });
after(async () => { await browser?.close(); replica?.stop(); });

const URL_ = `https://${ORG_A}/admin/oin/integrations/acme_cranberry_1/edit/details?fixture=complete-saml`;
for (const [name, text] of [
  ['an emoji across the 300-character cut of a heading', 'A'.repeat(299) + '\u{1F600}'],
  ['a lone surrogate in page text', 'Broken \uD83D text'],
]) {
  test(`checks still run with ${name}`, async () => {
    const page = await browser.context.newPage();
    await open(page, URL_);
    await page.evaluate((t) => { const h = document.createElement('h2'); h.textContent = t; document.querySelector('main').append(h); }, text);
    await page.getByLabel('Display name').first().fill('');
    await hook(page, '[data-oin-finding][data-field="catalog.display_name"][data-rule="required"]').waitFor({ timeout: 5000 });
    await page.close();
  });
}

test('checks still paint when storage is full', async () => {
  const page = await browser.context.newPage();
  const url = `https://${ORG_A}/admin/oin/integrations/acme_cranberry_1/edit/details?fixture=defects`;
  await page.goto(url);
  await hook(page, '[data-oin-summary]').waitFor({ timeout: 10000 });
  const worker = await currentWorker(browser.context);
  await worker.evaluate(async () => {
    const used = await chrome.storage.local.getBytesInUse(null);
    await chrome.storage.local.set({ junk: 'x'.repeat(chrome.storage.local.QUOTA_BYTES - used - 2000) });
  });
  await page.goto(url.replace('details', 'configure'));
  await hook(page, '[data-oin-summary]').waitFor({ timeout: 6000 });
});
