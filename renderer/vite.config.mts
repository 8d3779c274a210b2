import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Builds the renderer into dist/renderer with relative asset paths ('./'), because Electron
 * serves it from app://medtrack/ (main/electron/appProtocol.ts) and the loopback test server from its root.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The renderer runs in a current Chromium (Electron or Debian's): no legacy transforms.
    target: 'es2022',
  },
});
