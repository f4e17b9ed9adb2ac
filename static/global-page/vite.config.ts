// Builds the global page (Custom UI) into static/global-page/build: the folder manifest.yml serves and `npm start` hosts.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Forge serves Custom UI from a path it chooses, so every asset URL must be relative.
  base: './',
  plugins: [react()],
  // The import worker imports shared modules; ES module workers let Vite split them like the page's own code.
  worker: { format: 'es' },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    // Atlaskit is large; one vendor chunk is expected and not worth a warning.
    chunkSizeWarningLimit: 2500,
  },
});
