// End-to-end: completeness and validity checks on every step of both tools (issue 3).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, currentWorker, ORG_A, ORG_B } from '../lib/harness.mjs';
import { LAYOUTS, open, walk, summaryOf, markers } from '../lib/walk.mjs';

let replica;
let browser;
let page;

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
  page = await browser.context.newPage();
});
after(async () => {
  await browser?.close();
  replica?.stop();
});
beforeEach(async () => {
  // Each scenario starts from an empty registry, as a new user would.
  const worker = await currentWorker(browser.context);
  await worker.evaluate(() => chrome.storage.local.clear());
});

const COMPLETE = [
  ['wizard', 'acme_blueberry_1', 'complete-saml'],
  ['wizard', 'acme_blueberry_1', 'complete-oidc'],
  ['wizard', 'acme_blueberry_1', 'complete-scim-oauth'],
  ['wizard', 'acme_blueberry_1', 'complete-scim-header'],
  ['wizard', 'acme_blueberry_1', 'complete-ul'],
  ['article', 'acme_strawberrycentral_1', 'complete-oidc'],
  ['article', 'acme_strawberrycentral_1', 'complete-scim-header'],
  ['manager', 'acme_kiwi_1', 'complete-saml'],
  ['manager', 'acme_kiwi_1', 'complete-scim-oauth'],
];

for (const [layout, id, fixture] of COMPLETE) {
  test(`${layout}: the ${fixture} draft has no error on any step and ends at 100%`, async () => {
    const steps = await walk(page, LAYOUTS[layout](id, fixture));
    for (const step of steps) {
      const errors = step.markers.filter((m) => m.severity === 'error' && !m.field.startsWith('submission.'));
      assert.deepEqual(errors, [], `no error marker on ${step.url}`);
    }
    const last = steps.at(-1).summary;
    assert.equal(last.complete, 100, `${fixture} is complete once every step was seen`);
    assert.equal(last.unknown, 0);
    assert.ok(steps[0].summary.complete < 100 || layout !== 'wizard', 'unseen steps are not counted as done');
  });
}

const SEEDED = [
  ['catalog.display_name', 'max_len'], ['catalog.description', 'max_len'], ['catalog.logo', 'logo_dims'],
  ['catalog.use_cases', 'max_count'], ['tenant.variables', 'var_name'], ['tenant.variables', 'unique'],
  ['tenant.variables', 'required'], ['support.escalation_email', 'generic_mailbox'],
  ['support.public_contact', 'https'], ['support.public_contact', 'phone'], ['saml.acs_url', 'https'],
  ['saml.additional_acs', 'unique'], ['saml.additional_acs', 'el_saml'], ['saml.additional_acs', 'index_range'],
  ['saml.entity_id', 'max_len'], ['saml.attribute_statements', 'el_attr'], ['saml.attribute_statements', 'required'],
  ['saml.config_guide_url', 'https'], ['oidc.redirect_uris', 'el_oidc'], ['oidc.redirect_uris', 'https'],
  ['oidc.redirect_uris', 'unique'], ['oidc.initiate_login_uri', 'https'], ['oidc.post_logout_uris', 'https'],
  ['oidc.config_guide_url', 'url'], ['scim.base_url', 'no_underscore'], ['scim.auth_mode', 'not_basic'],
  ['scim.user_ops', 'required_choice'], ['scim.group_ops', 'required_choice'], ['scim.config_guide_url', 'required'],
  ['ul.gtr_endpoint', 'https'], ['test.account_url', 'url'], ['test.username', 'isvtest_username'],
  ['test.password', 'required'], ['test.instructions', 'max_len'], ['test.sso_flows', 'required_choice'],
  ['test.jit', 'required_choice'], ['test.runscope_spec', 'required'], ['test.runscope_crud', 'url'],
];
const SEEDED_2 = [
  ['catalog.display_name', 'required'], ['catalog.logo', 'required'], ['support.escalation_email', 'email'],
  ['support.public_contact', 'one_of'], ['tenant.variables', 'max_count'], ['scim.oauth_endpoints', 'https'],
  ['scim.oauth_client', 'required'], ['test.sp_initiate_url', 'required'], ['test.sp_initiate_description', 'required'],
];

