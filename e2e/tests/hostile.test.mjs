// End-to-end: no injection. The replica's /replica/hostile pages (replica/hostile.py, 60+ hostile
// strings: script tags, event-handler attributes, javascript: URLs, SVG and MathML payloads,
// template `${}` / `{{}}` and CSS tricks, RTL overrides, zero-width characters, HTML entities,
// `</oin-helper>`, 100,000-character strings) put each string into a display name, a
// description, labels, a tenant variable, contacts, a status text, list row names and list row
// statuses. Those pages allow inline script (CSP 'unsafe-inline'), so markup the extension wrongly
// parsed would really run. For every string the test asserts:
// - no script ran: the trap global the payloads set stays unset in the page's main world (and a
//   control page, which parses one payload with innerHTML on purpose, shows the trap does fire);
// - nothing was injected: every element inside the helper's shadow root is of a tag the
//   extension itself creates, no element carries an event-handler attribute or a javascript: URL,
//   and the page outside <oin-helper> gains no element;
// - the text shows as text in the markers, the summary, the submit-guard dialog, the
//   diagnostics, the list row marks and the popup. The org banner (org B is not the submitter
//   of the integrations org A lists under the same hostile names) names orgs only by host, which
//   the core accepts only as a validated Okta host name, so no page text can reach it: it is
//   checked for presence and for injection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, watchErrors, currentWorker, ORG_A, ORG_B } from '../lib/harness.mjs';

let replica;
let browser;
let payloads;

