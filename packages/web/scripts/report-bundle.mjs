#!/usr/bin/env node
/**
 * Prints the compressed JavaScript each route loads, from Vite's manifest, and fails the build
 * when the first route (the start page) is over its budget (QUALITY.md: 170 KB compressed).
 * Sizes are gzip level 9 and brotli, as a browser would download them from a compressing server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const FIRST_ROUTE_BUDGET_KB = 170;

const sizeOf = (file) => {
  const buf = readFileSync(path.join(dist, file));
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

/** Every JS file a manifest entry loads up front (its own file plus static imports). */
function closure(key, seen = new Set()) {
  const entry = manifest[key];
  if (!entry || seen.has(key)) return seen;
  seen.add(key);
  for (const dep of entry.imports ?? []) closure(dep, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entryFiles = closure(entryKey);
const routes = Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry);

const kb = (n) => (n / 1024).toFixed(1);
const total = (keys) =>
  [...keys].reduce(
    (acc, k) => {
      const s = sizeOf(manifest[k].file);
      return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, brotli: acc.brotli + s.brotli };
    },
    { raw: 0, gzip: 0, brotli: 0 },
  );

const rows = [];
const shell = total(entryFiles);
rows.push(['app shell (every page)', shell]);
let firstRoute = null;
for (const key of routes) {
  const own = new Set([...closure(key)].filter((k) => !entryFiles.has(k)));
  const size = total(own);
  const name = key.includes('node_modules/')
    ? `${key.replace(/.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*/, '$1')} (loaded after first render)`
    : key.replace(/^src\//, '');
  rows.push([`+ ${name}`, size]);
  if (/features\/search\/SearchPage/.test(key)) firstRoute = { shell, route: size };
}

console.log('\nJavaScript per route (KB: raw / gzip / brotli)');
for (const [name, s] of rows) {
  console.log(
    `  ${name.padEnd(48)} ${kb(s.raw).padStart(8)} ${kb(s.gzip).padStart(8)} ${kb(s.brotli).padStart(8)}`,
  );
}
if (firstRoute) {
  const gz = firstRoute.shell.gzip + firstRoute.route.gzip;
  console.log(`\nFirst route (start page): ${kb(gz)} KB gzip, budget ${FIRST_ROUTE_BUDGET_KB} KB`);
  if (gz / 1024 > FIRST_ROUTE_BUDGET_KB) {
    console.error(`First route is over its ${FIRST_ROUTE_BUDGET_KB} KB budget.`);
    process.exit(1);
  }
}
