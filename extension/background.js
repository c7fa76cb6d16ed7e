// OIN Helper service worker: moves messages to the Rust core and back, and runs the network
// effects the core asks for; it decides nothing. Listeners are registered synchronously at the
// top level (MV3: the worker may be woken by an event at any time); the wasm is awaited inside
// them. No state lives here between events: the Rust side loads the registry from
// chrome.storage, handles, and saves.
import init, { processMessage } from './pkg/oin_helper.js';

const ready = init();
const LOOKUP_TIMEOUT_MS = 5000;

// One writer: messages are handled one after another so two tabs (or a tab and the popup)
// never interleave a load → handle → save cycle (no lost update).
let queue = Promise.resolve();
function enqueue(message) {
  const run = queue.then(async () => {
    await ready;
    return processMessage(message, Date.now());
  });
  queue = run.catch(() => {});
  return run;
}

// The only request the worker makes on its own: the signed-in org's public, documented
// /.well-known/okta-organization (no credentials). Failures are reported to the core, which
// falls back to the host and backs off; nothing waits for this.
async function runEffect(effect) {
  if (effect.kind !== 'fetch-org-id') return;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), LOOKUP_TIMEOUT_MS);
  let status = 0;
  let body = '';
  let retryAfter = null;
  try {
    const response = await fetch(effect.url, { credentials: 'omit', signal: controller.signal, redirect: 'error' });
    status = response.status;
    const retry = Number(response.headers.get('retry-after'));
    retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
    body = (await response.text()).slice(0, 65536);
  } catch (_) {
    status = 0; // offline, timeout, TLS or connection closed: the core backs off
  } finally {
    clearTimeout(timer);
  }
  await enqueue({ kind: 'org-lookup', host: effect.host, status, body, retry_after: retryAfter });
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  enqueue(message).then(({ response, effects }) => {
    if (sender.tab && sender.tab.id !== undefined && response.kind === 'plan') {
      chrome.action.setBadgeText({ tabId: sender.tab.id, text: response.badge || '' }).catch(() => {});
      chrome.action.setBadgeBackgroundColor({ tabId: sender.tab.id, color: '#b3261e' }).catch(() => {});
    }
    sendResponse(response);
    for (const effect of effects) runEffect(effect).catch(() => {});
  }, (error) => {
    console.error('OIN Helper: the worker could not handle a message:', error);
    sendResponse({ kind: 'error', message: String((error && error.message) || error) });
  });
  return true; // the answer comes asynchronously
});
