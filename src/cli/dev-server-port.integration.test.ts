// Goal: `npm start` serves on the port it promises, or stops and says which port is busy and how to pick another.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Occupies a free port on 127.0.0.1 (as a forgotten dev server would) and returns it. */
function occupyPort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no port'));
      else resolve({ port: address.port, server });
    });
  });
}

/** Runs `npm start -- --port <port>`; resolves with its exit code and output, or code null if it was still running after `ms`. */
function npmStart(port: number, ms: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['start', '--', '--port', String(port)], { cwd: ROOT, detached: true, env: { ...process.env, CI: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      // Still serving (on another port): stop the whole process group we started.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      resolve({ code: null, output });
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm start', () => {
  let busy: Server | null = null;
  afterEach(() => {
    busy?.close();
    busy = null;
  });

  it('stops with a clear message when its port is busy, instead of moving to another', async () => {
    const { port, server } = await occupyPort();
    busy = server;
    const { code, output } = await npmStart(port, 20_000);
    expect(output).not.toMatch(new RegExp(`127\\.0\\.0\\.1:${port + 1}`));
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain(`Port ${port} is already in use`);
    expect(output).toMatch(/npm start -- --port \d+/);
  }, 30_000);
});
