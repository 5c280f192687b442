import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Surface, Verdict } from './fuzz-case';
import type { CaseReply, CaseRequest } from './worker';

/**
 * Runs cases in a worker thread with a wall budget each. A case over budget
 * is tried once more alone with CONFIRM_FACTOR times the budget (a busy machine is not
 * a hang); over that too, it is `hung`, the thread is terminated and a fresh
 * one carries on. A thread that dies (stack, memory) marks its case crashed.
 */

/** A case over budget is retried alone with this many budgets: the machine may be busy (load 10 on 2 cores is common here). */
export const CONFIRM_FACTOR = 10;

export type FinalVerdict = Verdict | 'hung';

export interface CaseResult {
  surface: Surface;
  index: number;
  verdict: FinalVerdict;
  detail: string;
  ms: number;
  /** Over the first budget but finished within the second. */
  slow: boolean;
}

export interface RunOptions {
  seed: number;
  budgetMs: number;
  /** Called after every case (progress). */
  onResult?: (result: CaseResult) => void;
  /** The worker module (tests swap in one that hangs on purpose). */
  workerEntry?: URL;
}

const requireHere = createRequire(import.meta.url);

/** The worker is TypeScript: it registers tsx's loader before importing the module. */
function startWorker(entryUrl: URL): Worker {
  // The package's "import" condition (index.mjs) sits beside the "require" one this resolves.
  const tsx = pathToFileURL(requireHere.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = entryUrl.href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 2048, stackSizeMb: 4 } });
}

class CaseWorker {
  private worker: Worker;
  private ready: Promise<void>;
  private pending: { resolve: (r: CaseReply | { died: string }) => void } | null = null;

  constructor(entry: URL) {
    this.worker = startWorker(entry);
    this.ready = new Promise((resolve, reject) => {
      const onFirst = (m: unknown) => {
        if (m === 'ready') resolve();
      };
      this.worker.on('message', onFirst);
      this.worker.once('error', reject);
    });
    this.worker.on('message', (m: unknown) => {
      if (m !== 'ready') this.settle(m as CaseReply);
    });
    this.worker.on('error', (error) => this.settle({ died: `worker error: ${error.name}: ${error.message}` }));
    this.worker.on('exit', (code) => this.settle({ died: `worker exited with code ${code}` }));
  }

  private settle(value: CaseReply | { died: string }): void {
    const p = this.pending;
    this.pending = null;
    p?.resolve(value);
  }

  async run(request: CaseRequest, budgetMs: number): Promise<CaseReply | { died: string } | { timedOut: true }> {
    await this.ready;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        resolve({ timedOut: true });
      }, budgetMs);
      this.pending = {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** Tries the cases in order in one worker thread (restarted after a hang or a death). */
export async function runCases(cases: readonly { surface: Surface; index: number }[], options: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const entry = options.workerEntry ?? new URL('./worker.ts', import.meta.url);
  let worker = new CaseWorker(entry);
  const fresh = async () => {
    await worker.stop();
    worker = new CaseWorker(entry);
  };
  for (const { surface, index } of cases) {
    const request: CaseRequest = { surface, seed: options.seed, index };
    let reply = await worker.run(request, options.budgetMs);
    let slow = false;
    if ('timedOut' in reply) {
      slow = true;
      await fresh();
      reply = await worker.run(request, options.budgetMs * CONFIRM_FACTOR);
    }
    let result: CaseResult;
    if ('timedOut' in reply) {
      result = { surface, index, verdict: 'hung', detail: `no answer within ${options.budgetMs} ms, nor alone within ${options.budgetMs * CONFIRM_FACTOR} ms`, ms: options.budgetMs * CONFIRM_FACTOR, slow: false };
      await fresh();
    } else if ('died' in reply) {
      result = { surface, index, verdict: 'crashed', detail: reply.died, ms: 0, slow };
      await fresh();
    } else {
      result = { surface, index, verdict: reply.verdict, detail: reply.detail, ms: reply.ms, slow };
    }
    results.push(result);
    options.onResult?.(result);
  }
  await worker.stop();
  return results;
}
