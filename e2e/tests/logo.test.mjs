// End-to-end: logo checks from the chosen file, read locally (format, size, pixel dimensions
// from the image header parsed in Rust); nothing is uploaded anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { startReplica, launch, hook } from '../lib/harness.mjs';
import { LAYOUTS, open } from '../lib/walk.mjs';

let replica;
let browser;
let page;
const dir = mkdtempSync(join(tmpdir(), 'oin-logo-'));

function png(width, height, padTo = 0) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height, 0x80);
  for (let y = 0; y < height; y += 1) raw[y * (width * 3 + 1)] = 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw))];
  // Padding in an ancillary chunk makes a large but valid file.
  if (padTo) parts.push(chunk('tEXt', Buffer.alloc(padTo, 0x41)));
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

function file(name, bytes) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

before(async () => {
  replica = await startReplica();
  browser = await launch(replica.port);
  page = await browser.context.newPage();
});
after(async () => {
  await browser?.close();
  replica?.stop();
});

async function choose(path) {
  await open(page, LAYOUTS.wizard('acme_blueberry_1', 'complete-saml')[1]);
  await page.getByLabel('Logo').setInputFiles(path);
  // The content script reads the file's first bytes, then asks again.
  await page.waitForTimeout(600);
  return hook(page, '[data-oin-finding][data-field="catalog.logo"]').evaluateAll((els) => els.map((e) => `${e.dataset.rule}: ${e.textContent}`));
}

test('a 244×244 PNG passes', async () => {
  assert.deepEqual(await choose(file('ok.png', png(244, 244))), []);
});

test('a 300×120 PNG is flagged with its real pixel size', async () => {
  const found = await choose(file('wide.png', png(300, 120)));
  assert.deepEqual(found, ['logo_dims: Logo is 300×120 pixels; the OIN catalog accepts exactly 244×244, 200×200, 244×156 or 156×244.']);
});

test('a logo of 1 MB or more is flagged for size', async () => {
  const found = await choose(file('big.png', png(244, 244, 1100 * 1024)));
  assert.equal(found.length, 1);
  assert.match(found[0], /^logo_size: /);
});

test('a BMP is flagged for its format', async () => {
  const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]);
  const found = await choose(file('logo.bmp', bmp));
  assert.ok(found.some((f) => f.startsWith('logo_format: ')), found.join('\n'));
});

test('a truncated PNG does not break the check', async () => {
  const found = await choose(file('cut.png', png(244, 244).subarray(0, 20)));
  assert.ok(found.every((f) => !/undefined|NaN/.test(f)), found.join('\n'));
  assert.equal(await hook(page, '[data-oin-summary]').count(), 1);
});
