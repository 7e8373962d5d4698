/** Writes packages/server/schema.graphql from the resolver classes (`pnpm codegen` runs it). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVER_PACKAGE_ROOT } from '../config.js';
import { createSchema, printSortedSchema } from '../graphql/schema.js';

const file = path.join(SERVER_PACKAGE_ROOT, 'schema.graphql');
writeFileSync(file, printSortedSchema(await createSchema()));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
