// Figure 1: worker-side check time. The real content script's messages are captured in the
// service worker, by passive listeners the benchmark adds there from outside (Playwright's
// worker handle): every message a tab sends through runtime.sendMessage and every message on a
// port a tab opens, with the port's name; the worker answers them as usual. They are then
// replayed through the same wasm module the worker runs, `processMessage` from
// dist/chrome/pkg/oin_helper.js, loaded in an extension page (same V8, same wasm, same
// chrome.storage), and sent again to the real worker the way the content script sent them (the
// same port name, or sendMessage) for the round trip. Replaying captured messages, never
// hand-made ones, keeps the figure true whatever the wire format between content script and
// worker becomes.
import { hook, currentWorker, ORG_A, ORG_B, MANAGER } from '../lib/harness.mjs';
import { deadline, describe, sleep } from './common.mjs';

const WIZARD = (fixture) => ['capabilities', 'details', 'configure', 'test', 'submit']
  .map((step) => `https://${ORG_A}/admin/oin/integrations/acme_blueberry_1/edit/${step}?fixture=${fixture}`);
const ARTICLE = (fixture) => ['general', 'saml', 'oidc', 'scim', 'ul', 'test']
  .map((tab) => `https://${ORG_B}/admin/oin/integrations/acme_strawberrycentral_1/edit?tab=${tab}&fixture=${fixture}`);
const MANAGER_TABS = (fixture) => ['general', 'saml', 'oidc', 'scim', 'ul', 'test']
  .map((tab) => `https://${MANAGER}/submissions/acme_kiwi_1/edit?tab=${tab}&fixture=${fixture}`);

/** Every tool × protocol, with a complete draft, plus the seeded-defects draft (all protocols). */
export const FORMS = [
  ...['complete-saml', 'complete-oidc', 'complete-scim-oauth', 'complete-scim-header', 'complete-ul', 'defects']
    .map((fixture) => ({ tool: 'wizard', fixture, urls: WIZARD(fixture) })),
  ...['complete-saml', 'complete-oidc', 'complete-scim-header', 'complete-ul', 'defects']
    .map((fixture) => ({ tool: 'article', fixture, urls: ARTICLE(fixture) })),
  ...['complete-saml', 'complete-oidc', 'complete-scim-oauth', 'complete-ul', 'defects']
    .map((fixture) => ({ tool: 'manager', fixture, urls: MANAGER_TABS(fixture) })),
];

/** A message (or a member of one) that is JSON text of an object, parsed; else undefined. */
function parsedText(text, depth) {
  if (depth > 2 || !text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text);
  } catch (_) {
    return undefined;
  }
}

/**
 * What the worker hands to `processMessage` for a captured message: the message itself when it
 * is a request (an object with a `kind`, or JSON text of one), else the member that is (an
 * envelope such as `{id, text}` around JSON text).
 */
export function payloadOf(message) {
  const isRequest = (value) => {
    const parsed = typeof value === 'string' ? parsedText(value, 0) : value;
    return Boolean(parsed && typeof parsed === 'object' && typeof parsed.kind === 'string');
  };
  if (isRequest(message)) return message;
  if (message && typeof message === 'object') {
    const inner = Object.values(message).find(isRequest);
    if (inner !== undefined) return inner;
  }
  throw new Error('a captured message holds no request');
}

