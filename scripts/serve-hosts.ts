import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Serves e2e/hosts/ (the host pages the embed specs open) on a second origin, http://127.0.0.1:4174 by default, so
 * the specs embed the app across origins as a docs site would. A page learns the app's URL from its `?app=` query.
 * Usage: npx tsx scripts/serve-hosts.ts [--port 4174]
 */
const ROOT = fileURLToPath(new URL('../e2e/hosts/', import.meta.url));
const portArg = process.argv.indexOf('--port');
const PORT = portArg > 0 ? Number(process.argv[portArg + 1]) : 4174;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
  const file = normalize(join(ROOT, path.endsWith('/') ? `${path}index.html` : path));
  // Nothing outside e2e/hosts/ is served.
  if (!file.startsWith(ROOT.endsWith(sep) ? ROOT : ROOT + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${path}`);
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  createReadStream(file).pipe(res);
});

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `serve-hosts: port ${PORT} is already in use` : `serve-hosts: ${error.message}`);
  process.exit(1);
});
server.listen(PORT, '127.0.0.1', () => console.log(`e2e host pages at http://127.0.0.1:${PORT}/`));
