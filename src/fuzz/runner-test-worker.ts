/** A stand-in worker for runner.test.ts: case 1 never answers (a hang), case 2 kills its thread, the rest are accepted. */
import { parentPort } from 'node:worker_threads';
import type { CaseRequest } from './worker';

parentPort?.on('message', (request: CaseRequest) => {
  if (request.index === 1) for (;;);
  if (request.index === 2) process.exit(7);
  parentPort?.postMessage({ index: request.index, verdict: 'accepted', detail: '', ms: 0 });
});
parentPort?.postMessage('ready');
