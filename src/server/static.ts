// Serves the built web interface (dist/web) from the same process and port as the API. Paths that
// are not files and not /api get index.html, so the browser's router can take them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export function webRoot(): string {
  // src/server or dist/server → the package root → dist/web
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
}

export async function registerWebInterface(app: FastifyInstance, root = webRoot()): Promise<boolean> {
  if (!existsSync(path.join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // Hashed asset names never change content: cache them for a year; index.html always revalidates.
    setHeaders(res, file) {
      res.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return true;
}
