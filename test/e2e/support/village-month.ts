// Scenario set-up for the monitoring journeys: a village that has done nothing yet for a month (no
// follow-ups, never submitted), as the demo has in its latest month, and facts to check the screens by.
import { RegionScope } from '../../../src/modules/access/scope.js';
import { monitoringRepository } from '../../../src/modules/monitoring/monitoring.repository.js';
import type { TestDatabase } from '../../../src/test-support/databases.js';

export async function clearVillageMonth(database: TestDatabase, villageCode: string, month: string) {
  await database.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('followUps')
      .where('villageCode', '=', villageCode)
      .where('month', '=', month)
      .execute();
    await trx
      .deleteFrom('villageMonths')
      .where('villageCode', '=', villageCode)
      .where('month', '=', month)
      .execute();
    await monitoringRepository(trx, RegionScope.everything()).refreshFigures(RegionScope.of(villageCode), [
      month,
    ]);
  });
}

/** The village's people, in the order the month screen lists them. */
export async function villagePeople(database: TestDatabase, villageCode: string) {
  return database.db
    .selectFrom('persons')
    .select(['id', 'name', 'employmentStatus'])
    .where('villageCode', '=', villageCode)
    .where('deletedAt', 'is', null)
    .orderBy('householdId')
    .orderBy('id')
    .execute();
}

export async function displayName(database: TestDatabase, username: string): Promise<string> {
  const user = await database.db
    .selectFrom('users')
    .select('displayName')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return user.displayName;
}
