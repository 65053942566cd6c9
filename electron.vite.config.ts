// Build of Mirador's three parts: Node side (Electron main + the `mirador` CLI), the sandboxed preload, and the renderer.
import path from 'node:path';
import { defineConfig } from 'electron-vite';

const fromRoot = (file: string) => path.resolve(__dirname, file);

export default defineConfig({
  main: {
    build: {
      // cli.js runs on plain Node (>= 20.19, see package.json engines), not only inside Electron.
      target: 'node20',
      // node-pty is native, ws and vscode-jsonrpc load fine from node_modules: keep every dependency external.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: fromRoot('main/electron/main.ts'),
          cli: fromRoot('main/cli/mirador.ts'),
          // `mirador dissect`'s second thread for big captures (main/cli/two-thread-summary-listing.ts).
          'dissect-worker': fromRoot('main/cli/dissect-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot load ES modules nor require npm packages: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('main/electron/preload.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    // Relative asset URLs work both under mirador://app/ (Electron) and http://127.0.0.1:PORT/ (browser mode).
    base: './',
    build: {
      outDir: fromRoot('out/renderer'),
      // Browser mode runs in whatever current browser the user has, not only Electron's Chromium.
      target: 'es2022',
      sourcemap: false,
      rolldownOptions: { input: fromRoot('renderer/index.html') },
    },
    // Monaco's workers become files of their own (worker-src 'self'), never blob: or data: URLs.
    worker: { format: 'es' },
  },
});
