// Bundles the CLI into dist/ so a host that launches `conduit` pays for one
// file read instead of hundreds of module resolutions. Heavy and native
// packages stay external and are imported only when a tool first needs them.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bundled = new Set([
  '@modelcontextprotocol/server',
  '@modelcontextprotocol/node',
  '@modelcontextprotocol/client',
  '@modelcontextprotocol/server-legacy',
  'zod',
  'pino',
]);
const external = Object.keys(manifest.dependencies).filter((name) => !bundled.has(name));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { conduit: 'cli/conduit.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Error class names appear in logs ("type":"ToolError"), so minifying must keep them.
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  external: external.flatMap((name) => [name, `${name}/*`]),
  banner: {
    js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
  logLevel: 'warning',
});
