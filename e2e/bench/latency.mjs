// Figure 2: input → repainted marker while typing. Real key presses (CDP input events) into the
// replica's Display name, alternating 'A' and Backspace so that every keystroke flips the
// field between valid and empty (the `required` marker goes and comes back). A recorder in the
// page's main world timestamps each keydown (event.timeStamp: when the browser took the key)
// and watches the extension's open shadow root with a MutationObserver: the latency is the time
// until the marker's presence matches the new value, and until the next animation frame after
// that (the frame that shows it).
import { hook, ORG_A } from '../lib/harness.mjs';
import { describe, sleep } from './common.mjs';

const FIELD = 'catalog.display_name';
const MARKER = `[data-oin-finding][data-field="${FIELD}"][data-rule="required"]`;
export const LATENCY_URL = `https://${ORG_A}/admin/oin/integrations/acme_blueberry_1/edit/details?fixture=complete-saml`;

function installRecorder(selector) {
  window.benchLatency = [];
  let pending = null;
  window.addEventListener('keydown', (event) => {
    if (event.key !== 'a' && event.key !== 'A' && event.key !== 'Backspace') return;
    const key = { key: event.key, start: event.timeStamp, want: event.key === 'Backspace' };
    pending = key;
    // The key's own frame: the first animation frame after it, which carries the page's
    // response to the key (its handlers ran in the key's task). Chromium holds a page's other
    // tasks until that frame is out (see `measureDeferral`), the answer's arrival included.
    requestAnimationFrame(() => { key.keyFrame = performance.now() - key.start; });
  }, true);
  const check = () => {
    if (!pending) return;
    const host = document.querySelector('oin-helper');
    const present = Boolean(host && host.shadowRoot && host.shadowRoot.querySelector(selector));
    if (present !== pending.want) return;
    const done = pending;
    pending = null;
    const dom = performance.now();
    requestAnimationFrame(() => {
      // rAF callbacks run just before the frame is produced; the frame after them shows it.
      window.benchLatency.push({
        key: done.key, appear: done.want, dom: dom - done.start, frame: performance.now() - done.start,
        keyFrame: done.keyFrame ?? null,
      });
    });
  };
  const observer = new MutationObserver(check);
  const watch = () => {
    const host = document.querySelector('oin-helper');
    if (host && host.shadowRoot) observer.observe(host.shadowRoot, { childList: true, subtree: true, attributes: true });
  };
  watch();
  // The host is re-created if the page ever drops it: follow it.
  new MutationObserver(watch).observe(document.body, { childList: true });
}

/**
 * Types `keystrokes` keys, each after the previous one's marker change was seen plus `gapMs`
 * (a brisk typist: ~6 keys/s), and returns the latencies.
 */
export async function measureLatency(context, { keystrokes = 40, gapMs = 120 } = {}) {
  const page = await context.newPage();
  try {
    await page.goto(LATENCY_URL);
    await hook(page, '[data-oin-summary]').waitFor({ timeout: 15000 });
    const input = page.getByLabel('Display name');
    await input.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await hook(page, MARKER).waitFor({ timeout: 10000 });
    await sleep(300);
    await page.evaluate(installRecorder, MARKER);
    let timeouts = 0;
    for (let i = 0; i < keystrokes; i += 1) {
      const before = await page.evaluate(() => window.benchLatency.length);
      await page.keyboard.press(i % 2 === 0 ? 'A' : 'Backspace');
      try {
        await page.waitForFunction((n) => window.benchLatency.length > n, before, { timeout: 3000, polling: 10 });
      } catch (_) {
        timeouts += 1;
      }
      await sleep(gapMs);
    }
    const samples = await page.evaluate(() => window.benchLatency);
    return {
      url: LATENCY_URL,
      keystrokes,
      timeouts,
      dom: describe(samples.map((s) => s.dom)),
      frame: describe(samples.map((s) => s.frame)),
      appear: describe(samples.filter((s) => s.appear).map((s) => s.dom)),
      disappear: describe(samples.filter((s) => !s.appear).map((s) => s.dom)),
      keyFrame: describe(samples.filter((s) => s.keyFrame !== null).map((s) => s.keyFrame)),
      beforeKeyFrame: samples.filter((s) => s.keyFrame === null || s.dom < s.keyFrame).length,
      afterKeyFrame: describe(samples.filter((s) => s.keyFrame !== null).map((s) => s.dom - s.keyFrame)),
      samples,
    };
  } finally {
    await page.close();
  }
}

/**
 * Why no answer beats the key's frame: on a plain page (no extension, no page work), a message
 * posted through a MessageChannel from an `input` listener, which the browser would normally run
 * at once. Counts how often it ran only after the next animation frame, and its delay, in the
 * browser as the benchmark runs it; `flags` are extra Chromium flags the caller launched with.
 */
export async function measureDeferral(context, { keystrokes = 30, gapMs = 70 } = {}) {
  const page = await context.newPage();
  try {
    await page.setContent('<!doctype html><input id="f" aria-label="probe">');
    await page.evaluate(() => {
      window.benchDeferral = [];
      const channel = new MessageChannel();
      let sent = null;
      channel.port2.onmessage = () => {
        window.benchDeferral.push({ delay: performance.now() - sent.at, afterFrame: sent.framed });
      };
      document.getElementById('f').addEventListener('input', () => {
        const at = { at: performance.now(), framed: false };
        sent = at;
        requestAnimationFrame(() => { at.framed = true; });
        channel.port1.postMessage(null);
      }, true);
    });
    await page.click('#f');
    for (let i = 0; i < keystrokes; i += 1) {
      await page.keyboard.press(i % 2 === 0 ? 'a' : 'Backspace');
      await sleep(gapMs);
    }
    const samples = await page.evaluate(() => window.benchDeferral);
    return {
      n: samples.length,
      afterFrame: samples.filter((s) => s.afterFrame).length,
      delay: describe(samples.map((s) => s.delay)),
    };
  } finally {
    await page.close();
  }
}

/**
 * The key's own frame on the same page in a browser without the extension: how long after a
 * key the page's response to it starts to render when nothing else runs (the floor of figure 2
 * that belongs to the page and the browser).
 */
export async function measureKeyFrames(context, { keystrokes = 40, gapMs = 120 } = {}) {
  const page = await context.newPage();
  try {
    await page.goto(LATENCY_URL);
    const input = page.getByLabel('Display name');
    await input.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await sleep(300);
    await page.evaluate(() => {
      window.benchKeyFrames = [];
      window.addEventListener('keydown', (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => window.benchKeyFrames.push(performance.now() - start));
      }, true);
    });
    for (let i = 0; i < keystrokes; i += 1) {
      await page.keyboard.press(i % 2 === 0 ? 'A' : 'Backspace');
      await sleep(gapMs);
    }
    return describe(await page.evaluate(() => window.benchKeyFrames));
  } finally {
    await page.close();
  }
}