// Tags content.js creates inside its shadow root (see node() calls there), and the popup's.
const HELPER_TAGS = new Set(['DIV', 'SECTION', 'HEADER', 'STRONG', 'BUTTON', 'P', 'H2', 'H3', 'UL', 'LI', 'SPAN', 'A', 'DETAILS', 'SUMMARY', 'STYLE']);
// Tags that would only be there because a payload was parsed as markup.
const NEVER = ['SCRIPT', 'IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'SOURCE', 'MATH', 'LINK', 'META', 'BASE', 'FORM', 'TEMPLATE', 'NOSCRIPT', 'MARQUEE', 'X-EVIL', 'SLOT', 'TABLE', 'TR', 'TD', 'INPUT', 'TEXTAREA', 'BODY', 'TITLE', 'B', 'OIN-HELPER'];

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
  const page = await browser.context.newPage();
  await page.goto(`https://${ORG_A}/admin/oin/integrations`);
  payloads = await page.evaluate(async () => {
    const res = await fetch('/replica-api/page?url=' + encodeURIComponent('/replica/hostile?view=list'));
    return (await res.json()).payloads;
  });
  await page.close();
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

/** Text as a person reads it: white space and invisible format characters dropped. */
const INVISIBLE = /[\s\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const norm = (s) => String(s).replace(INVISIBLE, '');
/** The start of a payload as messages quote it (the first 60 characters, trimmed). */
function probe(payload) {
  return norm(Array.from(payload.trim()).slice(0, 40).join('')).slice(0, 20);
}

/** How the summary quotes set i's escalation contact (payload i+2): unique to that set. */
function contact(i) {
  const want = probe(payloads[(i + 2) % payloads.length]);
  return want && norm(`Escalation support contact \u201C${want}`);
}

/** Everything about the helper's UI and the page that would show an injection. */
async function inspect(page) {
  return page.evaluate(({ never }) => {
    const hostEls = document.querySelectorAll('oin-helper');
    const out = { hosts: hostEls.length, tags: [], bad: [], lightDom: [], trap: window.__oinTrap, texts: {} };
    // Light DOM: nothing the replica page itself did not make (its body has no such elements).
    for (const tag of never) {
      if (['OIN-HELPER', 'INPUT', 'TEXTAREA', 'TABLE', 'TR', 'TD', 'BODY', 'TITLE'].includes(tag)) continue;
      for (const el of document.body.querySelectorAll(tag.toLowerCase())) {
        if (!(tag === 'SCRIPT' && el.src)) out.lightDom.push(tag);
      }
    }
    const root = hostEls[0] && hostEls[0].shadowRoot;
    if (!root) return out;
    for (const el of root.querySelectorAll('*')) {
      out.tags.push(el.tagName);
      for (const attr of el.attributes) {
        const v = attr.value.trim().toLowerCase();
        if (attr.name.startsWith('on') || ((attr.name === 'href' || attr.name === 'src' || attr.name === 'action') && !v.startsWith('https://'))) {
          out.bad.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 80)}`);
        }
      }
    }
    const text = (sel) => Array.from(root.querySelectorAll(sel), (e) => e.textContent).join('\n');
    out.texts = {
      markers: text('[data-oin-finding]'),
      summary: text('[data-oin-summary]'),
      dialog: text('[data-oin-dialog]'),
      diagnostics: text('[data-oin-diagnostics]'),
      banner: text('[data-oin-banner]'),
      rows: Array.from(root.querySelectorAll('[data-oin-row]'), (e) => e.textContent),
    };
    return out;
  }, { never: NEVER });
}

function assertClean(seen, where) {
  assert.equal(seen.trap, undefined, `${where}: a payload ran script (trap = ${seen.trap})`);
  assert.ok(seen.hosts <= 1, `${where}: ${seen.hosts} <oin-helper> elements`);
  assert.deepEqual(seen.lightDom, [], `${where}: elements injected into the page`);
  const foreign = seen.tags.filter((t) => !HELPER_TAGS.has(t) || NEVER.includes(t));
  assert.deepEqual(foreign, [], `${where}: elements the extension does not create`);
  assert.deepEqual(seen.bad, [], `${where}: handler attributes or non-https links`);
}

test('the trap fires when a page parses a payload as markup (control)', async () => {
  const page = await browser.context.newPage();
  await page.goto(`https://${ORG_A}/replica/hostile?view=control`);
  await page.waitForFunction(() => window.__oinTrap !== undefined, null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__oinTrap), 2);
  await page.close();
});

test('at least 50 hostile strings, every kind the issue names', () => {
  assert.ok(payloads.length >= 50, `${payloads.length} payloads`);
  for (const needle of ['<script>', 'onerror=', 'javascript:', '<svg', '${', '{{', '</style>', '\u202E', '\u200B', '&lt;', '</oin-helper>']) {
    assert.ok(payloads.some((p) => p.includes(needle)), `no payload with ${JSON.stringify(needle)}`);
  }
  assert.ok(payloads.some((p) => p.length >= 100000), 'a very long string');
});

test('list rows: hostile names and statuses show as text in the row marks', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`https://${ORG_A}/replica/hostile?view=list`);
  const rows = hook(page, '[data-oin-row]');
  await page.waitForFunction((n) => {
    const root = document.querySelector('oin-helper')?.shadowRoot;
    return root && root.querySelectorAll('[data-oin-row]').length >= n;
  }, payloads.length * 2, { timeout: 20000 });
  await page.waitForTimeout(300);
  const seen = await inspect(page);
  assertClean(seen, 'list page');
  const marks = await rows.evaluateAll((els) => els.map((e) => ({ status: e.dataset.status, version: e.dataset.version, text: e.textContent, integration: e.dataset.integration })));
  const published = marks.filter((m) => m.version === 'published');
  assert.equal(published.length, payloads.length, 'one published row per hostile name');
  // Status rows are named "Status probe N"; a status that is not a known status word is shown
  // as its own text (one that reads like a date, e.g. "{{7*7}}" → "7 7", is not a status at all).
  let shown = 0;
  for (const m of marks.filter((m) => m.version === 'in-progress')) {
    const n = Number((m.integration.match(/^status probe (\d+)$/) || [])[1]);
    assert.ok(n >= 1 && n <= payloads.length, `unexpected row ${m.integration}`);
    if (!m.status) {
      assert.equal(m.text, '', 'a row without a status shows nothing');
      continue;
    }
    const want = probe(payloads[n - 1]);
    assert.ok(norm(m.text).includes(want), `row ${n}: ${JSON.stringify(m.text.slice(0, 60))} does not show ${JSON.stringify(want)}`);
    shown += 1;
  }
  assert.ok(shown >= payloads.length * 0.9, `${shown} of ${payloads.length} hostile statuses shown as text`);
  assert.deepEqual(errors.filter((e) => /oin|extension/i.test(e)), []);
  await page.close();
});

test('form pages: each hostile string as display name, description, labels and contacts', async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  let banners = 0;
  let dialogs = 0;
  const missing = { markers: [], summary: [], dialog: [], diagnostics: [] };
  // The first set arrives with a page load, the others re-render the form in place (as a
  // client-rendered console does); each time, wait for the plan painted for that set.
  await page.goto(`https://${ORG_B}/replica/hostile?view=form&i=0`);
  for (let i = 0; i < payloads.length; i += 1) {
    const where = `payload ${i + 1} ${JSON.stringify(payloads[i].slice(0, 40))}`;
    if (i > 0) await page.evaluate(() => document.querySelector('[data-hostile-next]').click());
    await page.waitForFunction(({ n, want, invisible }) => {
      const root = document.querySelector('oin-helper')?.shadowRoot;
      const summary = root && root.querySelector('[data-oin-summary]');
      if (document.documentElement.dataset.hostileSet !== String(n) || !summary) return false;
      // The escalation contact of this set, quoted where only that field is named.
      return !want || summary.textContent.replace(new RegExp(invisible, 'g'), '').includes(want);
    }, { n: i, want: contact(i), invisible: INVISIBLE.source }, { timeout: 10000 });
    await page.waitForTimeout(contact(i) ? 100 : 800);
    // The submit guard: the escalation contact is never a valid address, so errors remain.
    await page.getByRole('button', { name: 'Submit integration' }).click();
    await hook(page, '[data-oin-dialog="submit-guard"]').waitFor({ timeout: 5000 }).catch((e) => {
      throw new Error(`${where}: no submit guard (${e.message.split('\n')[0]})`);
    });
    dialogs += 1;
    const seen = await inspect(page);
    assertClean(seen, where);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.replicaSubmitClicks), undefined, `${where}: the guard let the click through`);
    if (seen.texts.banner) banners += 1;
    // Contacts (N+2, N+3) are quoted in markers, the summary and the dialog; labels (N+6) in
    // the diagnostics.
    const at = (k) => payloads[(i + k) % payloads.length];
    const check = (part, k) => {
      const want = probe(at(k));
      if (want && !norm(seen.texts[part]).includes(want)) missing[part].push(`${where}: ${JSON.stringify(want)}`);
    };
    check('markers', 2);
    check('summary', 2);
    check('dialog', 2);
    check('diagnostics', 6);
    await hook(page, '[data-action="go-back"]').click();
  }
  assert.deepEqual(missing.markers, [], 'markers quote the hostile contact as text');
  assert.deepEqual(missing.summary, [], 'the summary quotes the hostile contact as text');
  assert.deepEqual(missing.dialog, [], 'the dialog quotes the hostile contact as text');
  assert.deepEqual(missing.diagnostics, [], 'diagnostics list the hostile label as text');
  assert.equal(dialogs, payloads.length);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.replicaSubmitClicks), undefined, 'no click reached the page');
  // Org B is not the submitter of integrations listed as published on org A under the same name.
  assert.ok(banners >= payloads.length / 2, `the org banner showed on ${banners} pages`);
  assert.deepEqual(errors.filter((e) => /oin|extension/i.test(e)), []);
  await page.close();
});

