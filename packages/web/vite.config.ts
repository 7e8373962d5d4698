import react from '@vitejs/plugin-react';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * nhsuk-react-components' ESM build keeps `import 'nhsuk-frontend'` lines left over from
 * type-only imports, which pull the whole nhsuk-frontend script into the first page although
 * the components load it with `import()` after rendering. nhsuk-frontend declares itself free
 * of side effects, so dropping the bare imports is safe and lets it load lazily.
 */
function lazyNhsukFrontend(): Plugin {
  return {
    name: 'open-ers:lazy-nhsuk-frontend',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/nhsuk-react-components/dist/esm/')) return null;
      if (!code.includes("import 'nhsuk-frontend';")) return null;
      return { code: code.replaceAll("import 'nhsuk-frontend';", ''), map: null };
    },
  };
}

/**
 * The codegen client preset's `graphql()` looks documents up in a map of every operation in the
 * app, so whichever chunk imports it carries them all; importing the generated `XDocument`
 * constants instead still puts every document in one shared module (`gql/graphql.ts`), which
 * the bundler places in the shell. This does what the preset's Babel plugin does, one step
 * further: each `graphql(`…`)` call is replaced by its generated document itself, so a document
 * lives in the module that defines it and loads only with the routes that use it.
 */
function inlineGraphqlDocuments(): Plugin {
  const generated = fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url));
  const sources = fileURLToPath(new URL('./src/gql/gql.ts', import.meta.url));
  const call = /\bgraphql\(\s*`(\s*(query|mutation|subscription|fragment)\s+(\w+)[^`]*)`\s*\)/g;
  let cache: { mtimeMs: number; documents: Map<string, string>; sources: string } | null = null;
  const generatedCode = () => {
    const { mtimeMs } = statSync(generated);
    if (cache?.mtimeMs !== mtimeMs) {
      const found = new Map<string, string>();
      const line = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;
      for (const [, name, json] of readFileSync(generated, 'utf8').matchAll(line)) {
        found.set(name!, json!);
      }
      cache = { mtimeMs, documents: found, sources: readFileSync(sources, 'utf8') };
    }
    return cache;
  };
  return {
    name: 'open-ers:inline-graphql-documents',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/(?!gql\/).*\.tsx?$/.test(id) || !code.includes('graphql(`')) return null;
      this.addWatchFile(generated);
      const { documents, sources: generatedSources } = generatedCode();
      const replaced = code.replace(call, (_match, source: string, kind: string, name: string) => {
        const exported = kind === 'fragment' ? `${name}FragmentDoc` : `${name}Document`;
        const json = documents.get(exported);
        // The generated document must be of this very text, not an older version of it.
        if (!json || !generatedSources.includes(`${JSON.stringify(source)}: types.${exported}`)) {
          this.error(`${exported} in ${id} differs from src/gql: run \`pnpm codegen\``);
        }
        return json!;
      });
      return { code: replaced, map: null };
    },
  };
}

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside each built script,
 * style sheet and image, which the server sends to browsers that accept them: about 15 % smaller
 * than compressing each response on the fly (at the fast levels a server can afford per request).
 */
function precompressAssets(): Plugin {
  return {
    name: 'open-ers:precompress-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const file of Object.keys(bundle)) {
        if (!/^assets\/.*\.(js|css|svg)$/.test(file)) continue;
        const source = readFileSync(path.join(dir, file));
        if (source.length < 1024) continue;
        const brotli = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };
        writeFileSync(path.join(dir, `${file}.br`), brotliCompressSync(source, brotli));
        writeFileSync(path.join(dir, `${file}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

const apiTarget = process.env.API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react(), lazyNhsukFrontend(), inlineGraphqlDocuments(), precompressAssets()],
  resolve: {
    // Use the domain package's TypeScript source directly (no build step in dev).
    // `es2015` picks rxjs's modern build (no ES5 helpers): about 5 KB less on every page.
    conditions: ['@open-ers/source', 'es2015', ...defaultClientConditions],
    alias: {
      '@nhsuk-assets': fileURLToPath(
        new URL('./node_modules/nhsuk-frontend/dist/nhsuk/assets', import.meta.url),
      ),
    },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // nhsuk-frontend 10 still uses a few deprecated Sass features.
        quietDeps: true,
        silenceDeprecations: ['import', 'global-builtin'],
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: apiTarget, ws: true, changeOrigin: true },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/api': apiTarget,
    },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: true,
    // The budget that matters is compressed JavaScript per first route (170 KB), which
    // scripts/report-bundle.mjs and the first-load e2e test check; the shell is about 515 KB
    // before compression, so Vite's generic 500 KB warning would only be noise.
    chunkSizeWarningLimit: 600,
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first page needs in one file: split across several shared chunks
          // (which routes also import) it compresses worse and costs more requests.
          groups: [{ name: 'shell', tags: ['$initial'] }],
        },
      },
    },
  },
});
