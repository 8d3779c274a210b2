import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/**
 * Bundles the preload into one CommonJS file. A sandboxed preload (checklist #4) can require
 * only 'electron' and a few built-ins, not project modules, so the contract and bridge it uses
 * are inlined here. Not minified: the file is small and readable stack traces help.
 */
export default defineConfig({
  // No public/ folder or .env files belong in the preload.
  publicDir: false,
  envDir: false,
  // Library mode leaves process.env.NODE_ENV in place; pin it so bundled libraries take their
  // production paths without reaching for `process` at all.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    lib: {
      entry: fromRoot('main/electron/preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.js',
    },
    outDir: fromRoot('dist/preload'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    target: 'node20',
    // `rolldownOptions` is Vite 8's name for the former `rollupOptions` (now a deprecated alias).
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
