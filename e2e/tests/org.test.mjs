// End-to-end: org identity and the original-submitter guard on the replica console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, currentWorker, storedRegistry, until, ORG_A, ORG_B } from '../lib/harness.mjs';

let replica;
let browser;
const ID = 'acme_strawberrycentral_1';
const LIST_A = `https://${ORG_A}/admin/oin/integrations`;
const DRAFT_B = `https://${ORG_B}/admin/oin/integrations/${ID}/edit?fixture=complete-saml`;

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

const registry = () => storedRegistry(browser.context);


test('visiting org A\'s list learns it as the submitter and its org id', async () => {
  const page = await browser.context.newPage();
  await page.goto(LIST_A);
  await hook(page, `[data-oin-row][data-integration="${ID}"][data-version="published"]`).waitFor({ timeout: 10000 });
  const reg = await until(async () => {
    const r = await registry();
    return r.orgs['integrator-1000001.okta.com']?.id ? r : null;
  }, 'the org id lookup');
  assert.equal(reg.orgs['integrator-1000001.okta.com'].id, '00o1000001AAAAAAAAA1');
  const claims = reg.integrations[ID].submitters;
  assert.equal(claims.length, 1);
  assert.equal(claims[0].org.host, 'integrator-1000001.okta.com');
  assert.equal(claims[0].how, 'list-page');
  assert.equal(await hook(page, '[data-oin-banner]').count(), 0, 'no banner on the submitter org');
  await page.close();
});

test('the draft opened in org B shows the org banner, and the submit guard lists it', async () => {
  const page = await browser.context.newPage();
  await page.goto(DRAFT_B);
  const banner = hook(page, '[data-oin-banner="org-mismatch"]');
  await banner.waitFor({ timeout: 10000 });
  const text = await banner.textContent();
  assert.match(text, /integrator-1000001\.okta\.com \(00o1000001AAAAAAAAA1\)/);
  assert.match(text, /integrator-2000002\.okta\.com/);
  assert.match(text, /same Integrator org that made the original submission/);
  assert.match(text, /developers@okta\.com/);
  assert.match(text, /ISV - App Migration/);
  const link = hook(page, '[data-action="open-submitter-org"]');
  assert.equal(await link.getAttribute('href'), `https://${ORG_A}/admin/oin/integrations/${ID}/edit?fixture=complete-saml`);

  await page.getByRole('button', { name: 'Submit for Review' }).click();
  const dialog = hook(page, '[data-oin-dialog="submit-guard"]');
  await dialog.waitFor({ timeout: 5000 });
  assert.equal(await hook(page, '[data-oin-dialog] [data-rule="org_mismatch"]').count(), 1);
  await hook(page, '[data-action="go-back"]').click();
  await dialog.waitFor({ state: 'detached' });

  const [opened] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
  await opened.waitForLoadState();
  assert.equal(new URL(opened.url()).host, ORG_A, 'open submitter org goes to org A\'s admin host');
  await opened.close();
  await page.close();
});

for (const [host, what] of [
  ['integrator-3000003', 'answers 429'],
  ['integrator-4000004', 'answers malformed JSON'],
  ['integrator-5000005', 'closes the connection'],
]) {
  test(`when the well-known endpoint ${what}, checks still work and the host stands in`, async () => {
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`https://${host}-admin.okta.com/admin/oin/integrations/acme_cranberry_1/edit/details?fixture=empty`);
    await hook(page, '[data-oin-finding][data-field="catalog.display_name"]').waitFor({ timeout: 10000 });
    assert.ok(Date.now() - started < 10000);
    const info = await until(async () => (await registry()).orgs[`${host}.okta.com`]?.failures ? (await registry()).orgs[`${host}.okta.com`] : null, 'the failed lookup');
    assert.equal(info.id, '', 'no id invented');
    assert.ok(info.retry_at > Date.now(), 'a retry is scheduled later (backoff)');
    await page.close();
  });
}

test('a new submission named like an integration of another org gets the org banner', async () => {
  const page = await browser.context.newPage();
  // The draft is created as "Build new OIN integration" does, without showing org B's list: the
  // replica's org B list also shows org A's published integration (a real list shows only the
  // org's own submissions), and reading it would record org B as a submitter too, a conflict
  // under which no org can be called the wrong one.
  await page.goto(`https://${ORG_B}/admin/dashboard`);
  const created = await page.evaluate(async () => (await fetch('/replica-api/integrations/new', { method: 'POST', credentials: 'same-origin' })).json());
  const id = created.id;
  await page.goto(`https://${ORG_B}/admin/oin/integrations/${id}/edit?tab=general`);
  await hook(page, '[data-oin-summary]').waitFor({ timeout: 10000 });
  assert.equal(await hook(page, '[data-oin-banner="org-mismatch"]').count(), 0, 'no banner before the name matches');
  await page.getByLabel('Display name').fill('Acme Strawberry Central');
  const banner = hook(page, '[data-oin-banner="org-mismatch"]');
  await banner.waitFor({ timeout: 5000 });
  assert.match(await banner.textContent(), /integrator-1000001\.okta\.com/);
  const item = hook(page, '[data-oin-summary] li[data-rule="org_mismatch"]');
  assert.match(await item.textContent(), /named “Acme Strawberry Central” was submitted from integrator-1000001\.okta\.com/);
  await page.close();
});

