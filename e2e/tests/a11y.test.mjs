// End-to-end accessibility: axe-core scans of the injected UI (markers, summary, guard dialog,
// banner) and of the popup, in light and dark colour schemes: no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startReplica, launch, hook, ORG_A, ORG_B } from '../lib/harness.mjs';
import { LAYOUTS, open } from '../lib/walk.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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

/** Runs axe (injected through the debugger protocol, which the page's CSP does not govern). */
async function scan(page, include) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async (selector) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  }, include);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const scheme of ['light', 'dark']) {
  test(`the injected UI has no serious accessibility violation (${scheme})`, async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await open(page, `https://${ORG_B}/admin/oin/integrations/acme_strawberrycentral_1/edit?tab=general&fixture=defects`);
    await hook(page, '[data-oin-finding]').first().waitFor();
    assert.deepEqual(await scan(page, 'oin-helper'), []);
    await page.getByRole('button', { name: 'Submit for Review' }).click();
    await hook(page, '[data-oin-dialog="submit-guard"]').waitFor();
    assert.deepEqual(await scan(page, 'oin-helper'), []);
    await page.close();
  });

  test(`the popup has no serious accessibility violation (${scheme})`, async () => {
    const page = await browser.context.newPage();
    await open(page, LAYOUTS.wizard('acme_blueberry_1', 'complete-saml')[1]);
    const popup = await browser.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await page.bringToFront();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
    await popup.locator('[data-oin-draft]').first().waitFor();
    assert.deepEqual(await scan(popup), []);
    await popup.close();
    await page.close();
  });
}

test('the options page has no serious accessibility violation', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await page.locator('tr[data-rule="required"]').waitFor();
  assert.deepEqual(await scan(page), []);
  await page.close();
});

test('the submit guard traps focus and gives it back', async () => {
  const page = await browser.context.newPage();
  await open(page, `https://${ORG_B}/admin/oin/integrations/acme_strawberrycentral_1/edit?tab=general&fixture=defects`);
  const submit = page.getByRole('button', { name: 'Submit for Review' });
  await submit.focus();
  await page.keyboard.press('Enter');
  await hook(page, '[data-oin-dialog="submit-guard"]').waitFor();
  const focused = () => page.evaluate(() => {
    const host = document.querySelector('oin-helper');
    return host && host.shadowRoot.activeElement ? host.shadowRoot.activeElement.dataset.action : null;
  });
  assert.equal(await focused(), 'go-back');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'submit-anyway');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'go-back', 'focus stays inside the dialog');
  await page.keyboard.press('Escape');
  await hook(page, '[data-oin-dialog]').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Submit for Review', 'focus returns to the button');
  await page.close();
});

test('markers are reachable by keyboard and never colour-only', async () => {
  const page = await browser.context.newPage();
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'defects')[1]);
  const marker = hook(page, '[data-oin-finding]').first();
  assert.equal(await marker.getAttribute('tabindex'), '0');
  const text = await marker.textContent();
  assert.ok(text.length > 10, 'the finding is in words');
  const severityWord = await hook(page, '[data-oin-summary] li .sev').first().textContent();
  assert.match(severityWord, /error|warning|info/);
  await page.close();
});
void ORG_A;

test('screen readers hear the summary count change through one live region', async () => {
  const page = await browser.context.newPage();
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'empty')[1]);
  const live = hook(page, '.live[role="status"][aria-live="polite"]');
  assert.equal(await live.count(), 1);
  const before = await live.textContent();
  await page.getByLabel('Display name').fill('Acme Blueberry Sync');
  await page.waitForFunction((text) => {
    const region = document.querySelector('oin-helper').shadowRoot.querySelector('.live');
    return region && region.textContent !== text;
  }, before);
  assert.match(await live.textContent(), /% complete/);
  assert.equal(await live.count(), 1, 'the same region, updated in place');
  await page.close();
});
