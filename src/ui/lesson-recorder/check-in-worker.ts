/** `lesson check`'s verdict on a lesson text, computed in a worker of its own (check-worker.ts). */
export interface CheckVerdict {
  ok: boolean;
  problems: string[];
}

export function checkInWorker(text: string): Promise<CheckVerdict> {
  const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module', name: 'failover-lab-lesson-check' });
  return new Promise<CheckVerdict>((resolve) => {
    worker.addEventListener('message', (event: MessageEvent<CheckVerdict>) => {
      resolve(event.data);
      worker.terminate();
    });
    worker.addEventListener('error', (event) => {
      resolve({ ok: false, problems: [`the check could not run: ${event.message || 'its worker did not load'}`] });
      worker.terminate();
    });
    worker.postMessage({ text });
  });
}
