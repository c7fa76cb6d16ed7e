// End-to-end: hardened pages. The replica's `?tt=1` adds `require-trusted-types-for 'script'` to
// its strict CSP (`script-src 'self'`, no 'wasm-unsafe-eval'), as a hardened console could send.
// Every step of the OIN Wizard, the Support-article layout and the OIN Manager with the `defects`
// fixture must get the same checks as without Trusted Types (markers, summary, guard), with no
// console error and no CSP or Trusted Types violation. Each walk runs twice, in fresh profiles:
// without and with Trusted Types, and the markers of every step must be the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, watchErrors } from '../lib/harness.mjs';
import { LAYOUTS, open, summaryOf, markers } from '../lib/walk.mjs';

let replica;

before(async () => {
  replica = await startReplica();
});
after(() => replica?.stop());

const IDS = { wizard: 'acme_cranberry_1', article: 'acme_strawberrycentral_1', manager: 'acme_kiwi_1' };

/** Walks a layout's steps in a fresh profile; returns what the extension showed on each. */
async function walkIn(urls, { trustedTypes }) {
  const browser = await launch(replica.port);
  try {
    const page = await browser.context.newPage();
    // CSP and Trusted Types violations, reported in the page's main world.
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const errors = watchErrors(page);
    const steps = [];
    for (const base of urls) {
      const url = trustedTypes ? `${base}&tt=1` : base;
      await open(page, url);
      const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      const found = await markers(page);
      steps.push({
        csp,
        summary: await summaryOf(page),
        markers: found.map((m) => `${m.field} ${m.rule} ${m.severity}`).sort(),
        violations: await page.evaluate(() => window.__violations),
      });
    }
    // The submit guard works there too.
    await page.getByRole('button', { name: /^Submit (for Review|integration)$/ }).click();
    await hook(page, '[data-oin-dialog="submit-guard"]').waitFor({ timeout: 5000 });
    await hook(page, '[data-action="go-back"]').click();
    return { steps, errors };
  } finally {
    await browser.close();
  }
}

for (const [layout, urls] of Object.entries(LAYOUTS)) {
  test(`${layout}: every step gets the same checks under Trusted Types`, async () => {
    const steps = urls(IDS[layout], 'defects');
    // Two fresh profiles, side by side.
    const [plain, hardened] = await Promise.all([
      walkIn(steps, { trustedTypes: false }),
      walkIn(steps, { trustedTypes: true }),
    ]);
    assert.equal(hardened.steps.length, steps.length);
    for (const [i, step] of hardened.steps.entries()) {
      const where = `${steps[i]}&tt=1`;
      assert.match(step.csp, /require-trusted-types-for 'script'/, where);
      assert.match(step.csp, /script-src 'self'(;|$)/, where);
      assert.doesNotMatch(step.csp, /wasm-unsafe-eval|unsafe-inline|unsafe-eval/, where);
      assert.deepEqual(step.violations, [], `${where}: CSP / Trusted Types violations`);
      // The same findings on the same controls. (The summary's totals also count what the
      // submissions API contributed, which lands at its own pace: compared for presence only.)
      assert.deepEqual(step.markers, plain.steps[i].markers, `${where}: the markers differ from the same walk without Trusted Types`);
      assert.ok(step.summary.complete >= 0 && step.summary.complete <= 100, `${where}: summary`);
    }
    const total = hardened.steps.reduce((n, step) => n + step.markers.length, 0);
    assert.ok(total >= 10, `only ${total} markers on the defects walk`);
    assert.deepEqual(hardened.errors, [], 'console errors on hardened pages');
  });
}