test('popup: hostile names show as text', async () => {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await popup.locator('[data-oin-draft]').first().waitFor({ timeout: 10000 });
  const seen = await popup.evaluate(({ never }) => {
    const root = document.getElementById('app') || document.body;
    const tags = Array.from(root.querySelectorAll('*'), (e) => e.tagName);
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        const url = ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name);
        if (attr.name.startsWith('on') || (url && /^\s*javascript:/i.test(attr.value))) bad.push(`${el.tagName} ${attr.name}`);
      }
    }
    return { tags: tags.filter((t) => never.includes(t) && !['INPUT', 'FORM', 'TABLE', 'TR', 'TD'].includes(t)), bad, trap: window.__oinTrap, text: document.body.textContent };
  }, { never: NEVER });
  assert.equal(seen.trap, undefined);
  assert.deepEqual(seen.tags, [], 'no injected elements in the popup');
  assert.deepEqual(seen.bad, []);
  const text = norm(seen.text);
  const names = payloads.filter((p) => probe(p) && !text.includes(probe(p)));
  // Each form page created a draft on org B named after its display name.
  assert.ok(names.length <= 3, `hostile names not shown as text in the popup: ${JSON.stringify(names.map((n) => n.slice(0, 30)))}`);
  const worker = await currentWorker(browser.context);
  const bytes = await worker.evaluate(() => chrome.storage.local.getBytesInUse(null));
  console.log(`hostile strings tried: ${payloads.length}; stored registry after them: ${bytes} bytes`);
  await popup.close();
});
