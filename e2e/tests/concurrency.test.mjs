// End-to-end concurrency: two tabs checking two integrations while the popup pins a submitter,
// with the worker terminated in the middle: one writer in the worker, so no update is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, currentWorker, killWorker, ORG_A, readRegistry } from '../lib/harness.mjs';
import { LAYOUTS, open } from '../lib/walk.mjs';

let replica;
let browser;

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

test('two tabs typing and a popup pin, interleaved, all land', async () => {
  const one = await browser.context.newPage();
  const two = await browser.context.newPage();
  await open(one, LAYOUTS.wizard('acme_blueberry_1', 'empty')[1]);
  await open(two, LAYOUTS.wizard('acme_raspberry_1', 'empty')[1]);
  await one.goto(`https://${ORG_A}/admin/oin/integrations`);
  await hook(one, '[data-oin-row]').first().waitFor();
  await open(one, LAYOUTS.wizard('acme_blueberry_1', 'empty')[1]);
  const popup = await browser.context.newPage();
  await one.bringToFront();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const pin = popup.locator('[data-oin-draft][data-integration="acme_raspberry_1"] [data-action="pin-submitter"]');
  await pin.waitFor();

  // Both tabs type at once, the popup pins in the middle, and the worker is killed mid-way.
  await Promise.all([
    one.getByLabel('Display name').pressSequentially('Blueberry One', { delay: 15 }),
    two.getByLabel('Display name').pressSequentially('Raspberry Two', { delay: 15 }),
    (async () => {
      await new Promise((r) => setTimeout(r, 60));
      await pin.click();
      await new Promise((r) => setTimeout(r, 60));
      await killWorker(browser.context, browser.extensionId);
    })(),
  ]);
  // One more keystroke each, after the worker is gone, wakes it again.
  await one.getByLabel('Display name').press('End');
  await one.getByLabel('Display name').pressSequentially('!');
  await two.getByLabel('Display name').pressSequentially('!');

  const worker = await currentWorker(browser.context);
  const end = Date.now() + 10000;
  let reg;
  for (;;) {
    reg = await worker.evaluate(readRegistry);
    const a = reg.integrations.acme_blueberry_1?.drafts['integrator-1000001.okta.com'];
    const b = reg.integrations.acme_raspberry_1?.drafts['integrator-1000001.okta.com'];
    const text = (d) => d?.draft.cells['catalog.display_name']?.[0]?.text;
    if (text(a) === 'Blueberry One!' && text(b) === 'Raspberry Two!') break;
    if (Date.now() > end) assert.fail(`lost update: ${text(a)} / ${text(b)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  const claims = reg.integrations.acme_raspberry_1.submitters;
  assert.ok(claims.some((c) => c.how === 'pinned' && c.org.host === 'integrator-1000001.okta.com'), 'the pin landed too');
  await popup.close();
  await one.close();
  await two.close();
});
