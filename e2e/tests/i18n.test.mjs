// End-to-end localisation: the built extension with a pseudo-locale in place of English
// (every message "⟦" + accented text + "⟧", $1.. kept), loaded into Chromium. The injected UI,
// the popup and the options page must then show only bracketed words: text that comes through
// chrome.i18n (content script, pages) and through the Rust core in the worker and the popup
// (which read the browser's catalogue), so nothing the user reads is hard-coded English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, chromiumArgs, chromiumPath, EXTENSION, ORG_A } from '../lib/harness.mjs';

const FROM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TO = [...'áƀçðéƒĝĥíĵķĺɱñöþʠŕšţúṽŵẋýžÅƁÇÐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŢÚṼŴẊÝŽ'];
const pseudo = (message) =>
  '⟦' + message.replace(/\$[$1-9]|[A-Za-z]/g, (m) => (m.length === 2 ? m : TO[FROM.indexOf(m)])) + '⟧';
const bracketed = (text) => text.trim().startsWith('⟦') && text.trim().endsWith('⟧');

const DRAFT = `https://${ORG_A}/admin/oin/integrations/acme_strawberrycentral_1/edit/details?fixture=empty`;
let replica;
let context;
let extensionId;
let dir;
let profile;

before(async () => {
  assert.ok(existsSync(join(EXTENSION, 'manifest.json')), 'dist/chrome is missing: run `make dist` first.');
  dir = mkdtempSync(join(tmpdir(), 'oin-pseudo-'));
  cpSync(EXTENSION, dir, { recursive: true });
  const file = join(dir, '_locales', 'en', 'messages.json');
  const catalogue = JSON.parse(readFileSync(file, 'utf8'));
  for (const entry of Object.values(catalogue)) entry.message = pseudo(entry.message);
  catalogue.html_lang.message = 'en-XA'; // a real tag: it becomes the pages' lang attribute
  writeFileSync(file, JSON.stringify(catalogue));
  replica = await startReplica();
  profile = mkdtempSync(join(tmpdir(), 'oin-udd-'));
  const args = chromiumArgs(replica.port, { extension: false });
  args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args,
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  extensionId = new URL(worker.url()).host;
});

after(async () => {
  await context?.close();
  replica?.stop();
  for (const d of [dir, profile]) if (d) rmSync(d, { recursive: true, force: true });
});

/** Texts that are not bracketed, with where they were found. */
function unbracketed(pairs) {
  return pairs.filter(([, text]) => text.trim() && !bracketed(text)).map(([where, text]) => `${where}: ${JSON.stringify(text)}`);
}

test('the injected UI shows only catalogue words', async () => {
  const page = await context.newPage();
  await page.goto(DRAFT);
  const root = page.locator('oin-helper >> css=[data-oin-summary]');
  await root.waitFor({ timeout: 10000 });
  const texts = await page.evaluate(() => {
    const shadow = document.querySelector('oin-helper').shadowRoot;
    const pick = (selector) => [...shadow.querySelectorAll(selector)].map((e) => [selector, e.textContent]);
    return [
      ...pick('[data-oin-finding]'),
      ...pick('.dock header strong'),
      ...pick('[data-action="toggle-summary"]'),
      ...pick('.headline'),
      ...pick('[data-oin-summary] li > button, [data-oin-summary] li > span:not(.sev)'),
      ...pick('[data-oin-diagnostics] > summary'),
      ...pick('[data-oin-diagnostics] > strong').map(([w, t]) => [w, t.replace(/ \(\d+\)$/, '')]),
    ];
  });
  assert.ok(texts.length >= 8, `too few texts found: ${JSON.stringify(texts)}`);
  assert.deepEqual(unbracketed(texts), []);
  await page.close();
});

test('the popup and the options page show only catalogue words', async () => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await popup.locator('footer button').first().waitFor({ timeout: 10000 });
  const popupTexts = await popup.evaluate(() => {
    const pick = (selector) => [...document.querySelectorAll(selector)].map((e) => [selector, e.textContent]);
    return [['title', document.title], ...pick('h1, h2, button, [data-oin-current-org], .empty')];
  });
  assert.deepEqual(unbracketed(popupTexts), []);
  assert.equal(await popup.evaluate(() => document.documentElement.lang), 'en-XA');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options/options.html`);
  await options.locator('tr[data-rule]').first().waitFor({ timeout: 10000 });
  await options.locator('[data-setting="sync"]').click(); // saves: the worker's notice
  await options.locator('[data-oin-notice]').filter({ hasText: '⟦' }).waitFor({ timeout: 10000 });
  const optionTexts = await options.evaluate(() => {
    const pick = (selector) => [...document.querySelectorAll(selector)].map((e) => [selector, e.textContent]);
    return [
      ['title', document.title],
      ...pick('h1, h2, th, button, option, [data-oin-notice], [role="alertdialog"] p'),
      ...pick('tr[data-rule] td:nth-child(3)'),
      ...[...document.querySelectorAll('label')].map((l) => ['label', [...l.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')]),
      ...[...document.querySelectorAll('[aria-label]')].map((e) => ['aria-label', e.getAttribute('aria-label')]),
    ];
  });
  assert.ok(optionTexts.length > 40, `too few texts found: ${optionTexts.length}`);
  assert.deepEqual(unbracketed(optionTexts), []);
  await popup.close();
  await options.close();
});