for (const [fixture, expected] of [['defects', SEEDED], ['defects-2', SEEDED_2]]) {
  test(`wizard: every seeded defect of ${fixture} is flagged on its field with its rule`, async () => {
    const steps = await walk(page, LAYOUTS.wizard('acme_blueberry_1', fixture));
    const seen = new Set(steps.flatMap((s) => s.markers.map((m) => `${m.field} ${m.rule}`)));
    const missing = expected.map(([f, r]) => `${f} ${r}`).filter((key) => !seen.has(key));
    assert.deepEqual(missing, [], 'every seeded defect has a marker');
    for (const step of steps) {
      for (const m of step.markers) assert.ok(m.text.length > 10 && !/^[a-z_]+$/.test(m.text), `a sentence, not a rule id: ${m.text}`);
    }
  });
}

test('the test step of a stale draft warns that tests are older than 48 hours', async () => {
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'defects')[3]);
  const items = await hook(page, '[data-oin-summary] li[data-rule="tests_stale"]').allTextContents();
  assert.equal(items.length, 1);
  assert.match(items[0], /48 hours/);
});

test('fixing a field clears its marker on the next keystroke, and markers survive re-rendering', async () => {
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'defects')[1]);
  const name = hook(page, '[data-oin-finding][data-field="catalog.display_name"][data-rule="max_len"]');
  await name.waitFor();
  const description = hook(page, '[data-oin-finding][data-field="catalog.description"]');
  await description.waitFor();
  const field = page.getByLabel('Display name');
  await field.fill('Acme Strawberry Central Enterprise Edition for Growers and Packe');
  await field.press('End');
  await field.press('Backspace'); // 63 characters now: one keystroke fixes it
  await name.waitFor({ state: 'detached', timeout: 2000 });
  // The page re-created the input's wrapper on every keystroke; the other markers stay.
  assert.equal(await description.count(), 1);
  const summary = await summaryOf(page);
  assert.ok(summary.errors >= 1);
});

test('a marker below a wide field takes one line and leaves the next field\'s label readable', async () => {
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'defects')[1]);
  const name = hook(page, '[data-oin-finding][data-field="catalog.display_name"][data-rule="max_len"]');
  await name.waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const field = await page.getByLabel('Display name').boundingBox();
  const mark = await name.boundingBox();
  // Description is labelled by aria-labelledby (the replica's labelling techniques vary).
  const label = await page.getByLabel('Description').evaluate((el) => {
    const { x, y, width, height } = document.getElementById(el.getAttribute('aria-labelledby')).getBoundingClientRect();
    return { x, y, width, height };
  });
  assert.ok(mark.y >= field.y + field.height - 1, `the marker is below the field (marker y=${mark.y})`);
  assert.ok(mark.height < 30, `one line: ${mark.height}px high`);
  const covers = mark.y < label.y + label.height && label.y < mark.y + mark.height
    && mark.x < label.x + label.width && label.x < mark.x + mark.width;
  assert.ok(!covers, `the marker (${JSON.stringify(mark)}) covers the Description label (${JSON.stringify(label)})`);
});

test('markers of a row stay in their column, never cover each other, and let the field under them be clicked and read', async () => {
  await open(page, LAYOUTS.article('acme_strawberrycentral_1', 'defects')[1]); // SAML: additional ACS URL rows
  await hook(page, '[data-oin-finding][data-field="saml.additional_acs"][data-rule="el_saml"]').waitFor();
  const frames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  await frames();
  const markers = hook(page, '[data-oin-finding]');
  const boxes = [];
  for (let i = 0; i < await markers.count(); i += 1) {
    const m = markers.nth(i);
    boxes.push({ name: `${await m.getAttribute('data-field')}/${await m.getAttribute('data-rule')}`, ...(await m.boundingBox()) });
  }
  const meet = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) assert.ok(!meet(boxes[i], boxes[j]), `${boxes[i].name} covers ${boxes[j].name}`);
  }
  // Row 2's ACS URL has its marker below it, not over the Index beside it.
  const indexes = page.getByLabel('Index', { exact: true });
  const url = boxes.find((b) => b.name === 'saml.additional_acs/el_saml');
  assert.ok(!meet(url, await indexes.nth(1).boundingBox()), 'the ACS URL marker covers the Index of its row');
  // Row 3's Index lies under row 2's Index marker: a click there reaches it, and the marker fades.
  const field = indexes.nth(2);
  const box = await field.boundingBox();
  const over = boxes.find((b) => b.name !== 'saml.additional_acs/index_range' && meet(b, box));
  assert.ok(over, 'the fixture no longer puts a marker over row 3\'s Index');
  const y = Math.max(box.y, over.y) + (Math.min(box.y + box.height, over.y + over.height) - Math.max(box.y, over.y)) / 2;
  const x = Math.max(box.x, over.x) + 10;
  await page.mouse.click(x, y);
  assert.equal(await field.evaluate((el) => el === document.activeElement), true, 'the click reached the field under the marker');
  await frames();
  const opacity = await hook(page, `[data-oin-finding][data-field="${over.name.split('/')[0]}"][data-rule="${over.name.split('/')[1]}"]`)
    .evaluate((el) => Number(getComputedStyle(el.parentElement).opacity));
  assert.ok(opacity < 0.5, `the marker over the focused field fades (opacity ${opacity})`);
});

