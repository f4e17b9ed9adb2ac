// Builds the local issue view's panel host (the real UI Kit panel plus a stand-in for Forge's renderer) into
// build/issue-panel-host, which the local runner serves at /panel-host/. Never deployed: manifest.yml does not name it.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));

export default defineConfig({
  root: here,
  base: '/panel-host/',
  plugins: [react()],
  build: {
    outDir: `${root}build/issue-panel-host`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // One stylesheet with a fixed name (Atlaskit ships compiled CSS files), linked from every issue view.
    cssCodeSplit: false,
    rollupOptions: {
      input: `${here}main.tsx`,
      // Fixed names: the server writes the script tag into each issue view without reading a manifest.
      output: {
        entryFileNames: 'panel-host.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: (asset) => (asset.names.some((name) => name.endsWith('.css')) ? 'panel-host.css' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
});
