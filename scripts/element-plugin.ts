import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * Builds the `<failover-lab>` element (src/embed/element/failover-lab.ts) into one self-contained ES module,
 * served at /embed/failover-lab.js: by the dev server (`npm start`, rebuilt per request so edits show) and in the
 * build (`dist/embed/failover-lab.js`, minified), so `npm run build` stays the one command and `npm run preview`
 * serves it. It shares no chunk with the app: a docs page loads a few KB, and the app only when an embed opens.
 */
export const ELEMENT_PATH = 'embed/failover-lab.js';
const ENTRY = fileURLToPath(new URL('../src/embed/element/failover-lab.ts', import.meta.url));

async function bundleElement(minify: boolean): Promise<string> {
  const { build } = await import('vite');
  // configFile: false, so this inner build does not load vite.config.ts (and this plugin) again.
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify,
      sourcemap: false,
      // An app build of one entry, not lib mode: lib mode keeps an ES module's whitespace for other bundlers.
      rollupOptions: { input: ENTRY, output: { format: 'es', entryFileNames: 'failover-lab.js' } },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('failover-lab element: the build produced no chunk');
  return chunk.code;
}

export function failoverLabElement(): Plugin {
  return {
    name: 'failover-lab:element',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `/${ELEMENT_PATH}`) return next();
        bundleElement(false).then(
          (code) => {
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.setHeader('Cache-Control', 'no-cache');
            // Docs pages on other origins load it as a module script, which needs CORS.
            res.setHeader('Access-Control-Allow-Origin', '*');
            res.end(code);
          },
          (error: unknown) => next(error),
        );
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] === `/${ELEMENT_PATH}`) res.setHeader('Access-Control-Allow-Origin', '*');
        next();
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: ELEMENT_PATH, source: await bundleElement(true) });
    },
  };
}
