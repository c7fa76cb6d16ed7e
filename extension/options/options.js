// Options entry: loads the Rust core and lets it build the page (web-sys); nothing else.
import init, { optionsMain } from '../pkg/oin_helper.js';

const root = document.getElementById('app');
try {
  await init();
  await optionsMain(root);
} catch (error) {
  root.textContent = `OIN Helper could not start: ${String((error && error.message) || error)}`;
}
