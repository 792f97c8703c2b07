// The region summary against the same records counted in TypeScript with the registry's own rules,
// so the SQL definitions (劳动力, 零就业家庭) cannot drift from isLabourer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPopulation } from '../../demo/demo.loader.js';
import { localDay } from '../../shared/dates.js';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { buildTestApp, type Caller, call } from '../../test-support/http.js';
import { addMonths, monthOfDay } from '../monitoring/monitoring.rules.js';
import { isLabourer } from '../registry/registry.rules.js';

describe.each(testDatabaseKinds())('region summary (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let cityUser: Caller;
  const city = '150500000000';

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemoPopulation(database, {
      households: 400,
      seed: 11,
      regionCode: city,
      householdsPerVillage: 40,
    });
    app = await buildTestApp(database);
    cityUser = await app.loginAs('viewer', city);
  });
  afterAll(async () => {
    await app.app.close();
    await database.dispose();
  });

  it('counts people, labourers, employment and zero-employment households as the rules define them', async () => {
    const response = await call(app.app, cityUser, {
      method: 'GET',
      url: `/api/stats/summary?region=${city}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json();

    const today = localDay(new Date());
    const people = await database.db
      .selectFrom('persons')
      .selectAll()
      .where('deletedAt', 'is', null)
      .execute();
    const labourers = people.filter((p) => isLabourer(p, today));
    const employed = people.filter((p) => p.employmentStatus === 'employed');
    const byHousehold = new Map<number, typeof people>();
    for (const p of people) byHousehold.set(p.householdId, [...(byHousehold.get(p.householdId) ?? []), p]);
    const zero = [...byHousehold.values()].filter(
      (members) =>
        members.some((m) => isLabourer(m, today)) && !members.some((m) => m.employmentStatus === 'employed'),
    );

    expect(summary).toMatchObject({
      persons: people.length,
      labourers: labourers.length,
      employed: employed.length,
      unemployedLabourers: labourers.filter((p) => p.employmentStatus !== 'employed').length,
      households: 400,
      zeroEmploymentHouseholds: zero.length,
    });
    expect(summary.byForm.migrantWork).toBe(
      employed.filter((p) => p.employmentForm === 'migrantWork').length,
    );
    expect(summary.byLocation.outOfProvince).toBe(
      employed.filter((p) => p.workLocation === 'outOfProvince').length,
    );

    // Children are the city's counties; their figures add up to the city's.
    const sum = (key: string) =>
      summary.children.reduce((acc: number, c: Record<string, number>) => acc + (c[key] ?? 0), 0);
    expect(summary.children.every((c: { region: { level: number } }) => c.region.level === 3)).toBe(true);
    expect(sum('persons')).toBe(summary.persons);
    expect(sum('zeroEmploymentHouseholds')).toBe(summary.zeroEmploymentHouseholds);

    // The relocated count links to a household list of the same size.
    const relocated = await call(app.app, cityUser, {
      method: 'GET',
      url: '/api/households?relocated=true&pageSize=1',
    });
    expect(relocated.json().total).toBe(summary.relocatedHouseholds);

    // Each zero-employment count links to a household list of the same size.
    const list = await call(app.app, cityUser, {
      method: 'GET',
      url: '/api/households?zeroEmployment=true&pageSize=1',
    });
    expect(list.json().total).toBe(zero.length);
  });

  it('opens the figures screens on the latest month a village of the region has submitted', async () => {
    const current = monthOfDay(localDay(new Date()));
    const villages = (
      await database.db
        .selectFrom('households')
        .select('villageCode')
        .distinct()
        .orderBy('villageCode')
        .execute()
    ).map((r) => r.villageCode);
    const first = villages[0] as string;
    const elsewhere = villages.find((v) => v.slice(0, 9) !== first.slice(0, 9)) as string;
    expect(elsewhere).toBeDefined();
    const figuresMonth = async (region: string) => {
      const response = await call(app.app, cityUser, {
        method: 'GET',
        url: `/api/stats/figures-month?region=${region}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { month: string; reported: boolean };
    };

    // Nothing reported anywhere: the current month.
    expect(await figuresMonth(city)).toEqual(expect.objectContaining({ month: current, reported: false }));

    // A month submitted (or returned, or accepted) counts; one only opened, or a month to come, does not.
    await database.db
      .insertInto('villageMonths')
      .values([
        { villageCode: first, month: addMonths(current, -3), status: 'accepted' },
        { villageCode: first, month: addMonths(current, -1), status: 'returned' },
        { villageCode: first, month: current, status: 'open' },
        { villageCode: elsewhere, month: addMonths(current, 1), status: 'submitted' },
      ])
      .execute();
    expect(await figuresMonth(city)).toEqual(
      expect.objectContaining({ month: addMonths(current, -1), reported: true }),
    );
    expect((await figuresMonth(first)).month).toBe(addMonths(current, -1));
    // Another town's villages have reported nothing up to this month.
    expect(await figuresMonth(`${elsewhere.slice(0, 9)}000`)).toEqual(
      expect.objectContaining({ month: current, reported: false }),
    );
  });
});
