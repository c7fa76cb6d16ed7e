// End-to-end: least privilege, verified on the wire. Records every network request the extension
// makes during a typical session (the integrations list, a draft's wizard steps, the popup) and
// fails on anything but the signed-in org's documented endpoints:
//   https://<org host>/.well-known/okta-organization
//   https://<org or admin host>/integrations/api/v1/submissions*
//   https://<org or admin host>/api/v1/users/me
// Service-worker requests are seen through Playwright's `request.serviceWorker()`; the console
// pages' own requests are checked too (the content script must add none: every request a console
// tab makes is the replica page's own, same-origin script, data or style), and the popup may load
// only files of the extension itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startReplica, launch, hook, currentWorker, ORG_A } from '../lib/harness.mjs';
import { open } from '../lib/walk.mjs';

let replica;
let browser;
const worker = [];
const pages = [];
const popup = [];

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
  browser.context.on('request', (request) => {
    const sw = request.serviceWorker();
    let from = '';
    try {
      from = sw ? sw.url() : request.frame().url();
    } catch (_) {
      from = '';
    }
    const entry = { url: request.url(), method: request.method(), from, navigation: !sw && request.isNavigationRequest() };
    if (sw) worker.push(entry);
    else if (entry.from.startsWith('chrome-extension://')) popup.push(entry);
    else pages.push(entry);
  });
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

/** Whether a URL is one of the documented endpoints of one of the signed-in orgs. */
function documented(url, orgs) {
  const u = new URL(url);
  if (u.protocol !== 'https:' || u.username || u.password || (u.port && u.port !== '443')) return false;
  const org = orgs.find((o) => u.host === o || u.host === o.replace(/^([^.]+)\./, '$1-admin.'));
  if (!org) return false;
  if (u.pathname === '/.well-known/okta-organization') return u.host === org && !u.search;
  if (u.pathname === '/api/v1/users/me') return !u.search;
  return u.pathname === '/integrations/api/v1/submissions' || u.pathname.startsWith('/integrations/api/v1/submissions/');
}

test('a typical session: the extension asks only the signed-in org\'s documented endpoints', async () => {
  const page = await browser.context.newPage();
  // The integrations list, then a draft's steps.
  await page.goto(`https://${ORG_A}/admin/oin/integrations`);
  await hook(page, '[data-oin-row]').first().waitFor({ timeout: 10000 });
  for (const step of ['details', 'configure', 'test']) {
    await open(page, `https://${ORG_A}/admin/oin/integrations/acme_cranberry_1/edit/${step}?fixture=defects`);
  }
  await page.getByLabel('Display name').first().fill('Acme Cranberry Renamed').catch(() => {});
  await page.waitForTimeout(500);
  // The popup, about that tab.
  const pop = await browser.context.newPage();
  await page.bringToFront();
  await pop.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await pop.locator('[data-oin-current-org]').waitFor({ timeout: 10000 });
  await pop.waitForTimeout(500);
  await pop.close();
  // Requests the worker issues after answering (org id, submissions) have time to happen.
  await currentWorker(browser.context);
  await page.waitForTimeout(1500);

  const signedIn = ['integrator-1000001.okta.com'];
  const network = (list) => list.filter((r) => /^https?:/.test(r.url));
  const outside = network(worker).filter((r) => !documented(r.url, signedIn));
  assert.deepEqual(outside, [], 'worker requests outside the documented endpoints');
  assert.ok(
    network(worker).some((r) => r.url === 'https://integrator-1000001.okta.com/.well-known/okta-organization'),
    `the recorder saw the org id lookup (worker requests: ${JSON.stringify(network(worker).map((r) => r.url))})`,
  );
  assert.deepEqual(network(popup), [], 'the popup made network requests');
  // Console tabs: only the replica page's own requests (same origin, its scripts, data, styles).
  const own = (r) => {
    const u = new URL(r.url);
    // Navigations are the test's own page loads.
    if (r.navigation) return u.host === ORG_A;
    const from = r.from ? new URL(r.from) : null;
    return from && u.origin === from.origin
      && (u.pathname.startsWith('/static/') || u.pathname.startsWith('/replica-api/') || u.pathname === '/favicon.ico');
  };
  assert.deepEqual(network(pages).filter((r) => !own(r)), [], 'console tabs made requests the page did not');
  const figures = {
    worker: network(worker).length,
    byEndpoint: Object.entries(network(worker).reduce((acc, r) => {
      const key = `${new URL(r.url).host}${new URL(r.url).pathname}`;
      acc[key] = (acc[key] || 0) + 1;
      return acc;
    }, {})),
    pages: network(pages).length,
    popup: network(popup).length,
  };
  console.log(`requests seen: ${JSON.stringify(figures)}`);
  await page.close();
});

test('the check itself catches a request outside the documented endpoints', () => {
  const orgs = ['integrator-1000001.okta.com'];
  assert.ok(documented('https://integrator-1000001.okta.com/.well-known/okta-organization', orgs));
  assert.ok(documented('https://integrator-1000001-admin.okta.com/integrations/api/v1/submissions?limit=20', orgs));
  assert.ok(documented('https://integrator-1000001-admin.okta.com/api/v1/users/me', orgs));
  for (const bad of [
    'https://integrator-2000002.okta.com/.well-known/okta-organization',
    'https://integrator-1000001-admin.okta.com/.well-known/okta-organization?x=1',
    'https://integrator-1000001-admin.okta.com/api/v1/users',
    'https://integrator-1000001-admin.okta.com/api/v1/apps',
    'http://integrator-1000001.okta.com/.well-known/okta-organization',
    'https://evil.example/.well-known/okta-organization',
    'https://integrator-1000001.okta.com.evil.example/integrations/api/v1/submissions',
    'https://x@integrator-1000001.okta.com/api/v1/users/me',
  ]) {
    assert.equal(documented(bad, orgs), false, bad);
  }
});
