// End-to-end: a console page that comes back from the back/forward cache. Chrome closes an
// extension port when its page goes into the cache and does not always tell the content script;
// the page comes back with its script, its markers and a dead port. content.js drops the port on
// `pageshow` with `persisted` (a new one is opened by the next check), so typing works again at
// once. The console sends `Cache-Control: no-store`, which keeps pages out of the cache; the
// replica lifts it for a browser that asked with `?bfcache=1`, and this browser keeps the cache
// on (Playwright turns it off by default).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, ORG_A } from '../lib/harness.mjs';
import { open } from '../lib/walk.mjs';

let replica;
let browser;
const LIST = `https://${ORG_A}/admin/oin/integrations`;
const DRAFT = `https://${ORG_A}/admin/oin/integrations/acme_blueberry_1/edit/details?fixture=complete-saml`;
const REQUIRED = '[data-oin-finding][data-field="catalog.display_name"][data-rule="required"]';

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port, { backForwardCache: true });
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

test('a page back from the back/forward cache checks again as the user types', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${LIST}?bfcache=1`);
  await open(page, DRAFT);
  const name = page.getByLabel('Display name');
  await name.fill('');
  await hook(page, REQUIRED).waitFor({ timeout: 10000 });
  // A flag in the page's own world survives only if the page itself comes back.
  await page.evaluate(() => { window.keptByCache = true; });

  await page.goto(LIST);
  await hook(page, '[data-oin-row]').first().waitFor({ timeout: 10000 });
  // A page restored from the cache fires no load event: wait for the navigation to commit.
  await page.goBack({ waitUntil: 'commit' });
  assert.equal(await page.evaluate(() => window.keptByCache), true, 'the page came back from the back/forward cache');
  assert.equal(await hook(page, REQUIRED).count(), 1, 'its markers came back with it');

  // The next keystrokes are checked: the marker goes, and comes back when the field is emptied.
  await name.pressSequentially('Blueberry');
  await hook(page, REQUIRED).waitFor({ state: 'detached', timeout: 5000 });
  await name.fill('');
  await hook(page, REQUIRED).waitFor({ timeout: 5000 });
  await page.close();
});
