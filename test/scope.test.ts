// Region scope over the whole API: a village clerk tries every route against another village's
// records and gets nothing, while the same requests against the own village work. The route list
// comes from the app itself, so a new route without a case here fails this test.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/modules/access/scope.js';
import { localDay } from '../src/shared/dates.js';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../src/test-support/databases.js';
import { personFields, validIdNumber, villages } from '../src/test-support/factories.js';
import { buildTestApp, type Caller, call } from '../src/test-support/http.js';

type Target = {
  village: string;
  householdId: number;
  personId: number;
  personName: string;
  villageName: string;
  warningId: number;
  /** A ledger upload by an operator of the village (checked, not yet imported). */
  importId: number;
};
type Case = (t: Target) => InjectOptions;

/**
 * One request per route aimed at village `t`. `expectOwn` says what the clerk's own village gets;
 * for the other village every request must be refused or come back without its rows.
 */
const cases: Record<string, Case> = {
  'GET /api/health': () => ({ method: 'GET', url: '/api/health' }),
  'GET /api/openapi.json': () => ({ method: 'GET', url: '/api/openapi.json' }),
  'POST /api/auth/login': () => ({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'nobody', password: 'x' },
  }),
  'POST /api/auth/logout': () => ({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { authorization: 'Bearer unknown' },
  }),
  'GET /api/auth/me': () => ({ method: 'GET', url: '/api/auth/me' }),
  'GET /api/users': () => ({ method: 'GET', url: '/api/users' }),
  'GET /api/audit-events': (t) => ({ method: 'GET', url: `/api/audit-events?region=${t.village}` }),
  'POST /api/users': (t) => ({
    method: 'POST',
    url: '/api/users',
    payload: {
      username: `u${t.village}`,
      displayName: '新用户',
      password: 'abc12345',
      role: 'operator',
      regionCode: t.village,
    },
  }),
  'GET /api/regions/:code': (t) => ({ method: 'GET', url: `/api/regions/${t.village}` }),
  'GET /api/regions/:code/children': (t) => ({ method: 'GET', url: `/api/regions/${t.village}/children` }),
  'GET /api/regions': (t) => ({ method: 'GET', url: `/api/regions?q=${encodeURIComponent(t.villageName)}` }),
  'GET /api/persons': (t) => ({ method: 'GET', url: `/api/persons?region=${t.village}` }),
  'POST /api/persons': (t) => ({
    method: 'POST',
    url: '/api/persons',
    payload: {
      ...personFields({ relationToHead: 'child', idNumber: validIdNumber() }),
      householdId: t.householdId,
    },
  }),
  'GET /api/persons/:id': (t) => ({ method: 'GET', url: `/api/persons/${t.personId}` }),
  'POST /api/persons/:id/reveal': (t) => ({ method: 'POST', url: `/api/persons/${t.personId}/reveal` }),
  'GET /api/persons/:id/history': (t) => ({ method: 'GET', url: `/api/persons/${t.personId}/history` }),
  'PATCH /api/persons/:id': (t) => ({
    method: 'PATCH',
    url: `/api/persons/${t.personId}`,
    payload: { version: 1, employer: '改过的单位' },
  }),
  'DELETE /api/persons/:id': (t) => ({
    method: 'DELETE',
    url: `/api/persons/${t.personId}`,
    payload: { reason: '测试删除' },
  }),
  'GET /api/households': (t) => ({ method: 'GET', url: `/api/households?region=${t.village}` }),
  'POST /api/households': (t) => ({
    method: 'POST',
    url: '/api/households',
    payload: {
      villageCode: t.village,
      category: 'povertyExited',
      members: [personFields({ idNumber: validIdNumber() })],
    },
  }),
  'GET /api/households/:id': (t) => ({ method: 'GET', url: `/api/households/${t.householdId}` }),
  'PATCH /api/households/:id': (t) => ({
    method: 'PATCH',
    url: `/api/households/${t.householdId}`,
    payload: { version: 1, address: '新地址' },
  }),
  'GET /api/stats/summary': (t) => ({ method: 'GET', url: `/api/stats/summary?region=${t.village}` }),
  'GET /api/stats/figures-month': (t) => ({
    method: 'GET',
    url: `/api/stats/figures-month?region=${t.village}`,
  }),
  'GET /api/stats/monthly': (t) => ({
    method: 'GET',
    url: `/api/stats/monthly?region=${t.village}&month=${month}`,
  }),
  'GET /api/stats/trend': (t) => ({
    method: 'GET',
    url: `/api/stats/trend?region=${t.village}&month=${month}`,
  }),
  'GET /api/stats/monthly/people': (t) => ({
    method: 'GET',
    url: `/api/stats/monthly/people?region=${t.village}&month=${month}`,
  }),
  'GET /api/stats/export/monthly.xlsx': (t) => ({
    method: 'GET',
    url: `/api/stats/export/monthly.xlsx?region=${t.village}&month=${month}`,
  }),
  'GET /api/stats/export/people.xlsx': (t) => ({
    method: 'GET',
    url: `/api/stats/export/people.xlsx?region=${t.village}&month=${month}`,
  }),
  'GET /api/stats/export/targets.xlsx': (t) => ({
    method: 'GET',
    url: `/api/stats/export/targets.xlsx?region=${t.village}&month=${month}`,
  }),
  'GET /api/stats/export/warnings.xlsx': (t) => ({
    method: 'GET',
    url: `/api/stats/export/warnings.xlsx?region=${t.village}&month=${month}`,
  }),
  'GET /api/stats/export/reporting.xlsx': (t) => ({
    method: 'GET',
    url: `/api/stats/export/reporting.xlsx?region=${t.village}&month=${month}`,
  }),
  'GET /api/monitoring/villages/:village/months/:month': (t) => ({
    method: 'GET',
    url: `/api/monitoring/villages/${t.village}/months/${month}`,
  }),
  'POST /api/monitoring/villages/:village/months/:month/follow-ups': (t) => ({
    method: 'POST',
    url: `/api/monitoring/villages/${t.village}/months/${month}/follow-ups`,
    payload: {
      entries: [
        { personId: t.personId, employmentStatus: 'unemployed', notWorkingReason: 'idle', wantsWork: true },
      ],
    },
  }),
  'POST /api/monitoring/villages/:village/months/:month/confirm-unchanged': (t) => ({
    method: 'POST',
    url: `/api/monitoring/villages/${t.village}/months/${month}/confirm-unchanged`,
    payload: {},
  }),
  'POST /api/monitoring/villages/:village/months/:month/actions': (t) => ({
    method: 'POST',
    url: `/api/monitoring/villages/${t.village}/months/${month}/actions`,
    payload: { action: 'submit' },
  }),
  'GET /api/monitoring/reporting': (t) => ({
    method: 'GET',
    url: `/api/monitoring/reporting?region=${t.village}&month=${month}`,
  }),
  'GET /api/monitoring/village-months': (t) => ({
    method: 'GET',
    url: `/api/monitoring/village-months?region=${t.village}&month=${month}`,
  }),
  'POST /api/monitoring/warnings/compute': (t) => ({
    method: 'POST',
    url: '/api/monitoring/warnings/compute',
    payload: { region: t.village, month },
  }),
  'GET /api/monitoring/warnings': (t) => ({
    method: 'GET',
    url: `/api/monitoring/warnings?region=${t.village}&month=${month}`,
  }),
  'PATCH /api/monitoring/warnings/:id': (t) => ({
    method: 'PATCH',
    url: `/api/monitoring/warnings/${t.warningId}`,
    payload: { state: 'handling', note: '已电话联系' },
  }),
  'GET /api/policies': () => ({ method: 'GET', url: '/api/policies' }),
  'POST /api/policies/reporting': (t) => ({
    method: 'POST',
    url: '/api/policies/reporting',
    payload: {
      regionCode: t.village,
      validFrom: '2026-01-01',
      villageSubmitDay: 10,
      townReviewDay: 20,
      source: '测试',
    },
  }),
  'POST /api/policies/warning-thresholds': (t) => ({
    method: 'POST',
    url: '/api/policies/warning-thresholds',
    payload: {
      regionCode: t.village,
      validFrom: '2026-01-01',
      idleMonths: 2,
      incomeFloor: 800,
      incomeDropShare: 0.5,
      followUpGapMonths: 2,
      source: '测试',
    },
  }),
  'PUT /api/targets': (t) => ({
    method: 'PUT',
    url: '/api/targets',
    payload: { year: Number(month.slice(0, 4)), measure: 'employed', region: t.village, value: 1 },
  }),
  'GET /api/targets/progress': (t) => ({
    method: 'GET',
    url: `/api/targets/progress?region=${t.village}&month=${month}`,
  }),
  'POST /api/ledger/imports': (t) => ({
    method: 'POST',
    url: `/api/ledger/imports?region=${t.village}&fileName=scope.csv`,
    payload: ledgerCsv(t.village),
    headers: { 'content-type': 'text/csv' },
  }),
  'GET /api/ledger/imports': (t) => ({ method: 'GET', url: `/api/ledger/imports?region=${t.village}` }),
  'GET /api/ledger/imports/:id': (t) => ({ method: 'GET', url: `/api/ledger/imports/${t.importId}` }),
  'POST /api/ledger/imports/:id/confirm': (t) => ({
    method: 'POST',
    url: `/api/ledger/imports/${t.importId}/confirm`,
  }),
  'GET /api/ledger/imports/:id/rejected.xlsx': (t) => ({
    method: 'GET',
    url: `/api/ledger/imports/${t.importId}/rejected.xlsx`,
  }),
  'GET /api/ledger/export/persons.xlsx': (t) => ({
    method: 'GET',
    url: `/api/ledger/export/persons.xlsx?region=${t.village}`,
  }),
  'GET /api/ledger/export/households.xlsx': (t) => ({
    method: 'GET',
    url: `/api/ledger/export/households.xlsx?region=${t.village}`,
  }),
  'GET /api/ledger/export/ledger.xlsx': (t) => ({
    method: 'GET',
    url: `/api/ledger/export/ledger.xlsx?region=${t.village}`,
  }),
  'POST /api/ledger/follow-ups': (t) => ({
    method: 'POST',
    url: `/api/ledger/follow-ups?region=${t.village}&month=${month}&dryRun=true`,
    payload: followUpCsv(t.personName),
    headers: { 'content-type': 'text/csv' },
  }),
  'POST /api/ledger/follow-ups/rejected.xlsx': (t) => ({
    method: 'POST',
    url: `/api/ledger/follow-ups/rejected.xlsx?region=${t.village}&month=${month}`,
    payload: followUpCsv(t.personName),
    headers: { 'content-type': 'text/csv' },
  }),
  'DELETE /api/households/:id': (t) => ({
    method: 'DELETE',
    url: `/api/households/${t.householdId}`,
    payload: { reason: '测试删除' },
  }),
};

