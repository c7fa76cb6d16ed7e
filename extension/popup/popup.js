// Popup entry: puts the catalogue's words into the static page ([data-i18n]), loads the Rust
// core and lets it build the UI; nothing else.
import init, { popupMain } from '../pkg/oin_helper.js';

const msg = (key, subs) => globalThis.chrome?.i18n?.getMessage(key, subs);
document.documentElement.lang = msg('html_lang') || 'en';
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = msg(el.dataset.i18n) || el.textContent;

// Builds the elements Rust decided (src/view_tree.rs: `[tag, text, [name, value, …], [child, …]]`)
// in one call: the board's ~3,000 elements one web-sys call at a time cost ~35 ms of boundary
// crossings. Words and values are set as text (textContent, setAttribute), never parsed as
// HTML; only the popup's own tags and `class`, `type` and `data-*` attributes are accepted.
// It runs once, cold (interpreted): plain index loops, no destructuring or iterators.
const TAGS = new Set(['div', 'section', 'h3', 'ul', 'li', 'strong', 'span', 'details', 'summary', 'button']);
function build(node) {
  const tag = node[0];
  if (!TAGS.has(tag)) throw new Error(`popup: unexpected element <${tag}>`);
  const el = document.createElement(tag);
  if (node[1] !== '') el.textContent = node[1];
  const attrs = node[2];
  for (let i = 0; i < attrs.length; i += 2) {
    const name = attrs[i];
    if (name !== 'class' && name !== 'type' && !name.startsWith('data-')) throw new Error(`popup: unexpected attribute ${name}`);
    el.setAttribute(name, attrs[i + 1]);
  }
  const children = node[3];
  for (let i = 0; i < children.length; i += 1) el.appendChild(build(children[i]));
  return el;
}
function appendTree(parent, json) {
  return parent.appendChild(build(JSON.parse(json)));
}

// The stored board and the tabs are read while the wasm loads (the popup renders from the board
// without waking the worker).
const indexRead = chrome.storage.local.get('index');
const tabsRead = Promise.all([chrome.tabs.query({ active: true, currentWindow: true }), chrome.tabs.query({})]);
const root = document.getElementById('app');
try {
  await init();
  await popupMain(root, Date.now(), indexRead, tabsRead, appendTree);
} catch (error) {
  const reason = String((error && error.message) || error);
  root.textContent = msg('page_start_failed', [reason]) || `OIN Helper could not start: ${reason}`;
}
