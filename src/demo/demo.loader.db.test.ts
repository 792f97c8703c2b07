// The demo loader against real databases: whole loads, repeatable without collisions, accounts usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../test-support/databases.js';
import { createDemoAccounts, loadDemoPopulation } from './demo.loader.js';

describe.each(testDatabaseKinds())('demo loader (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.dispose());

  const count = async (table: 'persons' | 'households') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads households with their people in one go, and a second load adds more without collisions', async () => {
    const first = await loadDemoPopulation(database, { households: 300, seed: 7, today: '2026-11-01' });
    expect(first.households).toBe(300);
    expect(await count('households')).toBe(300);
    expect(await count('persons')).toBe(first.persons);
    expect(first.persons).toBeGreaterThan(600);
    // 300 households at ≈ 60 per village: a handful of villages, spread over the city.
    expect(first.villages).toBe(5);

    const second = await loadDemoPopulation(database, { households: 200, seed: 7, today: '2026-11-01' });
    expect(await count('households')).toBe(500);
    expect(await count('persons')).toBe(first.persons + second.persons);
    const orphans = await database.db
      .selectFrom('persons')
      .leftJoin('households', 'households.id', 'persons.householdId')
      .select('persons.id')
      .where((eb) =>
        eb.or([
          eb('households.id', 'is', null),
          eb('households.villageCode', '<>', eb.ref('persons.villageCode')),
        ]),
      )
      .execute();
    expect(orphans).toEqual([]);
  });

  it('creates one account per level, the village one where people live', async () => {
    const accounts = await createDemoAccounts(database);
    expect(accounts.map((a) => a.username)).toEqual([
      'province',
      'city',
      'county',
      'town',
      'village',
      'viewer',
    ]);
    const village = accounts.find((a) => a.username === 'village');
    const people = await database.db
      .selectFrom('persons')
      .select('id')
      .where('villageCode', '=', village?.regionCode ?? '')
      .execute();
    expect(people.length).toBeGreaterThan(0);
    // Running it again changes nothing.
    await createDemoAccounts(database);
    const users = await database.db.selectFrom('users').select('username').execute();
    expect(users).toHaveLength(6);
  });
});
