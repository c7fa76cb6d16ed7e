// End-to-end: a check answered after the page replaced the field it was about (a React-style
// re-render right after the input event) paints its marker on the replacement at once, and never
// on another field or for a value the field no longer holds. To see what one answer paints on
// its own, every check after the first one about the typed value is held in the worker (its
// chrome.storage calls wait) until the test has looked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, currentWorker, ORG_A } from '../lib/harness.mjs';
import { open } from '../lib/walk.mjs';

const URL_ = `https://${ORG_A}/admin/oin/integrations/acme_cranberry_1/edit/details?fixture=complete-saml`;
const REQUIRED = '[data-oin-finding][data-field="catalog.display_name"][data-rule="required"]';

let replica;
let browser;
before(async () => { replica = await startReplica(); browser = await launch(replica.port); });
after(async () => { await browser?.close(); replica?.stop(); });

/**
 * In the worker: the first check whose snapshot has an empty "Display name" is answered; the
 * checks after it are not, until `release`: from that first check on, every chrome.storage write
 * waits (the worker answers a check once its write is issued, and handles the next message
 * once the browser confirmed it), and from the next check on, every read too. `held()` counts
 * the checks that arrived after the first: one means the next check was sent, which the content
 * script does only after painting the answer before it. Checks are seen as they arrive:
 * on a port (JSON text in `{id, text}`) the page opens after this is installed, or as a one-off
 * message; so it is installed before the page is opened.
 */
async function holdAfterFirstEmptyName(worker) {
  await worker.evaluate(() => {
    const hold = { seen: false, holding: false, later: 0, released: false, waiting: [], originals: [] };
    self.__hold = hold;
    // A check is a full snapshot, or an edit of the last one on its port (the states of the
    // controls that changed, by handle): `names` holds the port's last snapshot's labels.
    const isName = (c) => /^Display name/.test((c.labels && c.labels.label) || '');
    const emptyName = (m, names) => m && ((m.kind === 'check' && m.snapshot.controls.some((c) => isName(c) && !c.value))
      || (m.kind === 'edit' && m.controls.some((c) => names.has(c.id) && !c.value)));
    hold.listener = (message, names = new Set()) => {
      if (hold.released) return;
      if (hold.seen) {
        hold.holding = true;
        hold.later += 1;
      } else if (emptyName(message, names)) hold.seen = true;
    };
    hold.onConnect = (port) => {
      let names = new Set();
      port.onMessage.addListener((m) => {
        const message = m && typeof m.text === 'string' ? JSON.parse(m.text) : m;
        if (message && message.kind === 'check') names = new Set(message.snapshot.controls.filter(isName).map((c) => c.id));
        hold.listener(message, names);
      });
    };
    chrome.runtime.onMessage.addListener(hold.onMessage = (m) => hold.listener(m));
    chrome.runtime.onConnect.addListener(hold.onConnect);
    for (const area of [chrome.storage.local, chrome.storage.sync]) {
      for (const name of ['get', 'set']) {
        const original = area[name];
        hold.originals.push([area, name, original]);
        area[name] = function held(...args) {
          if (!(name === 'set' ? hold.seen : hold.holding) || hold.released) return original.apply(this, args);
          return new Promise((resolve) => hold.waiting.push(resolve)).then(() => original.apply(this, args));
        };
      }
    }
  });
  return {
    held: () => worker.evaluate(() => self.__hold.later),
    release: () => worker.evaluate(() => {
      const hold = self.__hold;
      hold.released = true;
      chrome.runtime.onMessage.removeListener(hold.onMessage);
      chrome.runtime.onConnect.removeListener(hold.onConnect);
      for (const [area, name, original] of hold.originals) area[name] = original;
      hold.holding = false;
      for (const resolve of hold.waiting.splice(0)) resolve();
    }),
  };
}

async function untilHeld(gate) {
  for (let i = 0; i < 200 && (await gate.held()) === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
  assert.ok((await gate.held()) > 0, 'the check after the first answer reached the worker');
}

test('the answer to a keystroke marks the field the page re-created for it', async () => {
  const page = await browser.context.newPage();
  const gate = await holdAfterFirstEmptyName(await currentWorker(browser.context));
  try {
    await open(page, URL_);
    const field = page.getByLabel('Display name');
    await field.click();
    await page.keyboard.press('Control+A');
    const before_ = await field.elementHandle();
    await page.keyboard.press('Backspace');
    const marker = hook(page, REQUIRED);
    await marker.waitFor({ timeout: 5000 });
    // The page replaced the input after the snapshot was taken: the marker is beside the new one.
    assert.equal(await before_.evaluate((el) => el.isConnected), false);
    const box = await field.boundingBox();
    const mark = await marker.boundingBox();
    assert.ok(mark.y >= box.y - 1 && mark.y <= box.y + box.height + 3, `marker at y=${mark.y}, field ${box.y}–${box.y + box.height}`);
  } finally {
    await gate.release();
    await page.close();
  }
});

/**
 * Backspace empties Display name; `rerender`, run in the page first, installs what the page then
 * does to the field after its own re-render. The first answer is held: it must paint no
 * `required` marker.
 */
async function firstAnswerPaintsNoMarker(rerender) {
  const page = await browser.context.newPage();
  const gate = await holdAfterFirstEmptyName(await currentWorker(browser.context));
  try {
    await open(page, URL_);
    await page.evaluate(rerender);
    const field = page.getByLabel('Display name');
    await field.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await untilHeld(gate);
    assert.equal(await hook(page, REQUIRED).count(), 0);
  } finally {
    await gate.release();
    await page.close();
  }
}

test('a finding is not moved to another field that took its field\'s place', () => firstAnswerPaintsNoMarker(() => {
  // After the page's own re-render, this page swaps the Display name field for another field.
  window.addEventListener('input', () => {
    const input = Array.from(document.querySelectorAll('label')).find((l) => /^Display name/.test(l.textContent)).control;
    const other = document.createElement('input');
    other.id = 'swapped-in';
    const label = document.createElement('label');
    label.htmlFor = other.id;
    label.textContent = 'Nickname';
    input.parentElement.replaceChildren(label, other);
  }, { once: true });
}));

test('a finding is not painted on the re-created field once it holds another value', () => firstAnswerPaintsNoMarker(() => {
  // After the page's own re-render, the new input already holds another value (as if typed).
  window.addEventListener('input', () => {
    Array.from(document.querySelectorAll('label')).find((l) => /^Display name/.test(l.textContent)).control.value = 'Acme';
  }, { once: true });
}));
