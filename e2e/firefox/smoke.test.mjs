// Firefox smoke test: the same extension package (dist/firefox) in Debian's firefox-esr, driven
// by geckodriver over plain WebDriver (Playwright cannot drive a stock Firefox). The replica's
// host names resolve to loopback through Firefox's `network.dns.localDomains`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, ROOT } from '../lib/harness.mjs';

const GECKODRIVER = [process.env.GECKODRIVER, join(process.env.HOME || '/root', '.cargo/bin/geckodriver')].find((p) => p && existsSync(p));
const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));
const PACKAGE = join(ROOT, 'dist', 'firefox');
const HOSTS = ['integrator-1000001-admin.okta.com', 'integrator-1000001.okta.com'];

let replica;
let driver;
let base;
let session;

async function wd(method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value).slice(0, 400)}`);
  return json.value;
}

const run = (script, args = []) => wd('POST', `/session/${session}/execute/sync`, { script, args });

async function until(check, what, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  assert.ok(GECKODRIVER && FIREFOX, 'geckodriver and firefox-esr are installed by `make setup`');
  replica = await startReplica();
  const port = 4444 + Math.floor(Math.random() * 1000);
  driver = spawn(GECKODRIVER, ['--port', String(port), '--log', 'error'], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  await until(async () => fetch(`${base}/status`).then((r) => r.ok, () => false), 'geckodriver');
  const profile = mkdtempSync(join(tmpdir(), 'oin-ff-'));
  const created = await wd('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        acceptInsecureCerts: true,
        'moz:firefoxOptions': {
          binary: FIREFOX,
          args: ['-headless', '-profile', profile],
          prefs: {
            'network.dns.localDomains': HOSTS.join(','),
            // MV3 host permissions are opt-in in Firefox; a test profile grants them up front.
            'extensions.originControls.grantByDefault': true,
            'datareporting.policy.dataSubmissionEnabled': false,
          },
        },
      },
    },
  });
  session = created.sessionId;
  await wd('POST', `/session/${session}/moz/addon/install`, { path: PACKAGE, temporary: true });
});

after(async () => {
  if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
  driver?.kill();
  replica?.stop();
});

test('Firefox: an empty Display name gets its marker, and typing clears it', async () => {
  const url = `https://${HOSTS[0]}:${replica.port}/admin/oin/integrations/acme_blueberry_1/edit/details?fixture=empty`;
  await wd('POST', `/session/${session}/url`, { url });
  const marker = () => run(`
    const host = document.querySelector('oin-helper');
    const m = host && host.shadowRoot.querySelector('[data-oin-finding][data-field="catalog.display_name"][data-rule="required"]');
    return m ? m.textContent : null;`);
  assert.equal(await until(marker, 'the marker'), 'Display name is required.');
  await run(`
    const label = [...document.querySelectorAll('label')].find((l) => /Display name/.test(l.textContent));
    const field = label && (label.control || document.getElementById(label.htmlFor));
    field.focus();`);
  await wd('POST', `/session/${session}/actions`, {
    actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: 'A' }, { type: 'keyUp', value: 'A' }] }],
  });
  await until(async () => (await marker()) === null, 'the marker to clear');
});
