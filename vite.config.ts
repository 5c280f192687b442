/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { failoverLabElement } from './scripts/element-plugin.js';


/**
 * `npm start` promises http://127.0.0.1:5173. With `strictPort` Vite stops
 * instead of quietly moving to 5174 when that port is busy; this plugin adds
 * what to do about it. It prints as the process exits, so the advice comes
 * after Vite's own "Port 5173 is already in use" error, as the last line.
 */
function portInUseAdvice(): Plugin {
  return {
    name: 'failover-lab:port-in-use-advice',
    apply: 'serve',
    configureServer(server) {
      server.httpServer?.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') return;
        const port = server.config.server.port ?? 5173;
        const other = port === 5180 ? 5181 : 5180;
        process.once('exit', () => {
          console.error(
            `\nFailover Lab: port ${port} is already in use (another dev server, or an earlier \`npm start\` still running?).\n` +
              `Stop that one, or start on another port:  npm start -- --port ${other}\n`,
          );
        });
      });
    },
  };
}

export default defineConfig({
  // The <failover-lab> element: its own one-file build at /embed/failover-lab.js (dev and dist).
  plugins: [portInUseAdvice(), failoverLabElement()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      // Three pages: the console (index.html, the main page), the teacher's grader (grade.html), which shares no
      // start-up code with it, and the embed page (embed/index.html, served at /embed/) for docs pages.
      input: { main: 'index.html', grade: 'grade.html', embed: 'embed/index.html' },
      // The engine runs in its Web Worker (src/worker/engine-worker.ts). Its modules and xstate/valibot only define
      // things, so importing a constant through src/engine/index.ts must not drag the rest (xstate machines are
      // module-level calls a bundler otherwise keeps) into the page's start-up bundle.
      treeshake: {
        moduleSideEffects: [
          { test: /[\\/]src[\\/](engine|scenarios)[\\/]/, sideEffects: false },
          { test: /[\\/]node_modules[\\/](xstate|valibot)[\\/]/, sideEffects: false },
        ],
      },
    },
  },
  worker: {
    // The engine's worker is an ES module (new Worker(url, { type: 'module' })), split like the page.
    format: 'es',
  },
  // The README promises 5173: when it is busy, stop and say so rather than move to 5174 unannounced.
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    passWithNoTests: true,
    // CI runs on 2 shared cores: engine runs that take 3–5 s of CPU when quiet (golden lessons, forks, drawing
    // step by step) must not fail on vitest's 5 s default when the machine is busy. No test asserts wall time.
    testTimeout: 30_000,
  },
});
