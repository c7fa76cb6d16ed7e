// End-to-end: tracking in-progress versions across orgs, the popup resume board, what changed,
// the submissions API, export and import (issue 5, and the import half of issue 4).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, launch, hook, currentWorker, storedRegistry, until, ORG_A, ORG_B } from '../lib/harness.mjs';

let replica;
let browser;
const ID = 'acme_strawberrycentral_1';

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port, { acceptDownloads: true });
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

const registry = () => storedRegistry(browser.context);


async function openPopup(nextTo) {
  if (nextTo) await nextTo.bringToFront();
  const popup = await browser.context.newPage();
  // What the Copy buttons put on the clipboard, as written (headless has no clipboard to read).
  await popup.addInitScript(() => {
    window.copied = [];
    navigator.clipboard.writeText = async (text) => { window.copied.push(String(text)); };
  });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await popup.locator('[data-oin-current-org]').waitFor();
  return popup;
}

test('Update on the list creates an in-progress version that appears in the popup', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${ORG_B}/admin/oin/integrations`);
  await hook(page, `[data-oin-row][data-integration="${ID}"]`).first().waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Update' }).first().click();
  await page.waitForURL(/\/edit/);
  await hook(page, '[data-oin-summary]').waitFor({ timeout: 10000 });
  await page.goto(`https://${ORG_B}/admin/oin/integrations`);
  await hook(page, `[data-oin-row][data-integration="${ID}"][data-version="in-progress"]`).waitFor({ timeout: 10000 });
  const popup = await openPopup(page);
  const draft = popup.locator(`[data-oin-draft][data-integration="${ID}"][data-org="integrator-2000002.okta.com"]`);
  await draft.waitFor();
  assert.match(await draft.getAttribute('data-status'), /draft|in-progress/);
  // The list shows the app id under the name: the name is read alone, not glued to the id.
  assert.equal((await draft.locator('strong').textContent()).trim(), 'Acme Strawberry Central');
  const names = Object.values((await registry()).integrations).map((i) => i.name);
  assert.deepEqual(names.filter((n) => /central\s*acme_/i.test(n)), [], 'no name read with its id glued on');
  await popup.close();
  await page.close();
});

test('the submissions API org and the page-only org both end up tracked', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${ORG_A}/admin/oin/integrations`);
  await hook(page, '[data-oin-row]').first().waitFor({ timeout: 10000 });
  const reg = await until(async () => {
    const r = await registry();
    return r.orgs['integrator-1000001.okta.com']?.api === 'ok' && r.orgs['integrator-2000002.okta.com']?.api === 'refused' ? r : null;
  }, 'both orgs\' API outcomes');
  const blueberry = reg.integrations.acme_blueberry_1.drafts['integrator-1000001.okta.com'];
  assert.equal(blueberry.status, 'in-review');
  assert.ok(blueberry.complete > 0, 'completeness computed from the API for a draft never opened');
  assert.ok(reg.integrations[ID].drafts['integrator-2000002.okta.com'], 'the non-API org is tracked from pages');
  await page.close();
});

test('Resume opens the draft on its own org: a new tab when the current tab is another org', async () => {
  const onA = await browser.context.newPage();
  await onA.goto(`https://${ORG_A}/admin/oin/integrations`);
  await hook(onA, '[data-oin-row]').first().waitFor();
  const popup = await openPopup(onA);
  const resume = popup.locator(`[data-oin-draft][data-integration="${ID}"][data-org="integrator-2000002.okta.com"] [data-action="resume"]`);
  const [opened] = await Promise.all([browser.context.waitForEvent('page'), resume.click()]);
  await opened.waitForLoadState();
  const url = new URL(opened.url());
  assert.equal(url.host, ORG_B);
  assert.match(url.pathname, new RegExp(`/admin/oin/integrations/${ID}/edit`));
  await opened.close();
  await popup.close();
  await onA.close();
});

test('Resume without a known edit page opens the org\'s list and points at the row', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${ORG_A}/admin/oin/integrations`);
  await hook(page, '[data-oin-row][data-integration="acme_blueberry_1"]').first().waitFor();
  // A draft known only from the submissions API has no edit page: make Blueberry one.
  const worker = await currentWorker(browser.context);
  await worker.evaluate(async () => {
    const key = 'integration:acme_blueberry_1';
    const record = JSON.parse((await chrome.storage.local.get(key))[key]);
    record.drafts['integrator-1000001.okta.com'].edit_url = '';
    await chrome.storage.local.set({ [key]: JSON.stringify(record) });
  });
  await page.goto(`https://${ORG_A}/admin/dashboard`);
  const popup = await openPopup(page);
  await popup.locator('[data-oin-draft][data-integration="acme_blueberry_1"] [data-action="resume"]').click();
  await page.waitForURL(`https://${ORG_A}/admin/oin/integrations`);
  await hook(page, '[data-oin-row][data-integration="acme_blueberry_1"][data-highlight="true"]').first().waitFor({ timeout: 10000 });
  await popup.close();
  await page.close();
});

