import * as path from 'node:path';
import { defineConfig } from 'vite';

// The API serves the build at /console (apps/api/src/console/console-files.ts); file names carry
// a content hash, so the files under assets/ are cached for good and a release replaces them.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    // The policy allows no inline code: every script and style is a file.
    assetsInlineLimit: 0,
  },
});
