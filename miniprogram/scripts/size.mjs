#!/usr/bin/env node
// Prints main-package and total sizes of the mini-program builds (dist/<type>).
// Main package = everything except the sub-package roots listed in app.json. Hosts limit the
// main package to 2 MB; we aim to stay under 1 MB. Exits 1 if a main package is over 1 MB.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const LIMIT = 1024 * 1024;

function bytes(dir) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    n += st.isDirectory() ? bytes(p) : st.size;
  }
  return n;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let over = false;
for (const type of ['dd', 'qywx', 'lark']) {
  const root = join(dist, type);
  const appJson = join(root, 'app.json');
  if (!existsSync(appJson)) {
    console.log(`${type.padEnd(5)} not built`);
    continue;
  }
  const app = JSON.parse(readFileSync(appJson, 'utf8'));
  const subs = (app.subpackages || app.subPackages || []).map((s) => s.root);
  const total = bytes(root);
  const subSizes = subs.map((r) => [r, existsSync(join(root, r)) ? bytes(join(root, r)) : 0]);
  const main = total - subSizes.reduce((a, [, n]) => a + n, 0);
  if (main > LIMIT) over = true;
  const subText = subSizes.map(([r, n]) => `${r}=${kb(n)}`).join(', ');
  console.log(`${type.padEnd(5)} main ${kb(main).padStart(9)}  total ${kb(total).padStart(9)}  sub-packages: ${subText}`);
}
process.exit(over ? 1 : 0);
