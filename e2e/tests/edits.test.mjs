// End-to-end: a keystroke's check goes as an edit of the last full snapshot (content.js
// `editOf`, the worker's `delta::Bases`): only the state of the controls and buttons that
// changed. Its markers must be what a full check would give, whatever the page did that the
// content script's observer cannot see. The replica re-renders a field after each input (a tree
// change, which makes the next check a full one), so these pages are kept quiet: the page's own
// input handlers are stopped after the content script's, and every key is then checked as an
// edit only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, killWorker, currentWorker, until, ORG_A } from '../lib/harness.mjs';
import { open } from '../lib/walk.mjs';

const DETAILS = `https://${ORG_A}/admin/oin/integrations/acme_strawberrycentral_1/edit/details?fixture=empty`;
const CONFIGURE = `https://${ORG_A}/admin/oin/integrations/acme_blueberry_1/edit/configure?fixture=complete-saml`;
const finding = (field, rule) => `[data-oin-finding][data-field="${field}"][data-rule="${rule}"]`;
const NAME_REQUIRED = finding('catalog.display_name', 'required');
const NAME_TOO_LONG = finding('catalog.display_name', 'max_len');
const DESCRIPTION_REQUIRED = finding('catalog.description', 'required');

let replica;
let browser;

// In the worker: keeps every check a tab sends on a port, parsed. Installed in every worker
// before a page connects to it.
function record() {
  if (self.sentChecks) return;
  self.sentChecks = [];
  chrome.runtime.onConnect.addListener((port) => port.onMessage.addListener((m) => {
    if (m && typeof m.text === 'string') self.sentChecks.push(JSON.parse(m.text));
  }));
}
const sent = async () => (await currentWorker(browser.context)).evaluate(() => (self.sentChecks || []).slice());

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

/** Opens `url` and stops the page's own input handling (its re-render) after the content script's. */
async function quietPage(url) {
  await (await currentWorker(browser.context)).evaluate(record);
  const page = await browser.context.newPage();
  await open(page, url);
  await page.evaluate(() => {
    for (const type of ['input', 'change']) document.addEventListener(type, (event) => event.stopPropagation(), true);
  });
  return page;
}

/** Waits until the markers matching `selector` number `count`, and stay so a moment. */
async function settled(page, selector, count, what) {
  const markers = hook(page, selector);
  await until(async () => (await markers.count()) === count, what, 5000);
  await page.waitForTimeout(150);
  assert.equal(await markers.count(), count, what);
}

test('typing sends edits, and the markers are right after each key', async () => {
  const page = await quietPage(DETAILS);
  await settled(page, NAME_REQUIRED, 1, 'an empty name is marked');
  const field = page.getByLabel('Display name');
  await field.click();
  const from = (await sent()).length;
  const long = 'Acme Strawberry Central Enterprise Edition for Growers and Packe'; // 64: the limit
  const steps = [
    ['A', 'A'], ['Backspace', ''], ['b', 'b'], ['c', 'bc'], ['Backspace', 'b'], ['Backspace', ''],
    [long, long], ['x', `${long}x`], ['Backspace', long],
  ];
  for (const [key, value] of steps) {
    if (key.length > 1 && key !== 'Backspace') await field.fill(key);
    else await field.press(key);
    await settled(page, NAME_REQUIRED, value ? 0 : 1, `required after ${JSON.stringify(value)}`);
    await settled(page, NAME_TOO_LONG, value.length > 64 ? 1 : 0, `max_len after ${JSON.stringify(value)}`);
  }
  const checks = (await sent()).slice(from);
  assert.ok(checks.length >= steps.length, `a check per key (${checks.length})`);
  assert.deepEqual(checks.filter((m) => m.kind !== 'edit').map((m) => m.kind), [], 'every key was sent as an edit');
  const typed = checks.map((m) => m.controls.map((c) => c.value || '')).flat();
  for (const [, value] of steps) assert.ok(typed.includes(value), `the edits carry ${JSON.stringify(value)}`);
  // Only what changed: each edit names the one field typed into.
  for (const edit of checks) assert.ok(edit.controls.length <= 1 && edit.buttons.length === 0, JSON.stringify(edit).slice(0, 300));
  await page.close();
});

test('a value a page script set without any event, on another field, is checked at the next keystroke', async () => {
  const page = await quietPage(DETAILS);
  await settled(page, DESCRIPTION_REQUIRED, 1, 'an empty description is marked');
  await page.getByLabel('Description').evaluate((el) => { el.value = 'Syncs blueberries, set by the page itself.'; });
  await page.waitForTimeout(200);
  assert.equal(await hook(page, DESCRIPTION_REQUIRED).count(), 1, 'nothing was checked without a key');
  await page.getByLabel('Display name').press('A');
  await settled(page, DESCRIPTION_REQUIRED, 0, 'the description is filled now');
  await settled(page, NAME_REQUIRED, 0, 'and so is the name');
  // The same with the name: emptied by the page, then a key in the description.
  await page.getByLabel('Display name').evaluate((el) => { el.value = ''; });
  await page.getByLabel('Description').press('End');
  await page.getByLabel('Description').press('!');
  await settled(page, NAME_REQUIRED, 1, 'the name the page emptied is marked again');
  await page.close();
});

test('an attribute change that renames a field (aria-label) is picked up', async () => {
  const page = await quietPage(CONFIGURE);
  const diagnostics = hook(page, '[data-oin-diagnostics]');
  assert.doesNotMatch(await diagnostics.textContent(), /Nickname/);
  const phone = page.getByLabel('Support phone');
  await phone.evaluate((el) => el.setAttribute('aria-label', 'Nickname'));
  await page.getByLabel('Nickname').press('End');
  await page.getByLabel('Nickname').press('0');
  await until(async () => /Nickname/.test(await diagnostics.textContent()), 'the renamed field in the diagnostics', 5000);
  await page.close();
});

test('after the worker was stopped, the next keystroke still gets the right marker', async () => {
  const page = await quietPage(DETAILS);
  const field = page.getByLabel('Display name');
  await field.click();
  await field.press('A');
  await settled(page, NAME_REQUIRED, 0, 'the name is filled');
  assert.ok(await killWorker(browser.context, browser.extensionId), 'the worker was found and stopped');
  await field.press('Backspace');
  await settled(page, NAME_REQUIRED, 1, 'the emptied name is marked by the new worker');
  await field.press('B');
  await settled(page, NAME_REQUIRED, 0, 'and cleared on the key after');
  await page.close();
});

test('an edit whose base the worker let go (nine tabs checked since) is answered by a full check at once', async () => {
  const page = await quietPage(DETAILS);
  const field = page.getByLabel('Display name');
  await field.click();
  await field.press('A');
  await settled(page, NAME_REQUIRED, 0, 'the name is filled');
  // The worker keeps the snapshots of the last eight connections: eight other tabs push this one out.
  const others = [];
  for (let i = 0; i < 8; i += 1) {
    const other = await browser.context.newPage();
    await open(other, `${DETAILS}&tab=${i}`);
    others.push(other);
  }
  const from = (await sent()).length;
  await field.press('Backspace');
  await settled(page, NAME_REQUIRED, 1, 'the emptied name is marked');
  const kinds = (await sent()).slice(from).map((m) => m.kind);
  assert.deepEqual(kinds.slice(0, 2), ['edit', 'check'], 'the edit was answered resend, and the full check followed');
  await field.press('B');
  await settled(page, NAME_REQUIRED, 0, 'and the key after is checked against the new base');
  for (const other of others) await other.close();
  await page.close();
});
