// Queries of households and people. Built for one caller's RegionScope: every read starts from a
// scope-filtered table and every write names a village that was checked against the scope, so
// nothing outside the caller's subtree can be read or changed through it.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { RegionScope } from '../access/scope.js';
import { escapeLike } from '../regions/regions.repository.js';
import type { HouseholdQuery, PersonQuery } from './registry.dto.js';
import { DEFAULT_WORKING_AGE, type WorkingAgeBand } from './registry.rules.js';
import type { HouseholdTable, PersonRow, PersonTable, RecordBookkeeping } from './registry.tables.js';

export type NewPerson = Omit<PersonTable, RecordBookkeeping | 'skills' | 'monthlyIncome'> & {
  skills: string[];
  monthlyIncome: number | null;
};
export type PersonChanges = Partial<NewPerson>;
export type NewHousehold = Omit<HouseholdTable, RecordBookkeeping>;

export function registryRepository(db: Kysely<DB>, scope: RegionScope) {
  const assertVillageInScope = (villageCode: string) => {
    if (!scope.covers(villageCode))
      throw new AppError('region.outOfScope', { params: { region: villageCode } });
  };

  const persons = () =>
    db
      .selectFrom('persons')
      .where(scope.filter('persons.villageCode'))
      .where('persons.deletedAt', 'is', null);
  const households = () =>
    db
      .selectFrom('households')
      .where(scope.filter('households.villageCode'))
      .where('households.deletedAt', 'is', null);

  return {
    assertVillageInScope,

    getPerson(id: number): Promise<PersonRow | undefined> {
      return persons().selectAll('persons').where('persons.id', '=', id).executeTakeFirst();
    },

    findPersonByIdNumber(idNumber: string) {
      return persons().selectAll('persons').where('persons.idNumber', '=', idNumber).executeTakeFirst();
    },

    /** Whether the ID number is registered anywhere (uniqueness is national, not per scope). */
    async idNumberTaken(idNumber: string, exceptPersonId?: number): Promise<boolean> {
      let query = db
        .selectFrom('persons')
        .select('id')
        .where('idNumber', '=', idNumber)
        .where('deletedAt', 'is', null);
      if (exceptPersonId) query = query.where('id', '<>', exceptPersonId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    members(householdId: number): Promise<PersonRow[]> {
      return persons()
        .selectAll('persons')
        .where('persons.householdId', '=', householdId)
        .orderBy(sql`case when relation_to_head = 'head' then 0 else 1 end`)
        .orderBy('persons.birthDate')
        .execute();
    },

    async searchPersons(query: PersonQuery, today: string) {
      if (query.region) assertVillageInScope(query.region);
      let base = persons().innerJoin('households', 'households.id', 'persons.householdId');
      const where: Expression<SqlBool>[] = [];
      if (query.region) where.push(scopeOf(query.region).filter('persons.villageCode'));
      if (query.q) {
        const q = query.q.replace(/\s+/g, '');
        where.push(
          /^[\dXx]{6,18}$/.test(q)
            ? q.length === 18
              ? sql<boolean>`persons.id_number = ${q.toUpperCase()}`
              : sql<boolean>`persons.id_number like ${`${escapeLike(q.toUpperCase())}%`}`
            : sql<boolean>`persons.name like ${`${escapeLike(q)}%`}`,
        );
      }
      if (query.householdId) where.push(sql<boolean>`persons.household_id = ${query.householdId}`);
      if (query.employmentStatus)
        where.push(sql<boolean>`persons.employment_status = ${query.employmentStatus}`);
      if (query.employmentForm) where.push(sql<boolean>`persons.employment_form = ${query.employmentForm}`);
      if (query.workLocation) where.push(sql<boolean>`persons.work_location = ${query.workLocation}`);
      if (query.labourAbility) where.push(sql<boolean>`persons.labour_ability = ${query.labourAbility}`);
      if (query.category) where.push(sql<boolean>`households.category = ${query.category}`);
      if (query.relocation) where.push(sql<boolean>`households.relocation = ${query.relocation}`);
      if (query.labourers === 'true') where.push(labourerCondition(today));
      if (query.labourers === 'false') where.push(sql<boolean>`not (${labourerCondition(today)})`);
      for (const condition of where) base = base.where(condition);
      // Every person has exactly one household (household_id is a not-null foreign key), so the count
      // joins households only when a household field filters: otherwise the join adds one index probe
      // per matching person and changes nothing (it doubled the time of a province-wide count).
      const countMatches = () => {
        if (query.category || query.relocation)
          return base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        let counted = persons();
        for (const condition of where) counted = counted.where(condition);
        return counted.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      };

      const [rows, total] = await Promise.all([
        base
          .innerJoin('regions', 'regions.code', 'persons.villageCode')
          .selectAll('persons')
          .select([
            'households.householdNo',
            'households.category',
            'households.relocation',
            'regions.name as villageName',
          ])
          .orderBy(`persons.${query.sort}`, query.order)
          .orderBy('persons.id', query.order)
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        countMatches(),
      ]);
      return { rows, total: Number(total.n) };
    },

    getHousehold(id: number) {
      return households().selectAll('households').where('households.id', '=', id).executeTakeFirst();
    },

    async searchHouseholds(query: HouseholdQuery, today: string) {
      if (query.region) assertVillageInScope(query.region);
      let base = households();
      if (query.zeroEmployment === 'true') base = base.where(zeroEmploymentCondition(today));
      if (query.region) base = base.where(scopeOf(query.region).filter('households.villageCode'));
      if (query.category) base = base.where('households.category', '=', query.category);
      if (query.relocation) base = base.where('households.relocation', '=', query.relocation);
      if (query.relocated === 'true') base = base.where('households.relocation', '<>', 'none');
      if (query.q) {
        const q = query.q.trim();
        base = base.where((eb) =>
          eb.or([
            eb('households.householdNo', '=', q),
            eb.exists(
              eb
                .selectFrom('persons as m')
                .select('m.id')
                .whereRef('m.householdId', '=', 'households.id')
                .where('m.deletedAt', 'is', null)
                .where('m.name', 'like', `${escapeLike(q)}%`),
            ),
          ]),
        );
      }
      const [rows, total] = await Promise.all([
        base
          .innerJoin('regions', 'regions.code', 'households.villageCode')
          .selectAll('households')
          .select([
            'regions.name as villageName',
            (eb) =>
              eb
                .selectFrom('persons as h')
                .select('h.name')
                .whereRef('h.householdId', '=', 'households.id')
                .where('h.relationToHead', '=', 'head')
                .where('h.deletedAt', 'is', null)
                .limit(1)
                .as('headName'),
            (eb) =>
              eb
                .selectFrom('persons as c')
                .select((e) => e.fn.countAll<number>().as('n'))
                .whereRef('c.householdId', '=', 'households.id')
                .where('c.deletedAt', 'is', null)
                .as('memberCount'),
          ])
          .orderBy('households.villageCode')
          .orderBy('households.householdNo')
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },

    async householdNoTaken(villageCode: string, householdNo: string, exceptId?: number): Promise<boolean> {
      let query = db
        .selectFrom('households')
        .select('id')
        .where('villageCode', '=', villageCode)
        .where('householdNo', '=', householdNo)
        .where('deletedAt', 'is', null);
      if (exceptId) query = query.where('id', '<>', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    /** The next free household number of a village: one more than the highest numeric one, 4 digits. */
    async nextHouseholdNo(villageCode: string): Promise<string> {
      const row = await db
        .selectFrom('households')
        .select(sql<number>`coalesce(max(household_no::bigint), 0)`.as('highest'))
        .where('villageCode', '=', villageCode)
        .where(sql<boolean>`household_no ~ '^[0-9]{1,15}$'`)
        .executeTakeFirst();
      return String(Number(row?.highest ?? 0) + 1).padStart(4, '0');
    },

    async insertHousehold(household: NewHousehold) {
      assertVillageInScope(household.villageCode);
      return db.insertInto('households').values(household).returningAll().executeTakeFirstOrThrow();
    },

    async updateHousehold(id: number, version: number, changes: Partial<NewHousehold>) {
      if (changes.villageCode) assertVillageInScope(changes.villageCode);
      const updated = await db
        .updateTable('households')
        .set({ ...changes, updatedAt: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .where(scope.filter('households.villageCode'))
        .where('deletedAt', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw new AppError('conflict.version');
      if (changes.villageCode) {
        await db
          .updateTable('persons')
          .set({ villageCode: changes.villageCode })
          .where('householdId', '=', id)
          .execute();
      }
      return updated;
    },

    async softDeleteHousehold(id: number, reason: string) {
      const now = new Date();
      await db
        .updateTable('persons')
        .set({ deletedAt: now, deletedReason: reason, updatedAt: now, version: sql`version + 1` })
        .where('householdId', '=', id)
        .where(scope.filter('persons.villageCode'))
        .where('deletedAt', 'is', null)
        .execute();
      return db
        .updateTable('households')
        .set({ deletedAt: now, deletedReason: reason, updatedAt: now, version: sql`version + 1` })
        .where('id', '=', id)
        .where(scope.filter('households.villageCode'))
        .where('deletedAt', 'is', null)
        .returningAll()
        .executeTakeFirst();
    },

    async insertPerson(person: NewPerson) {
      assertVillageInScope(person.villageCode);
      return db.insertInto('persons').values(person).returningAll().executeTakeFirstOrThrow();
    },

    async updatePerson(id: number, version: number, changes: PersonChanges) {
      if (changes.villageCode) assertVillageInScope(changes.villageCode);
      const updated = await db
        .updateTable('persons')
        .set({ ...changes, updatedAt: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .where(scope.filter('persons.villageCode'))
        .where('deletedAt', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw new AppError('conflict.version');
      return updated;
    },

    softDeletePerson(id: number, reason: string) {
      const now = new Date();
      return db
        .updateTable('persons')
        .set({ deletedAt: now, deletedReason: reason, updatedAt: now, version: sql`version + 1` })
        .where('id', '=', id)
        .where(scope.filter('persons.villageCode'))
        .where('deletedAt', 'is', null)
        .returningAll()
        .executeTakeFirst();
    },

    /** Whether the household's county is a key assistance county (乡村振兴重点帮扶县) on `day`. */
    async inKeyAssistanceCounty(villageCode: string, day: string): Promise<boolean> {
      const row = await db
        .selectFrom('keyAssistanceCounties')
        .select('countyCode')
        .where('countyCode', '=', `${villageCode.slice(0, 6)}000000`)
        .where('validFrom', '<=', day)
        .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', day)]))
        .executeTakeFirst();
      return row !== undefined;
    },
  };

  function scopeOf(regionCode: string) {
    return scope.narrowTo(regionCode);
  }
}

/** 劳动力 in SQL, the same test as isLabourer in registry.rules.ts: some labour ability, working age. */
export function labourerCondition(
  today: string,
  table = 'persons',
  band: WorkingAgeBand = DEFAULT_WORKING_AGE,
) {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  return sql<boolean>`(${column('labourAbility')} <> 'none'
    and ${column('birthDate')} > (${today}::date - make_interval(years => ${band.maxAge + 1}))
    and ${column('birthDate')} <= (${today}::date - make_interval(years => ${band.minAge})))`;
}

/** 零就业家庭: a household with at least one labourer and nobody employed. */
export function zeroEmploymentCondition(today: string, householdIdColumn = 'households.id') {
  return sql<boolean>`exists (select 1 from persons l where l.household_id = ${sql.ref(householdIdColumn)}
      and l.deleted_at is null and ${labourerCondition(today, 'l')})
    and not exists (select 1 from persons e where e.household_id = ${sql.ref(householdIdColumn)}
      and e.deleted_at is null and e.employment_status = 'employed')`;
}

export type RegistryRepository = ReturnType<typeof registryRepository>;
