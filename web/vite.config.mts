import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The most JavaScript, gzipped, the first screen may load. */
const FIRST_SCREEN_BUDGET_BYTES = 300 * 1024;

/**
 * After a build, prints the gzipped size of the JavaScript the first screen loads (the entry chunk and
 * every chunk it imports statically) and fails the build when it is over budget.
 */
function firstScreenSize(): Plugin {
  return {
    name: 'samvirke-first-screen-size',
    apply: 'build',
    writeBundle(_options, bundle) {
      const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
      };
      visit(entry.fileName);
      const gzipped = [...seen].reduce((sum, file) => {
        const chunk = bundle[file];
        return sum + (chunk?.type === 'chunk' ? gzipSync(chunk.code).length : 0);
      }, 0);
      const kb = (gzipped / 1024).toFixed(1);
      process.stdout.write(`\nFirst screen JavaScript: ${kb} kB gzipped in ${seen.size} file(s) (budget 300 kB)\n`);
      if (gzipped > FIRST_SCREEN_BUDGET_BYTES) this.error(`The first screen loads ${kb} kB of JavaScript gzipped`);
    },
  };
}

const api = process.env.SAMVIRKE_API ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), firstScreenSize()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline script or data: URL for the CSP to refuse.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // The design system is most of the first screen; the budget above is what counts.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': api, '/health': api },
  },
});
