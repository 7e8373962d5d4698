#!/usr/bin/env node
/**
 * Prints the compressed JavaScript each route loads, from Vite's manifest, and fails the build
 * when a first route is over its budget (QUALITY.md: 170 KB compressed). There are two first
 * routes: the start page (worklists) for a signed-in user, and sign-in for everyone else.
 * Sizes are gzip level 9 and brotli, as a browser would download them from a compressing server.
 * `--markdown` prints the table for BENCHMARKS.md as well.
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

/** Chunks loaded by the app after the page has rendered, not by a route. */
const AFTER_FIRST_RENDER = /node_modules\/|src\/app\/subscriptions\.ts$/;
const FIRST_ROUTES = [
  { name: 'start page (worklists)', test: /features\/worklists\/DashboardPage/ },
  { name: 'sign-in page', test: /features\/auth\/SignInPage/ },
];

const rows = [];
const shell = total(entryFiles);
rows.push(['app shell (every page)', shell]);
const firstRoutes = [];
for (const key of routes) {
  const own = new Set([...closure(key)].filter((k) => !entryFiles.has(k)));
  const size = total(own);
  const label = key.includes('node_modules/')
    ? key.replace(/.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*/, '$1')
    : key.replace(/^src\//, '');
  const name = AFTER_FIRST_RENDER.test(key) ? `${label} (loaded after first render)` : label;
  rows.push([`+ ${name}`, size]);
  const first = FIRST_ROUTES.find((r) => r.test.test(key));
  if (first) {
    firstRoutes.push({
      name: first.name,
      size: {
        raw: shell.raw + size.raw,
        gzip: shell.gzip + size.gzip,
        brotli: shell.brotli + size.brotli,
      },
    });
  }
}

console.log('\nJavaScript per route (KB: raw / gzip / brotli)');
for (const [name, s] of rows) {
  console.log(
    `  ${name.padEnd(58)} ${kb(s.raw).padStart(8)} ${kb(s.gzip).padStart(8)} ${kb(s.brotli).padStart(8)}`,
  );
}
let over = false;
console.log('');
for (const { name, size } of firstRoutes) {
  console.log(
    `First route, ${name}: ${kb(size.gzip)} KB gzip, ${kb(size.brotli)} KB brotli (budget ${FIRST_ROUTE_BUDGET_KB} KB)`,
  );
  if (size.gzip / 1024 > FIRST_ROUTE_BUDGET_KB) over = true;
}
if (process.argv.includes('--markdown')) {
  console.log('\n| JavaScript | raw KB | gzip KB | brotli KB |\n| --- | ---: | ---: | ---: |');
  for (const { name, size } of firstRoutes) {
    console.log(
      `| **first route: ${name}** | ${kb(size.raw)} | ${kb(size.gzip)} | ${kb(size.brotli)} |`,
    );
  }
  for (const [name, s] of rows) {
    console.log(
      `| ${name.replace(/^\+ /, '+ ')} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`,
    );
  }
}
if (firstRoutes.length !== FIRST_ROUTES.length) {
  console.error('A first route is missing from the build manifest.');
  process.exit(1);
}
if (over) {
  console.error(`A first route is over its ${FIRST_ROUTE_BUDGET_KB} KB budget.`);
  process.exit(1);
}
