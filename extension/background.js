// OIN Helper service worker: moves messages (content scripts' checks over ports, the popup's and
// options page's requests) to the Rust core and back, and runs the network effects the core
// asks for; it decides nothing. Listeners are registered synchronously at the
// top level (MV3: the worker may be woken by an event at any time); the wasm is awaited inside
// them. No state lives here between events: the Rust side reads the registry from
// chrome.storage, handles, answers and issues its save in the same turn (it reuses the records it parsed
// last time only while storage still holds its own last write; see src/wasm/store.rs).
import init, { processMessage, storageChanged } from './pkg/oin_helper.js';

const ready = init();
const FETCH_TIMEOUT_MS = 5000;
const MAX_BODY = 4 * 1024 * 1024;

// One writer: messages are handled one after another so two tabs (or a tab and the popup)
// never interleave a load → handle → save cycle (no lost update). A check is answered through
// `deliver` as soon as the core has its answer, and its write is issued right after in the same
// turn; the next message waits until the browser confirmed the write (`saved`).
let queue = Promise.resolve();
function enqueue(message, deliver) {
  const run = queue.then(async () => {
    await ready;
    return processMessage(message, Date.now(), deliver);
  });
  queue = run.then((reply) => reply.saved).catch(() => {});
  return run;
}

// Requests the worker makes on its own, both to the signed-in org's own documented endpoints:
// its public /.well-known/okta-organization (no credentials) and its submissions API (with the
// admin's session). Failures are reported to the core, which falls back and backs off; no page
// ever waits for these.
async function fetchText(url, credentials) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(url, { credentials, signal: controller.signal, redirect: 'error' });
    const retry = Number(response.headers.get('retry-after'));
    return {
      status: response.status,
      body: (await response.text()).slice(0, MAX_BODY),
      link: response.headers.get('link') || '',
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
    };
  } catch (_) {
    return { status: 0, body: '', link: '', retryAfter: null }; // offline, timeout, TLS, closed
  } finally {
    clearTimeout(timer);
  }
}

async function runEffect(effect) {
  let report;
  if (effect.kind === 'fetch-org-id') {
    const answer = await fetchText(effect.url, 'omit');
    report = { kind: 'org-lookup', host: effect.host, status: answer.status, body: answer.body, retry_after: answer.retryAfter };
  } else if (effect.kind === 'fetch-submissions') {
    const answer = await fetchText(effect.url, 'include');
    report = { kind: 'submissions', host: effect.host, status: answer.status, body: answer.body, link: answer.link, page: effect.page };
  } else {
    return;
  }
  const { effects } = await enqueue(report);
  for (const next of effects) await runEffect(next);
}

// Writes by anyone else (another extension page, DevTools, a sync from another device) make the
// Rust side read storage afresh; its own writes carry its stamp and are ignored there.
chrome.storage.onChanged.addListener((changes, area) => {
  const ours = (key) => key === 'registry' || key === 'stamp' || key.startsWith('integration:');
  if (area === 'local' && !Object.keys(changes).some(ours)) return;
  if (area !== 'local' && area !== 'sync') return;
  const stamp = (changes.stamp && changes.stamp.newValue) || '';
  ready.then(() => storageChanged(area, String(stamp)), () => {});
});

// The toolbar badge: the error count of the tab's page. Each `chrome.action` call costs ~0.4 ms of
// the worker's thread (measured), so the colour is set once as the default for every tab, and a
// tab's text only when it differs from what this worker last set for the same document (the
// browser clears a tab's badge when it navigates to a new document; without a document id, as
// in Firefox, it is always set).
chrome.action.setBadgeBackgroundColor({ color: '#b3261e' }).catch(() => {});
const badges = new Map(); // tab id → `${documentId}\n${text}` last set
function showBadge(sender, text) {
  const tabId = sender.tab.id;
  const key = sender.documentId ? `${sender.documentId}\n${text}` : null;
  if (key !== null && badges.get(tabId) === key) return;
  if (badges.size > 1000) badges.clear();
  badges.set(tabId, key);
  chrome.action.setBadgeText({ tabId, text }).catch(() => badges.delete(tabId));
}

const errorAnswer = (error) => ({ kind: 'error', message: String((error && error.message) || error) });

// Content scripts send their checks over a long-lived port named 'check' (one IPC hop each way,
// where sendMessage opens a new channel through the browser process per check), as JSON text
// `{id, text}`: the core reads the text with serde and answers `{id, text}` with the answer's
// JSON text, which the page parses; beside it the core gives the plan's badge (null for other
// answers). The port does not keep this worker alive: when it stops, the page sees the port
// close and connects again for its next check.
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'check') return;
  const { sender } = port;
  const answer = (id, text) => {
    try {
      port.postMessage({ id, text });
    } catch (_) {
      // The tab closed or navigated away while its check was handled: nobody to tell.
    }
  };
  port.onMessage.addListener((message) => {
    const id = message && message.id;
    if (!message || typeof message.text !== 'string') {
      answer(id, JSON.stringify(errorAnswer('a check must be sent as JSON text')));
      return;
    }
    // Called by the core once, as soon as the answer exists (before the check's write is
    // issued): the page first, the badge and network work after.
    let delivered = false;
    const deliver = ({ text, badge, effects }) => {
      delivered = true;
      answer(id, text);
      if (sender && sender.tab && sender.tab.id !== undefined && typeof badge === 'string') showBadge(sender, badge);
      for (const effect of effects) runEffect(effect).catch(() => {});
    };
    enqueue(message.text, deliver).catch((error) => {
      console.error('OIN Helper: the worker could not handle a message:', error);
      if (!delivered) answer(id, JSON.stringify(errorAnswer(error)));
    });
  });
});

// One-off requests as objects: the popup and the options page.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  enqueue(message).then(({ response, effects }) => {
    // The page first: the badge can follow.
    sendResponse(response);
    if (sender.tab && sender.tab.id !== undefined && response.kind === 'plan') showBadge(sender, response.badge || '');
    for (const effect of effects) runEffect(effect).catch(() => {});
  }, (error) => {
    console.error('OIN Helper: the worker could not handle a message:', error);
    sendResponse(errorAnswer(error));
  });
  return true; // the answer comes asynchronously
});