test('a summary item jumps to its field and focuses it', async () => {
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'defects')[2]);
  await hook(page, '[data-oin-summary] li[data-field="ul.gtr_endpoint"] [data-action="jump"]').click();
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.value);
  assert.equal(focused, 'http://acme.example/api/global-token-revocation');
});

test('the submit guard holds Submit for Review while errors remain, and lets it through on submit anyway', async () => {
  await open(page, `https://${ORG_B}/admin/oin/integrations/acme_strawberrycentral_1/edit?tab=general&fixture=defects`);
  const clicks = () => page.evaluate(() => Number(document.documentElement.dataset.replicaSubmitClicks || 0));
  const submit = page.getByRole('button', { name: 'Submit for Review' });
  await submit.click();
  const dialog = hook(page, '[data-oin-dialog="submit-guard"]');
  await dialog.waitFor({ timeout: 5000 });
  assert.equal(await clicks(), 0, 'the click was held back');
  assert.ok(await hook(page, '[data-oin-dialog] li[data-severity="error"]').count() >= 5, 'blocking findings are listed');
  await hook(page, '[data-action="go-back"]').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await clicks(), 0, 'go back does not submit');

  await submit.click();
  await dialog.waitFor();
  await hook(page, '[data-action="submit-anyway"]').click();
  await page.waitForFunction(() => Number(document.documentElement.dataset.replicaSubmitClicks || 0) === 1);
  assert.equal(await clicks(), 1, 'submit anyway lets the original click through once');
});

test('a complete draft is not held back by the guard', async () => {
  await walk(page, LAYOUTS.wizard('acme_raspberry_1', 'complete-oidc').slice(0, 4));
  await open(page, LAYOUTS.wizard('acme_raspberry_1', 'complete-oidc')[4]);
  await page.getByLabel(/certify/i).check().catch(() => {});
  await page.getByRole('button', { name: 'Submit integration' }).click();
  await page.waitForTimeout(300);
  assert.equal(await hook(page, '[data-oin-dialog]').count(), 0);
  assert.ok(await page.evaluate(() => Number(document.documentElement.dataset.replicaSubmitClicks || 0)) >= 1);
});

test('the toolbar badge shows the tab\'s error count', async () => {
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'defects')[1]);
  const { errors } = await summaryOf(page);
  const badgeOf = async () => (await currentWorker(browser.context)).evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return chrome.action.getBadgeText({ tabId: tab.id });
  }, page.url());
  assert.equal(await badgeOf(), String(errors));
  assert.ok(errors > 0);
  // The browser clears a tab's badge when it loads a new document: the same count is shown
  // again on the reloaded page.
  await page.reload();
  await hook(page, '[data-oin-summary]').waitFor();
  assert.equal((await summaryOf(page)).errors, errors);
  await page.waitForTimeout(200);
  assert.equal(await badgeOf(), String(errors));
});

test('hostile page text is shown as text, never as HTML', async () => {
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'empty')[1]);
  const field = page.getByLabel('Display name');
  await field.fill('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'.repeat(2));
  await hook(page, '[data-oin-finding][data-field="catalog.display_name"][data-rule="max_len"]').waitFor();
  const text = await hook(page, '[data-oin-finding][data-field="catalog.display_name"]').textContent();
  assert.match(text, /characters/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await hook(page, 'img, script').count(), 0, 'nothing injected into the helper UI');
});

test('the diagnostics panel lists what was found on the page', async () => {
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'complete-saml')[1]);
  const diagnostics = hook(page, '[data-oin-diagnostics]');
  assert.equal(await diagnostics.evaluate((d) => d.open), false, 'collapsed by default');
  const text = await diagnostics.textContent();
  assert.match(text, /catalog\.display_name/);
  assert.match(text, /catalog\.description/);
});
void markers; void ORG_A;
