// `make demo`: starts the replica console and Chromium with the unpacked extension, walks
// through the main feature and saves screenshots to target/demo/. With a display it leaves the
// browser open for you to try (Ctrl-C ends it); without one it runs headless and exits.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startReplica, launch, hook, ROOT, ORG_A, ORG_B } from './lib/harness.mjs';

const out = join(ROOT, 'target', 'demo');
mkdirSync(out, { recursive: true });
const headless = !process.env.DISPLAY;
const replica = await startReplica();
const browser = await launch(replica.port, { headless });
const shots = [];
const shot = async (page, name) => {
  const path = join(out, name);
  await page.screenshot({ path });
  shots.push(path);
};

try {
  const page = await browser.context.newPage();
  await page.goto(`https://${ORG_A}/admin/oin/integrations/acme_strawberrycentral_1/edit/details?fixture=empty`);
  await hook(page, '[data-oin-finding][data-field="catalog.display_name"]').waitFor({ timeout: 15000 });
  await shot(page, '1-empty-display-name.png');
  await page.getByLabel('Display name').pressSequentially('Acme Strawberry Central', { delay: 20 });
  await hook(page, '[data-oin-finding][data-field="catalog.display_name"]').waitFor({ state: 'detached' });
  await shot(page, '2-after-typing.png');
  const complete = await hook(page, '[data-oin-summary]').getAttribute('data-complete');

  const defects = await browser.context.newPage();
  await defects.goto(`https://${ORG_B}/admin/oin/integrations/acme_strawberrycentral_1/edit?fixture=defects`);
  await hook(defects, '[data-oin-summary]').waitFor({ timeout: 15000 });
  await defects.waitForTimeout(500);
  await shot(defects, '3-seeded-defects.png');

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 520 });
  await page.bringToFront();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await popup.locator('[data-oin-current-org]').waitFor({ timeout: 15000 });
  await shot(popup, '4-popup.png');

  // The same views in the dark colour scheme (the helper follows prefers-color-scheme).
  await defects.emulateMedia({ colorScheme: 'dark' });
  await defects.bringToFront();
  await defects.waitForTimeout(300);
  await shot(defects, '5-seeded-defects-dark.png');
  await popup.emulateMedia({ colorScheme: 'dark' });
  await shot(popup, '6-popup-dark.png');
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await options.locator('tr[data-rule]').first().waitFor({ timeout: 15000 });
  await shot(options, '7-options.png');

  console.log(`OIN Helper demo: the marker for the empty Display name appeared and cleared on typing; summary at ${complete}%.`);
  console.log('Screenshots:');
  for (const path of shots) console.log(`  ${path}`);
  if (!headless) {
    console.log(`Replica console on 127.0.0.1:${replica.port}; the browser stays open. Press Ctrl-C to stop.`);
    await new Promise((resolve) => process.on('SIGINT', resolve));
  }
} finally {
  await browser.close();
  replica.stop();
}
