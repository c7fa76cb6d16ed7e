// OIN Helper service worker: moves messages to the Rust core and back; decides nothing.
// Listeners are registered synchronously at the top level (MV3: the worker may be woken by an
// event at any time); the wasm is awaited inside them. No state lives here between events:
// the Rust side loads the registry from chrome.storage, handles, and saves.
import init, { processMessage } from './pkg/oin_helper.js';

const ready = init();

// One writer: messages are handled one after another so two tabs never interleave a
// load → handle → save cycle (no lost update).
let queue = Promise.resolve();

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const run = async () => {
    await ready;
    const response = await processMessage(message, Date.now());
    if (sender.tab && sender.tab.id !== undefined && response && response.kind === 'plan') {
      chrome.action.setBadgeText({ tabId: sender.tab.id, text: response.badge || '' }).catch(() => {});
      chrome.action.setBadgeBackgroundColor({ tabId: sender.tab.id, color: '#b3261e' }).catch(() => {});
    }
    return response;
  };
  queue = queue.then(run).then(sendResponse, (error) => {
    console.error('OIN Helper: the worker could not handle a message:', error);
    sendResponse({ kind: 'error', message: String((error && error.message) || error) });
  });
  return true; // the answer comes asynchronously
});
