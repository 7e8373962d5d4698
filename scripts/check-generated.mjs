#!/usr/bin/env node
// Regenerates the committed generated code and fails if any differs from what is committed: the
// server's schema.graphql and the web app's typed documents. (Migrations are checked by a test on
// each database that compares the migrated schema with the entities.)
import { execSync } from 'node:child_process';

const GENERATED = ['packages/server/schema.graphql', 'packages/web/src/gql'];

execSync('pnpm codegen', { stdio: 'inherit' });
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