test('What changed shows a renamed tenant variable as breaking existing customers', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${ORG_A}/admin/oin/integrations/${ID}`);
  await page.getByRole('button', { name: 'Edit integration' }).waitFor({ timeout: 10000 });
  await until(async () => (await registry()).integrations[ID]?.published?.snapshot?.['tenant.variables'], 'the published snapshot');
  await page.getByRole('button', { name: 'Edit integration' }).click();
  await page.waitForURL(/\/edit/);
  await page.goto(`https://${ORG_A}/admin/oin/integrations/${ID}/edit/details`);
  await hook(page, '[data-oin-summary]').waitFor({ timeout: 10000 });
  const name = page.getByLabel('Name', { exact: true }).first();
  await name.fill('sub_domain');
  const warning = hook(page, '[data-oin-finding][data-field="tenant.variables"][data-rule="variable_removed"]');
  await warning.waitFor({ timeout: 5000 });
  assert.match(await warning.textContent(), /subdomain/);
  const popup = await openPopup(page);
  const changes = popup.locator(`[data-oin-draft][data-integration="${ID}"][data-org="integrator-1000001.okta.com"] [data-oin-changes]`);
  await changes.waitFor();
  // Opened as a user does: its lines are built when it first opens.
  await changes.locator('summary').click();
  await changes.locator('[data-oin-changes-body]').waitFor();
  const text = await changes.textContent();
  assert.match(text, /Tenant variable subdomain removed or renamed: breaks existing customers/);
  assert.match(text, /Tenant variable sub_domain added: empty on existing instances/);
  // Copy summary: the Markdown for the review notes; Copy report: built by the worker on demand.
  const row = popup.locator(`[data-oin-draft][data-integration="${ID}"][data-org="integrator-1000001.okta.com"]`);
  await row.locator('[data-action="copy-summary"]').click();
  await popup.locator('[data-oin-notice]').filter({ hasText: /copied/i }).waitFor();
  await row.locator('[data-action="copy-report"]').click();
  await until(async () => (await popup.evaluate(() => window.copied.length)) === 2, 'both copies');
  const [summary, report] = await popup.evaluate(() => window.copied);
  assert.match(summary, /subdomain/);
  assert.match(report, /^# OIN Helper report: /);
  assert.match(report.split('\n').find((l) => l.startsWith('- Integration:')) || '', new RegExp(ID));
  assert.match(report, /## Findings/);
  // Closed and opened again, it shows its lines once.
  await changes.locator('summary').click();
  await changes.locator('summary').click();
  assert.equal(await changes.locator('[data-oin-changes-body]').count(), 1);
  assert.equal(await changes.locator('li').filter({ hasText: 'sub_domain added' }).count(), 1);
  await popup.close();
  await page.close();
});

test('the search box filters the board', async () => {
  const popup = await openPopup();
  await popup.locator('[data-oin-search]').fill('blueberry');
  const visible = await popup.locator('[data-oin-draft]:not([hidden])').evaluateAll((els) => els.map((e) => e.dataset.integration));
  assert.deepEqual([...new Set(visible)], ['acme_blueberry_1']);
  await popup.close();
});

test('export downloads the registry and reports without secrets; import merges a teammate\'s file', async () => {
  const popup = await openPopup();
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('[data-action="export"]').click()]);
  const dir = mkdtempSync(join(tmpdir(), 'oin-export-'));
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8');
  const file = JSON.parse(text);
  assert.equal(file.format, 'oin-helper-export');
  assert.ok(file.registry.integrations[ID]);
  assert.ok(file.reports.length > 0);
  assert.doesNotMatch(text, /test_password|"password"\s*:\s*"[^"]/i, 'no password values');

  // A teammate's file: another integration and a claim from another org.
  file.registry.integrations.acme_teammate_1 = { id: 'acme_teammate_1', name: 'Teammate App', submitters: [{ org: { host: 'integrator-7777777.okta.com', id: '' }, how: 'list-page', at: 1 }], drafts: {} };
  file.registry.integrations[ID].submitters = [{ org: { host: 'integrator-7777777.okta.com', id: '' }, how: 'list-page', at: 1 }];
  const teammate = join(dir, 'teammate.json');
  writeFileSync(teammate, JSON.stringify(file));
  await popup.locator('[data-oin-import-file]').setInputFiles(teammate);
  const notice = popup.locator('[data-oin-notice]');
  await until(async () => /Imported/.test(await notice.textContent()), 'the import notice');
  assert.match(await notice.textContent(), /1 new integrations, 2 submitter claims/);
  await popup.locator(`[data-oin-draft][data-integration="${ID}"] [data-oin-conflict]`).first().waitFor();
  const reg = await registry();
  assert.ok(reg.integrations.acme_teammate_1, 'the teammate\'s integration is added');
  assert.ok(reg.integrations[ID].submitters.length >= 2, 'local claims kept, the imported one added');
  assert.equal(reg.integrations[ID].submitters.at(-1).how, 'imported');

  const huge = join(dir, 'huge.json');
  writeFileSync(huge, ' '.repeat(5 * 1024 * 1024));
  await popup.locator('[data-oin-import-file]').setInputFiles(huge);
  await until(async () => /under 5 MB/.test(await notice.textContent()), 'the refusal');
  await popup.close();
});
