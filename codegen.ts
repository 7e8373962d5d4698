import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The server emits packages/server/schema.graphql (`pnpm --filter @open-ers/server schema:emit`);
 * this turns the web app's operations into typed documents in packages/web/src/gql.
 * Both outputs are committed; `pnpm check:generated` fails when either is stale.
 */
const config: CodegenConfig = {
  schema: 'packages/server/schema.graphql',
  documents: ['packages/web/src/**/*.{ts,tsx}', '!packages/web/src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'packages/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        nonOptionalTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { DateTimeISO: 'string', LocalDate: 'string' },
      },
    },
  },
};

export default config;
