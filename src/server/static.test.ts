// The web interface is served by the same process as the API: files from its build folder, and
// index.html for any other page path a browser asks for, while /api keeps answering problem+json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openTestDatabase, type TestDatabase } from '../test-support/databases.js';
import { buildApp } from './app.js';
import { buildServices } from './context.js';

describe('web interface serving', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let apiOnly: FastifyInstance;
  const root = mkdtempSync(path.join(tmpdir(), 'bangfu-web-'));

  beforeAll(async () => {
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>帮扶</title><div id="root"></div>');
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
    database = await openTestDatabase('pglite');
    const config = { ...loadConfig({}), dataDir: 'memory://' };
    const services = buildServices(database, config);
    app = (await buildApp({ database, config, services }, { webRoot: root })).app;
    apiOnly = (await buildApp({ database, config, services }, { web: false })).app;
  });
  afterAll(async () => {
    await app?.close();
    await apiOnly?.close();
    await database?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers page paths of the browser router with index.html, revalidated on every load', async () => {
    for (const url of ['/', '/persons/5?region=150521000000', '/households/new']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: 'text/html,*/*' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('keeps problem+json for the API and for requests that do not want a page', async () => {
    const api = await app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { accept: 'text/html' },
    });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const json = await app.inject({
      method: 'GET',
      url: '/persons/5',
      headers: { accept: 'application/json' },
    });
    expect(json.statusCode).toBe(404);
    expect(json.headers['content-type']).toContain('application/problem+json');
  });

  it('serves no pages when the web interface is turned off', async () => {
    const response = await apiOnly.inject({
      method: 'GET',
      url: '/persons/5',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
