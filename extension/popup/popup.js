// Popup entry: puts the catalogue's words into the static page ([data-i18n]), loads the Rust
// core and lets it build the UI (web-sys); nothing else.
import init, { popupMain } from '../pkg/oin_helper.js';

const msg = (key, subs) => globalThis.chrome?.i18n?.getMessage(key, subs);
document.documentElement.lang = msg('html_lang') || 'en';
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = msg(el.dataset.i18n) || el.textContent;

// The stored board and the tabs are read while the wasm loads (the popup renders from the board
// without waking the worker).
const indexRead = chrome.storage.local.get('index');
const tabsRead = Promise.all([chrome.tabs.query({ active: true, currentWindow: true }), chrome.tabs.query({})]);
const root = document.getElementById('app');
try {
  await init();
  await popupMain(root, Date.now(), indexRead, tabsRead);
} catch (error) {
  const reason = String((error && error.message) || error);
  root.textContent = msg('page_start_failed', [reason]) || `OIN Helper could not start: ${reason}`;
}