/** The controls array of a captured message's snapshot, wherever the wire format puts it (an edit has none). */
export function controlsOf(message, depth = 0) {
  if (typeof message === 'string') {
    const parsed = parsedText(message, depth);
    return parsed === undefined ? null : controlsOf(parsed, depth + 1);
  }
  if (!message || typeof message !== 'object' || depth > 3 || message.kind === 'edit') return null;
  if (Array.isArray(message.controls)) return message.controls;
  for (const value of Object.values(message)) {
    const found = controlsOf(value, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The page snapshot inside a captured message (for the native bench's fixtures). */
export function snapshotOf(message, depth = 0) {
  if (typeof message === 'string') {
    const parsed = parsedText(message, depth);
    return parsed === undefined ? null : snapshotOf(parsed, depth + 1);
  }
  if (!message || typeof message !== 'object' || depth > 3) return null;
  if (Array.isArray(message.controls) && typeof message.url === 'string') return message;
  for (const value of Object.values(message)) {
    const found = snapshotOf(value, depth + 1);
    if (found) return found;
  }
  return null;
}

// Runs in the service worker: passive listeners that keep what tabs send (they never answer:
// the worker's own listeners do). Added again to every new worker (it may be stopped and
// started); `captured` collects what they kept.
function installRecorder() {
  if (globalThis.benchRecorded) return;
  const kept = [];
  globalThis.benchRecorded = kept;
  chrome.runtime.onMessage.addListener((message, sender) => {
    if (sender.tab) kept.push({ message, url: sender.url, port: null, at: Date.now() });
  });
  chrome.runtime.onConnect.addListener((port) => {
    if (!port.sender || !port.sender.tab) return;
    const { url } = port.sender;
    port.onMessage.addListener((message) => kept.push({ message, url, port: port.name, at: Date.now() }));
  });
}

const recorders = new WeakMap(); // capture page → { list, workers }

/** Takes what the recorders in the live workers kept into the capture's list. */
async function drain(recorder) {
  for (const worker of recorder.workers) {
    const taken = await worker.evaluate(() => (globalThis.benchRecorded || []).splice(0)).catch(() => null);
    if (taken === null) recorder.workers.delete(worker); // stopped: what it kept went with it
    else recorder.list.push(...taken);
  }
}

/**
 * Opens an extension page that replays messages and can load the wasm module, and records
 * every message content scripts send to the extension (in the worker, see `installRecorder`).
 */
export async function openCapture(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  const recorder = { list: [], workers: new Set() };
  recorders.set(page, recorder);
  const watch = async (worker) => {
    if (!worker.url().startsWith(`chrome-extension://${extensionId}/`)) return;
    recorder.workers.add(worker);
    await worker.evaluate(installRecorder).catch(() => recorder.workers.delete(worker));
  };
  context.on('serviceworker', (worker) => { watch(worker); });
  await watch(await currentWorker(context));
  return page;
}

/** The messages captured since `from`, each with its sender URL and port name (or null). */
export async function captured(capture, from = 0) {
  const recorder = recorders.get(capture);
  await drain(recorder);
  return recorder.list.slice(from);
}

/** Loads a page and waits until the extension painted its summary and the last check landed. */
async function visit(page, url) {
  await page.goto(url);
  await hook(page, '[data-oin-summary]').waitFor({ timeout: 15000 });
  await sleep(200);
}

/**
 * Walks every step of every form (so the stored draft is whole, as for a real user) and keeps,
 * per form, the last message of its largest step: the check of the full form. The steps of one
 * form are opened side by side in tabs (the wait for each summary is mostly idle time).
 */
export async function captureForms(context, capture) {
  const start = (await captured(capture)).length;
  // Four forms at a time: their steps live on different integrations or orgs, or write the
  // same draft through the worker's one-at-a-time queue, as several real tabs would.
  for (let k = 0; k < FORMS.length; k += 4) {
    const urls = FORMS.slice(k, k + 4).flatMap((form) => form.urls);
    const pages = await Promise.all(urls.map(() => context.newPage()));
    await Promise.all(urls.map((url, i) => visit(pages[i], url)));
    await Promise.all(pages.map((p) => p.close()));
  }
  const messages = await captured(capture, start);
  const forms = [];
  for (const form of FORMS) {
    let best = null;
    for (const url of form.urls) {
      const last = messages.filter((m) => m.url === url && controlsOf(m.message)).at(-1);
      if (!last) continue;
      const controls = controlsOf(last.message).length;
      if (!best || controls > best.controls) best = { url, controls, message: last.message, port: last.port };
    }
    if (!best) throw new Error(`no check message was captured for ${form.tool} ${form.fixture}`);
    forms.push({ name: `${form.tool} ${form.fixture}`, tool: form.tool, fixture: form.fixture, ...best });
  }
  return forms;
}

/** A captured port message's request, parsed (`{id, text}` around JSON text); else null. */
const requestOf = (message) => {
  const payload = payloadOf(message);
  return typeof payload === 'string' ? parsedText(payload, 0) : payload;
};

/**
 * Per form, one keystroke in the first text field of the step `captureForms` kept, as the content
 * script sent it: its edit (`kind: 'edit'`, the states that changed against the last full check
 * on its port) and that full check, its base (same `base` token, `seq` one less). Returned like
 * `captureForms`' forms, each with `base` (`{message, port}`) to replay before it; a form where
 * no edit was captured after five keys is left out.
 */
export async function captureEdits(context, capture, forms) {
  const edits = [];
  for (const form of forms) {
    const page = await context.newPage();
    await visit(page, form.url);
    const field = page.locator('input.o-input[type=text], textarea.o-input').first();
    let found = null;
    // A key sent while a check is still in flight or a re-render not yet checked goes as a full
    // check: a later key is an edit.
    for (let attempt = 0; attempt < 5 && !found; attempt += 1) {
      const from = (await captured(capture)).length;
      await field.press(attempt % 2 ? 'Backspace' : 'x');
      await sleep(400);
      const all = (await captured(capture)).filter((m) => m.url === form.url);
      const edit = (await captured(capture, from)).find((m) => m.url === form.url && requestOf(m.message)?.kind === 'edit');
      if (!edit) continue;
      const { base, seq } = requestOf(edit.message);
      const against = all.find((m) => {
        const r = requestOf(m.message);
        return r && r.kind === 'check' && r.base === base && r.seq === seq - 1;
      });
      if (against) found = { edit, against };
    }
    await page.close();
    if (!found) continue; // a build that sends no edits (main's before them, for an A/B): no row
    edits.push({
      name: form.name, tool: form.tool, fixture: form.fixture, url: form.url, controls: form.controls,
      message: found.edit.message, port: found.edit.port,
      base: { message: found.against.message, port: found.against.port },
    });
  }
  return edits;
}

/**
 * Times `processMessage` on each captured message, interleaved round-robin, after warm-up
 * rounds (the first calls include wasm tier-up and the first read of every record), three ways,
 * one phase each:
 * - `direct`: as the worker runs it, with the real `chrome.storage` (every storage call is an
 *   IPC round trip to the browser process), timed until the answer (a text check is handed to
 *   `deliver` before its write is issued), as `issued` until processMessage returned (the write
 *   issued: the worker's whole turn) and, as `confirmed`, until its `saved` promise settled (the
 *   browser confirmed the write; the worker's queue waits for it before the next message). The storage
 *   calls are wrapped (the bindings resolve `chrome` at call time) to also sum the time spent
 *   awaiting them: `storage`.
 * - `compute`: the same call with `chrome.storage.local` and `.sync` replaced, for these calls
 *   only, by in-memory areas holding copies of the real ones (taken once, written by the calls)
 *   and handing out `structuredClone` copies: the wasm work and its JS glue without the IPC;
 *   until answered and, as `computeIssued`, until the write was issued.
 * - `roundTrip`: the message sent again to the real service worker the way the content script
 *   sent it: on a long-lived port of the same name (one per name, opened before the timing, as
 *   the content script keeps its own), or by `chrome.runtime.sendMessage`; until its answer is
 *   read (IPC both ways + the worker's queue + processMessage there; an answer carried as JSON
 *   text is parsed, as the content script does).
 * `sent` holds captured messages (`{message, port}`, as `captured` and `captureForms` give them);
 * one with a `base` (an edit, see `captureEdits`) has its base replayed, untimed, right before it
 * every time, in every phase.
 */
export async function replay(capture, sent, { warmup = 5, rounds = 40, roundTrips = true } = {}) {
  const messages = sent.map((s) => payloadOf(s.message));
  const wires = sent.map((s) => ({ message: s.message, port: s.port || null }));
  const bases = sent.map((s) => (s.base ? payloadOf(s.base.message) : null));
  const baseWires = sent.map((s) => (s.base ? { message: s.base.message, port: s.base.port || null } : null));
  return deadline(capture.evaluate(async ({ messages, wires, bases, baseWires, warmup, rounds, roundTrips }) => {
    const wasm = await import('/pkg/oin_helper.js');
    await wasm.default();
    const real = globalThis.chrome;
    const AREAS = ['local', 'sync'];
    let waited = 0;
    const timedArea = (impl) => new Proxy(impl, {
      get(target, key) {
        const value = target[key];
        if (typeof value !== 'function') return value;
        if (!['get', 'set', 'remove', 'clear', 'getBytesInUse'].includes(key)) return value.bind(target);
        return async (...args) => {
          const t = performance.now();
          try {
            return await value.apply(target, args);
          } finally {
            waited += performance.now() - t;
          }
        };
      },
    });
    // An in-memory storage area with the chrome.storage get/set/remove semantics used here.
    const memoryArea = (items) => ({
      async get(keys) {
        if (keys === null || keys === undefined) return structuredClone(items);
        const wanted = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
        const out = Array.isArray(keys) || typeof keys === 'string' ? {} : structuredClone(keys);
        for (const k of wanted) if (k in items) out[k] = structuredClone(items[k]);
        return out;
      },
      async set(values) { for (const [k, v] of Object.entries(values)) items[k] = structuredClone(v); },
      async remove(keys) { for (const k of [].concat(keys)) delete items[k]; },
      async clear() { for (const k of Object.keys(items)) delete items[k]; },
    });
    const withAreas = (areaOf) => new Proxy(real, {
      get(target, key) {
        if (key !== 'storage') return target[key];
        return new Proxy(target.storage, {
          get(storage, name) {
            if (AREAS.includes(name)) return timedArea(areaOf(name));
            const value = storage[name];
            return typeof value === 'function' ? value.bind(storage) : value;
          },
        });
      },
    });
    const instrumented = withAreas((name) => real.storage[name]);
    const rotatedList = (items, round) => [...items.slice(round % items.length), ...items.slice(0, round % items.length)];
    const direct = messages.map(() => []);
    const confirmed = messages.map(() => []);
    const compute = messages.map(() => []);
    const issued = messages.map(() => []);
    const computeIssued = messages.map(() => []);
    const roundTrip = messages.map(() => []);
    const storage = messages.map(() => []);
    const first = [];
    // Three phases, each round-robin over the messages after its own warm-up, so each measures
    // a steady state: the worker reuses the records it parsed while storage holds its own last
    // write, and a phase that wrote elsewhere in between would make every call a cold one.
    for (let r = 0; r < warmup + rounds; r += 1) {
      for (const i of rotatedList(messages.map((_, k) => k), r)) {
        globalThis.chrome = instrumented;
        try {
          if (bases[i]) await (await wasm.processMessage(bases[i], Date.now())).saved;
        } finally {
          globalThis.chrome = real;
        }
        globalThis.chrome = instrumented;
        waited = 0;
        let answeredAt = null;
        const deliver = () => { answeredAt = performance.now(); };
        const t = performance.now();
        let dt;
        let issuedAfter;
        try {
          // As the worker calls it: a text check is answered through `deliver` before its write
          // is issued; processMessage returns once the write is issued.
          const reply = await wasm.processMessage(messages[i], Date.now(), typeof messages[i] === 'string' ? deliver : undefined);
          issuedAfter = performance.now() - t;
          dt = (answeredAt === null ? performance.now() : answeredAt) - t;
          // As the worker's queue does: the next check waits until the browser confirmed this
          // one's write (the answer does not).
          await reply.saved;
        } finally {
          globalThis.chrome = real;
        }
        const confirmedAfter = performance.now() - t;
        if (r === 0) first[i] = dt;
        if (r >= warmup) {
          direct[i].push(dt);
          issued[i].push(issuedAfter);
          confirmed[i].push(confirmedAfter);
          storage[i].push(waited);
        }
      }
    }
    const copies = {};
    for (const name of AREAS) copies[name] = memoryArea(await real.storage[name].get(null));
    for (let r = 0; r < warmup + rounds; r += 1) {
      for (const i of rotatedList(messages.map((_, k) => k), r)) {
        globalThis.chrome = withAreas((name) => copies[name]);
        try {
          if (bases[i]) await (await wasm.processMessage(bases[i], Date.now())).saved;
          let answeredAt = null;
          const deliver = () => { answeredAt = performance.now(); };
          const t = performance.now();
          const reply = await wasm.processMessage(messages[i], Date.now(), typeof messages[i] === 'string' ? deliver : undefined);
          const end = performance.now();
          if (r >= warmup) {
            compute[i].push((answeredAt === null ? end : answeredAt) - t);
            computeIssued[i].push(end - t);
          }
          await reply.saved;
        } finally {
          globalThis.chrome = real;
        }
      }
    }
    const ports = new Map(); // port name → the open port
    const portOf = (name) => {
      if (!ports.has(name)) {
        const port = real.runtime.connect({ name });
        port.onDisconnect.addListener(() => ports.delete(name));
        ports.set(name, port);
      }
      return ports.get(name);
    };
    // One message at a time on a port, so its next message is the answer.
    const viaPort = (name, message) => new Promise((resolve, reject) => {
      const port = portOf(name);
      const onAnswer = (answer) => {
        port.onMessage.removeListener(onAnswer);
        port.onDisconnect.removeListener(onClose);
        resolve(answer);
      };
      const onClose = () => reject(new Error(`the worker closed port ${name}`));
      port.onMessage.addListener(onAnswer);
      port.onDisconnect.addListener(onClose);
      port.postMessage(message);
    });
    const read = (answer) => {
      for (const value of answer && typeof answer === 'object' ? Object.values(answer) : [answer]) {
        if (typeof value === 'string' && value.startsWith('{')) JSON.parse(value);
      }
    };
    for (let r = 0; roundTrips && r < warmup + rounds; r += 1) {
      for (const i of rotatedList(messages.map((_, k) => k), r)) {
        const { message, port } = wires[i];
        if (baseWires[i]) {
          const before = baseWires[i];
          read(before.port ? await viaPort(before.port, before.message) : await real.runtime.sendMessage(before.message));
        }
        const t = performance.now();
        read(port ? await viaPort(port, message) : await real.runtime.sendMessage(message));
        if (r >= warmup) roundTrip[i].push(performance.now() - t);
      }
    }
    for (const port of ports.values()) port.disconnect();
    const registryBytes = JSON.stringify(await real.storage.local.get(null)).length;
    return { direct, issued, confirmed, compute, computeIssued, first, storage, roundTrip, registryBytes };
  }, { messages, wires, bases, baseWires, warmup, rounds, roundTrips }), 240000, 'replaying messages through processMessage');
}

/**
 * A CPU profile (sampling, 50 µs) of the extension page while it replays the captured
 * message `sent` (`{message}`) `times` times: where the worker's check time goes. Returns the
 * profile and a summary by category.
 */
export async function profileReplay(context, capture, sent, times = 200) {
  const message = payloadOf(sent.message);
  const cdp = await context.newCDPSession(capture);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await capture.evaluate(async () => {
    const wasm = await import('/pkg/oin_helper.js');
    await wasm.default();
  });
  await cdp.send('Profiler.start');
  const wall = await deadline(capture.evaluate(async ({ message, times }) => {
    const wasm = await import('/pkg/oin_helper.js');
    const t = performance.now();
    for (let i = 0; i < times; i += 1) await (await wasm.processMessage(message, Date.now(), () => {})).saved;
    return performance.now() - t;
  }, { message, times }), 120000, 'profiling processMessage');
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return { profile, wall, times, summary: summariseProfile(profile) };
}

/** Self time per category of a V8 CPU profile, in ms. */
export function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const id = profile.samples[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(id, (self.get(id) || 0) + dt);
  }
  const categories = {};
  const functions = {};
  for (const [id, t] of self) {
    const frame = byId.get(id).callFrame;
    const name = frame.functionName || '(anonymous)';
    let category;
    if (name === '(idle)') category = 'idle (awaiting chrome.storage / IPC)';
    else if (name === '(program)') category = 'browser native (program)';
    else if (name === '(garbage collector)') category = 'garbage collector';
    else if (frame.url.startsWith('wasm://') || /^\$?(func|wasm-function)/.test(name)) category = 'wasm (Rust core)';
    else if (frame.url === '' && ['parse', 'stringify'].includes(name)) category = `JSON.${name}`;
    else if (frame.url.includes('oin_helper.js')) category = 'wasm-bindgen JS glue';
    // Chrome's extension API bindings: the profiler names every method of an API object after
    // its last method (StorageArea's is setAccessLevel, runtime's setUninstallURL). Their self
    // time is the synchronous part of the call: converting the JS value for the browser process.
    else if (name === 'setAccessLevel') category = 'chrome.storage call, synchronous part (value conversion)';
    else if (name === 'setUninstallURL') category = 'chrome.runtime call, synchronous part (message serialisation)';
    else if (name === 'getUILanguage') category = 'chrome.i18n calls (getMessage)';
    else category = `other JS (${name})`;
    categories[category] = (categories[category] || 0) + t;
    const key = `${name} ${frame.url.split('/').pop()}`.trim();
    functions[key] = (functions[key] || 0) + t;
  }
  const top = Object.entries(functions).sort((a, b) => b[1] - a[1]).slice(0, 12);
  return { categories, top };
}

/** Summaries of the replay, per form and pooled. */
export function summarise(forms, result) {
  const perForm = forms.map((f, i) => ({
    name: f.name,
    url: f.url,
    controls: f.controls,
    first: result.first[i],
    check: describe(result.direct[i]),
    compute: describe(result.compute[i]),
    roundTrip: describe(result.roundTrip[i]),
  }));
  const ports = [...new Set(forms.map((f) => f.port || null))];
  return {
    registryBytes: result.registryBytes,
    // How the content script sent its checks, as captured: a port's name, or sendMessage.
    wire: ports.map((p) => (p ? `port '${p}'` : 'sendMessage')).join(' / '),
    perForm,
    pooled: describe(result.direct.flat()),
    compute: describe(result.compute.flat()),
    worstMedian: perForm.reduce((a, b) => (b.check.median > a.check.median ? b : a)),
    issued: describe(result.issued.flat()),
    computeIssued: describe(result.computeIssued.flat()),
    confirmed: describe(result.confirmed.flat()),
    storage: describe(result.storage.flat()),
    roundTrip: describe(result.roundTrip.flat()),
  };
}
