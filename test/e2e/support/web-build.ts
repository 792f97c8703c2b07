// Builds the web interface with Vite's JS API into a temporary folder, once per change of its
// sources: test files running in parallel share one build (a lock folder), and a later run with the
// same sources reuses it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';

export const projectRoot = path.resolve(import.meta.dirname, '../../..');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** A hash of everything the build reads from this project. */
function sourceHash(): string {
  const shared = path.join(projectRoot, 'src');
  const files = [
    ...filesUnder(path.join(projectRoot, 'web')),
    ...filesUnder(path.join(shared, 'modules')).filter((f) => /\.(codes|rules)\.ts$/.test(f)),
    ...filesUnder(path.join(shared, 'shared')),
    path.join(projectRoot, 'vite.config.ts'),
    path.join(projectRoot, 'package-lock.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(projectRoot, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Builds of earlier sources, left for an hour in case another run still serves them. */
function pruneOldBuilds(keep: string) {
  for (const name of readdirSync(tmpdir())) {
    const full = path.join(tmpdir(), name);
    if (!name.startsWith('bangfu-e2e-web-') || full === keep || name.endsWith('.lock')) continue;
    try {
      if (Date.now() - statSync(full).mtimeMs > 3_600_000) rmSync(full, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another run.
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The folder of a complete build of the current sources (with index.html). */
export async function ensureWebBuild(): Promise<string> {
  const folder = path.join(tmpdir(), `bangfu-e2e-web-${sourceHash()}`);
  const lock = `${folder}.lock`;
  for (let waited = 0; !existsSync(path.join(folder, 'index.html')); waited += 250) {
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building the same sources; a lock older than 5 minutes is abandoned.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      if (waited > 180_000) throw new Error(`Timed out waiting for the web build in ${folder}`);
      await sleep(250);
      continue;
    }
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's and antd's development builds.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const partial = `${folder}.partial-${process.pid}`;
      await build({
        mode: 'production',
        configFile: path.join(projectRoot, 'vite.config.ts'),
        root: path.join(projectRoot, 'web'),
        logLevel: 'warn',
        build: { outDir: partial, emptyOutDir: true },
      });
      rmSync(folder, { recursive: true, force: true });
      renameSync(partial, folder);
      pruneOldBuilds(folder);
    } finally {
      process.env.NODE_ENV = nodeEnv;
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return folder;
}
