#!/usr/bin/env node
// Regenerates every committed generated file and fails if any differs from what is committed:
// the server's schema.graphql, the web app's typed documents and the migration lists.
import { execSync } from 'node:child_process';

const GENERATED = [
  'packages/server/schema.graphql',
  'packages/web/src/gql',
  'packages/server/src/db/migrations-sqlite.ts',
  'packages/server/src/db/migrations-postgresql.ts',
];

execSync('pnpm codegen', { stdio: 'inherit' });
execSync(`pnpm exec prettier --log-level warn --write ${GENERATED.slice(2).join(' ')}`, {
  stdio: 'inherit',
});
const changed = execSync(`git status --porcelain -- ${GENERATED.join(' ')}`, {
  encoding: 'utf8',
}).trim();
if (changed) {
  console.error(
    '\nGenerated files are stale. Run `pnpm codegen` and commit the result:\n' + changed,
  );
  execSync(`git --no-pager diff --stat -- ${GENERATED.join(' ')}`, { stdio: 'inherit' });
  process.exit(1);
}
console.log('Generated files are up to date.');
