// Accounts, sessions and the audit log over the real HTTP stack and database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { personFields, validIdNumber, villages } from '../../test-support/factories.js';
import { buildTestApp, type Caller, call } from '../../test-support/http.js';

describe.each(testDatabaseKinds())('access API (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let clerk: Caller;
  let village: string;
  let otherVillage: string;
  const idNumber = validIdNumber({ birthDate: '1988-03-09' });

  const get = (caller: Caller | null, url: string) => call(app.app, caller, { method: 'GET', url });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildTestApp(database);
    [village, otherVillage] = (await villages(database, '150521000000', 2)) as [string, string];
    clerk = await app.loginAs('operator', village);
    const created = await call(app.app, clerk, {
      method: 'POST',
      url: '/api/households',
      payload: {
        villageCode: village,
        category: 'povertyExited',
        members: [personFields({ name: '日志人', idNumber })],
      },
    });
    expect(created.statusCode).toBe(201);
    const personId = created.json().members[0].id;
    const person = (await get(clerk, `/api/persons/${personId}`)).json();
    const changed = await call(app.app, clerk, {
      method: 'PATCH',
      url: `/api/persons/${personId}`,
      payload: { version: person.version, employer: '京蒙协作工厂' },
    });
    expect(changed.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.app.close();
    await database.dispose();
  });

  it('ends a session at once on logout, although sessions are trusted for a minute', async () => {
    const caller = await app.loginAs('operator', village);
    expect((await get(caller, '/api/auth/me')).statusCode).toBe(200);
    const out = await call(app.app, caller, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await get(caller, '/api/auth/me')).statusCode).toBe(401);
  });

  it('lists what was done in the region, newest first, with ID numbers masked', async () => {
    const response = await get(clerk, `/api/audit-events?region=${village}`);
    expect(response.statusCode).toBe(200);
    const log = response.json();
    expect(log.region.code).toBe(village);
    type Event = { action: string; before: Record<string, unknown>; after: Record<string, unknown> };
    // Logins in the village are in its log too (the test before logged in and out).
    const records = log.items.filter((e: Event) => e.action !== 'auth.login');
    expect(records.map((e: Event) => e.action).slice(0, 3)).toEqual([
      'person.update',
      'person.create',
      'household.create',
    ]);
    const update = records[0];
    expect(update.actorName).toBeTruthy();
    expect(update.before).toEqual({ employer: '呼和浩特市某建筑公司' });
    expect(update.after).toEqual({ employer: '京蒙协作工厂' });
    const create = records[1];
    expect(create.after.idNumber).not.toBe(idNumber);
    expect(create.after.idNumber).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    expect(response.body).not.toContain(idNumber);
    const ids = log.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('pages back with `next` and filters by action', async () => {
    const first = (await get(clerk, `/api/audit-events?region=${village}&limit=1`)).json();
    expect(first.items).toHaveLength(1);
    expect(first.next).toBe(first.items[0].id);
    const second = (
      await get(clerk, `/api/audit-events?region=${village}&limit=1&before=${first.next}`)
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).toBeLessThan(first.items[0].id);
    const creates = (await get(clerk, `/api/audit-events?region=${village}&action=person.create`)).json();
    expect(creates.items.length).toBeGreaterThan(0);
    expect(creates.items.every((e: { action: string }) => e.action === 'person.create')).toBe(true);
    const all = (await get(clerk, `/api/audit-events?region=${village}&limit=200`)).json();
    expect(all.next).toBeNull();
  });

  it('refuses another region, read-only accounts and bad parameters', async () => {
    const outside = await get(clerk, `/api/audit-events?region=${otherVillage}`);
    expect(outside.statusCode).toBe(403);
    const viewer = await app.loginAs('viewer', village);
    expect((await get(viewer, `/api/audit-events?region=${village}`)).statusCode).toBe(403);
    const bad = await get(clerk, '/api/audit-events?limit=1000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors?.[0]?.field ?? bad.body).toContain('limit');
  });
});
