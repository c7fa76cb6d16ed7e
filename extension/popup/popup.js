// Popup entry: loads the Rust core and lets it build the UI (web-sys); nothing else.
import init, { popupMain } from '../pkg/oin_helper.js';

const root = document.getElementById('app');
try {
  await init();
  await popupMain(root, Date.now());
} catch (error) {
  root.textContent = `OIN Helper could not start: ${String((error && error.message) || error)}`;
}
