// Figure 5: size of what ships: the wasm module raw and gzipped (level 9, as a server or the
// store would compress it), and every store zip in dist/.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../lib/harness.mjs';

/** Sizes of the extension in `extensionDir` (the benchmark's copy of dist/chrome) and of dist/*.zip. */
export function measureSize(extensionDir) {
  const wasm = readFileSync(join(extensionDir, 'pkg', 'oin_helper_bg.wasm'));
  const glue = readFileSync(join(extensionDir, 'pkg', 'oin_helper.js'));
  const zips = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.zip'))
    .map((f) => ({ file: `dist/${f}`, bytes: statSync(join(ROOT, 'dist', f)).size }));
  return {
    wasm: { path: 'dist/chrome/pkg/oin_helper_bg.wasm', raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length },
    glue: { path: 'dist/chrome/pkg/oin_helper.js', raw: glue.length, gzip: gzipSync(glue, { level: 9 }).length },
    zips,
    zipTotal: zips.reduce((a, z) => a + z.bytes, 0),
  };
}
