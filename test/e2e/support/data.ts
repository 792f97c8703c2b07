// Facts the browser journeys need from the test database: whom to look for and where.
import { idCheckCharacter } from '../../../src/modules/registry/registry.rules.js';
import type { TestDatabase } from '../../../src/test-support/databases.js';

export async function regionOf(database: TestDatabase, username: string): Promise<string> {
  const user = await database.db
    .selectFrom('users')
    .select('regionCode')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return user.regionCode;
}

export async function regionName(database: TestDatabase, code: string): Promise<string> {
  const region = await database.db
    .selectFrom('regions')
    .select('name')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return region.name;
}

export interface PickedPerson {
  id: number;
  name: string;
  idNumber: string;
  householdId: number;
  employer: string | null;
}

/**
 * Employed people of a village whose name no one else there has, so a search by name finds exactly
 * them; `skip` picks a different one for each journey.
 */
export async function employedPerson(
  database: TestDatabase,
  villageCode: string,
  skip: number,
): Promise<PickedPerson> {
  const rows = await database.db
    .selectFrom('persons')
    .select(['id', 'name', 'idNumber', 'householdId', 'employer'])
    .where('villageCode', '=', villageCode)
    .where('employmentStatus', '=', 'employed')
    .where('deletedAt', 'is', null)
    .where((eb) =>
      eb(
        'name',
        'in',
        eb
          .selectFrom('persons as p')
          .select('p.name')
          .where('p.villageCode', '=', villageCode)
          .groupBy('p.name')
          .having((h) => h.fn.countAll(), '=', 1),
      ),
    )
    .orderBy('id')
    .execute();
  const person = rows[skip];
  if (!person) throw new Error(`Fewer than ${skip + 1} employed people with a unique name in ${villageCode}`);
  return person;
}

/** The ID number of someone else (for a duplicate), and the same number with a wrong check character. */
export async function otherIdNumber(database: TestDatabase, exceptId: number) {
  const other = await database.db
    .selectFrom('persons')
    .select('idNumber')
    .where('id', '<>', exceptId)
    .where('deletedAt', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const first17 = other.idNumber.slice(0, 17);
  const right = idCheckCharacter(first17);
  const wrong = right === '1' ? '2' : '1';
  return { duplicate: other.idNumber, wrongCheck: `${first17}${wrong}` };
}

export async function countPersons(database: TestDatabase, villageCode: string): Promise<number> {
  const row = await database.db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('villageCode', '=', villageCode)
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A valid ID number nobody in the database has, for someone born on `birthDate`. */
export async function freeIdNumber(
  database: TestDatabase,
  birthDate: string,
  sex: 'M' | 'F',
): Promise<string> {
  for (let order = sex === 'M' ? 901 : 900; order < 1000; order += 2) {
    const first17 = `150521${birthDate.replaceAll('-', '')}${order}`;
    const idNumber = `${first17}${idCheckCharacter(first17)}`;
    const taken = await database.db
      .selectFrom('persons')
      .select('id')
      .where('idNumber', '=', idNumber)
      .executeTakeFirst();
    if (!taken) return idNumber;
  }
  throw new Error(`No free ID number for ${birthDate}`);
}
