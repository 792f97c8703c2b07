// Starts a worker thread from a module of this code base, compiled or run from sources.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Starts `name` (without extension) beside the module at `base` (its import.meta.url). Compiled, the
 * worker is a .js file; run from sources (vitest, tsx) it is .ts and is loaded through tsx, since
 * Node 20 workers do not take --import loaders.
 */
export function startWorker(base: string, name: string, workerData: unknown): Worker {
  const compiled = new URL(`./${name}.js`, base);
  if (existsSync(compiled)) return new Worker(compiled, { workerData });
  const source = new URL(`./${name}.ts`, base).href;
  return new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`,
    { eval: true, workerData },
  );
}