const month = localDay(new Date()).slice(0, 7);

/** A one-person ledger for a village, as a CSV upload. */
function ledgerCsv(village: string): string {
  return `姓名,身份证号码,与户主关系,村代码,户编号,户类型,劳动能力,就业状态,未就业原因\n台账新人,${validIdNumber()},户主,${village},L${village.slice(-3)},脱贫户,普通劳动力,未就业,在家闲置\n`;
}

/** A one-row follow-up sheet (an unregistered ID number, so the row is refused). */
function followUpCsv(name: string): string {
  return `姓名,身份证号码,就业状态,未就业原因\n${name},${validIdNumber()},未就业,在家闲置\n`;
}

/** Routes that carry no region's data, or only the caller's own account. */
const regionless = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
]);

describe.each(testDatabaseKinds())('region scope on every route (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let clerk: Caller;
  let own: Target;
  let other: Target;

  async function seedVillage(village: string, name: string): Promise<Target> {
    const household = await app.services.registry.createHousehold(systemActor(), {
      villageCode: village,
      category: 'povertyExited',
      relocation: 'none',
      members: [personFields({ name, idNumber: validIdNumber() })],
    });
    const region = await database.db
      .selectFrom('regions')
      .select('name')
      .where('code', '=', village)
      .executeTakeFirstOrThrow();
    const person = household.members[0];
    if (!person) throw new Error('no member');
    // Never followed up: the warning rules raise notFollowedUp for this labourer.
    await app.services.monitoring.computeWarnings(systemActor(), village, month);
    const warning = await database.db
      .selectFrom('warnings')
      .select('id')
      .where('villageCode', '=', village)
      .executeTakeFirstOrThrow();
    return {
      village,
      householdId: household.id,
      personId: person.id,
      personName: name,
      villageName: region.name,
      warningId: warning.id,
      importId: 0,
    };
  }

  async function snapshot(t: Target) {
    const monitoring = await Promise.all([
      database.db.selectFrom('followUps').selectAll().where('villageCode', '=', t.village).execute(),
      database.db.selectFrom('villageMonths').selectAll().where('villageCode', '=', t.village).execute(),
      database.db.selectFrom('warnings').selectAll().where('villageCode', '=', t.village).execute(),
      database.db.selectFrom('targets').selectAll().where('regionCode', '=', t.village).execute(),
    ]);
    const household = await database.db
      .selectFrom('households')
      .selectAll()
      .where('id', '=', t.householdId)
      .executeTakeFirst();
    const persons = await database.db
      .selectFrom('persons')
      .selectAll()
      .where('householdId', '=', t.householdId)
      .orderBy('id')
      .execute();
    return JSON.stringify({ household, persons, monitoring });
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildTestApp(database);
    const [villageA, villageB] = await villages(database, '150521000000', 2);
    own = await seedVillage(villageA as string, '本村人');
    other = await seedVillage(villageB as string, '外村人');
    await app.services.monitoring.addReportingPolicy(systemActor(), {
      regionCode: other.village,
      validFrom: '2026-01-01',
      validTo: null,
      villageSubmitDay: 12,
      townReviewDay: 22,
      source: '外村专用',
    });
    clerk = await app.loginAs('operator', own.village);
    // Each village's ledger upload is its own operator's.
    const otherClerk = await app.loginAs('operator', other.village);
    for (const [target, caller] of [
      [own, clerk],
      [other, otherClerk],
    ] as const) {
      const upload = await call(app.app, caller, cases['POST /api/ledger/imports']?.(target) ?? {});
      target.importId = upload.json().id;
    }
    await app.services.ledger.idle();
  });
  afterAll(async () => {
    await app.services.ledger.idle();
    await app.app.close();
    await database.dispose();
  });

  it('has a case for every route the API serves', () => {
    expect([...app.routes].sort()).toEqual(Object.keys(cases).sort());
  });

  it("reads and writes nothing of another village's records through any route", async () => {
    const before = await snapshot(other);
    for (const [route, request] of Object.entries(cases)) {
      const response = await call(app.app, clerk, request(other));
      const body = response.body;
      expect(body, route).not.toContain(other.personName);
      expect(body, route).not.toContain(
        String(other.village).slice(0, 12) === own.village ? '' : `"villageCode":"${other.village}"`,
      );
      if (route === 'GET /api/policies') {
        expect(response.statusCode).toBe(200);
        expect(body, 'a policy of the other village is not listed').not.toContain(other.village);
      } else if (regionless.has(route) || route === 'GET /api/regions') {
        expect(response.statusCode, route).toBeLessThan(500);
      } else {
        expect([400, 403, 404], `${route} → ${response.statusCode} ${body}`).toContain(response.statusCode);
      }
    }
    expect(await snapshot(other)).toBe(before);
  });

  it("searching by the other village's person name finds nothing", async () => {
    for (const url of [
      `/api/persons?q=${encodeURIComponent(other.personName)}`,
      `/api/households?q=${encodeURIComponent(other.personName)}`,
    ]) {
      const response = await call(app.app, clerk, { method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.json().total).toBe(0);
    }
  });

  it('the same requests against the own village succeed (the refusals above are about scope)', async () => {
    const expectations: Record<string, number> = {
      'GET /api/regions/:code': 200,
      'GET /api/audit-events': 200,
      'GET /api/regions/:code/children': 200,
      'GET /api/persons': 200,
      'POST /api/persons': 201,
      'GET /api/persons/:id': 200,
      'POST /api/persons/:id/reveal': 200,
      'GET /api/persons/:id/history': 200,
      'PATCH /api/persons/:id': 200,
      'GET /api/households': 200,
      'POST /api/households': 201,
      'GET /api/households/:id': 200,
      'GET /api/stats/summary': 200,
      'GET /api/stats/figures-month': 200,
      'GET /api/stats/monthly': 200,
      'GET /api/stats/trend': 200,
      'GET /api/stats/monthly/people': 200,
      'GET /api/stats/export/monthly.xlsx': 200,
      'GET /api/stats/export/people.xlsx': 200,
      'GET /api/stats/export/targets.xlsx': 200,
      'GET /api/stats/export/warnings.xlsx': 200,
      'GET /api/stats/export/reporting.xlsx': 200,
      // Before the follow-ups below, which clear this never-followed-up warning.
      'PATCH /api/monitoring/warnings/:id': 200,
      'GET /api/monitoring/villages/:village/months/:month': 200,
      'POST /api/monitoring/villages/:village/months/:month/follow-ups': 200,
      'POST /api/monitoring/villages/:village/months/:month/confirm-unchanged': 200,
      'POST /api/monitoring/villages/:village/months/:month/actions': 200,
      'GET /api/monitoring/reporting': 200,
      'GET /api/monitoring/village-months': 200,
      'POST /api/monitoring/warnings/compute': 200,
      'GET /api/monitoring/warnings': 200,
      'PUT /api/targets': 200,
      'GET /api/policies': 200,
      'GET /api/targets/progress': 200,
      'PATCH /api/households/:id': 200,
      'DELETE /api/persons/:id': 204,
      'GET /api/ledger/imports': 200,
      'POST /api/ledger/imports': 202,
      'POST /api/ledger/follow-ups': 200,
      'POST /api/ledger/follow-ups/rejected.xlsx': 200,
      'GET /api/ledger/imports/:id': 200,
      'GET /api/ledger/imports/:id/rejected.xlsx': 200,
      'POST /api/ledger/imports/:id/confirm': 202,
      'GET /api/ledger/export/persons.xlsx': 200,
      'GET /api/ledger/export/households.xlsx': 200,
      'GET /api/ledger/export/ledger.xlsx': 200,
      'DELETE /api/households/:id': 204,
    };
    for (const [route, status] of Object.entries(expectations)) {
      const request = cases[route];
      if (!request) throw new Error(route);
      const response = await call(app.app, clerk, request(own));
      expect(response.statusCode, `${route} → ${response.body}`).toBe(status);
    }
  });

  it('refuses every data route to an anonymous caller with 401', async () => {
    for (const [route, request] of Object.entries(cases)) {
      if (regionless.has(route)) continue;
      const response = await call(app.app, null, request(own));
      expect(response.statusCode, route).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
