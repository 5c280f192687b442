/**
 * The fuzzer's worker thread: tries the cases the runner sends, one at a
 * time, and answers each. Kept apart so a case that hangs can be stopped by
 * terminating the thread.
 */
import { parentPort } from 'node:worker_threads';
import type { Surface } from './fuzz-case';
import { tryCase } from './surfaces';

export interface CaseRequest {
  surface: Surface;
  seed: number;
  index: number;
}

export interface CaseReply {
  index: number;
  verdict: 'refused' | 'accepted' | 'crashed' | 'unflagged';
  detail: string;
  ms: number;
}

// The page's `location`, read only by the driver's getShareUrl: the smallest stand-in Node lacks.
if (typeof (globalThis as { location?: unknown }).location === 'undefined') {
  (globalThis as { location?: unknown }).location = new URL('http://127.0.0.1:5173/');
}

parentPort?.on('message', async (request: CaseRequest) => {
  const started = performance.now();
  const outcome = await tryCase(request.surface, request.seed, request.index);
  const reply: CaseReply = { index: request.index, ...outcome, ms: performance.now() - started };
  parentPort?.postMessage(reply);
});
parentPort?.postMessage('ready');