test('an admin signed in with a personal mail address is warned', async () => {
  const page = await browser.context.newPage();
  await page.goto(DRAFT_B);
  const item = hook(page, '[data-oin-summary] li[data-rule="personal_email"]');
  await item.waitFor({ timeout: 10000 });
  assert.match(await item.textContent(), /acme\.dev@gmail\.com/);
  assert.equal(await item.getAttribute('data-severity'), 'warning');
  await page.close();
});

test('the submitter map follows the user through chrome.storage.sync', async () => {
  const worker = await currentWorker(browser.context);
  const synced = await worker.evaluate(() => chrome.storage.sync.get(null));
  const claims = synced[`sub:${ID}`];
  assert.ok(Array.isArray(claims) && claims.some((c) => c.host === 'integrator-1000001.okta.com'), JSON.stringify(synced));
  // Another browser of the same user: nothing local, only what sync brings.
  await worker.evaluate(() => chrome.storage.local.clear());
  const page = await browser.context.newPage();
  await page.goto(DRAFT_B);
  await hook(page, '[data-oin-banner="org-mismatch"]').waitFor({ timeout: 10000 });
  await page.close();
});

test('a sync quota error keeps local as the truth and says so in the popup', async () => {
  const worker = await currentWorker(browser.context);
  // Another extension feature (or an old version) filled the sync area up to its quota.
  await worker.evaluate(async () => {
    // Greedy fill: big items, then smaller ones, until not even a few bytes fit.
    let size = 8150;
    for (let i = 0; i < 200 && size >= 4; i += 1) {
      try {
        await chrome.storage.sync.set({ [`other:${i}`]: 'x'.repeat(size) });
      } catch (_) {
        size = Math.floor(size / 2);
      }
    }
  });
  const page = await browser.context.newPage();
  await page.goto(`https://${ORG_A}/admin/oin/integrations`);
  await hook(page, '[data-oin-row]').first().waitFor({ timeout: 10000 });
  const popup = await browser.context.newPage();
  await page.bringToFront();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  // Pinning writes a claim, which sync refuses now.
  await popup.locator('[data-action="pin-submitter"]').first().click();
  await until(async () => /Chrome sync refused/.test(await popup.locator('[data-oin-notice]').textContent()), 'the sync notice');
  assert.match(await popup.locator('[data-oin-notice]').textContent(), /kept in this browser/);
  const reg = await storedRegistry(browser.context);
  assert.ok(Object.keys(reg.integrations).length > 0, 'local data is intact');
  await worker.evaluate(async () => chrome.storage.sync.remove([...Array(200).keys()].map((i) => `other:${i}`)));
  await popup.close();
  await page.close();
});

test('pinning org B in the popup makes it the submitter; org A then gets the banner', async () => {
  const page = await browser.context.newPage();
  await page.goto(DRAFT_B);
  await hook(page, '[data-oin-banner="org-mismatch"]').waitFor({ timeout: 10000 });
  const popup = await browser.context.newPage();
  await page.bringToFront();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const pin = popup.locator(`[data-oin-draft][data-integration="${ID}"][data-org="integrator-2000002.okta.com"] [data-action="pin-submitter"]`);
  await pin.click();
  await popup.locator(`[data-oin-draft][data-integration="${ID}"][data-submitter="integrator-2000002.okta.com"]`).first().waitFor();
  // Pinning org B again would change nothing: the button is no longer offered on its rows.
  await pin.waitFor({ state: 'detached' });
  assert.equal(await popup.locator(`[data-oin-draft][data-integration="${ID}"] [data-action="pin-submitter"]`).count(), 0);
  await popup.close();

  await page.reload();
  await hook(page, '[data-oin-summary]').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await hook(page, '[data-oin-banner]').count(), 0, 'org B is now the pinned submitter');
  const reg = await registry();
  const claims = reg.integrations[ID].submitters;
  assert.equal(claims.length, 2, 'the earlier claim is kept, not overwritten');
  assert.equal(claims.at(-1).how, 'pinned');

  const onA = await browser.context.newPage();
  await onA.goto(LIST_A);
  await hook(onA, `[data-oin-row][data-integration="${ID}"] ~ [data-oin-banner="org-mismatch"], [data-oin-banner="org-mismatch"]`).first().waitFor({ timeout: 10000 });
  await onA.close();
  await page.close();
});
