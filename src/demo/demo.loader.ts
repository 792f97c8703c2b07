// Loads a synthetic population (population.ts) and demo accounts into the database, so a newcomer
// has something real-looking to work with. Households and people go in by COPY in one
// transaction: the load lands whole or not at all. The population is generated on a worker thread
// while the database loads the chunk before (the load runs at about the speed of COPY itself).
import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Role } from '../modules/access/access.rules.js';
import { recordAudit } from '../modules/access/audit.js';
import { systemActor } from '../modules/access/scope.js';
import { scopePrefix } from '../modules/regions/regions.rules.js';
import { localDay } from '../shared/dates.js';
import { startWorker } from '../shared/worker-thread.js';
import {
  householdColumns,
  type PopulationChunk,
  type PopulationJob,
  type PopulationMessage,
  personColumns,
} from './demo.rows.js';

/** ID numbers are split into this many blocks, one per demo load into the same database. */
const maxDemoLoads = 8;

/** Tongliao (通辽市): seed 001's targets and annex are about its banners and counties. */
export const demoCityCode = '150500000000';

export interface DemoLoadOptions {
  households: number;
  seed: number;
  /** Region whose villages receive the households. */
  regionCode?: string;
  /**
   * Average assisted households per chosen village. Real villages keep dozens to hundreds; spreading
   * a small demo over every village would leave each clerk one household to look at.
   */
  householdsPerVillage?: number;
  today?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Villages (level 5) below a region, in code order. */
export async function villagesBelow(database: Database, regionCode: string) {
  const prefix = scopePrefix(regionCode);
  return database.db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('level', '=', 5)
    .where('code', 'like', `${prefix}%`)
    .orderBy('code')
    .execute();
}

/**
 * Loads `households` synthetic households over the villages of a region. Household numbers
 * continue after any existing ones, so loading twice adds, never collides.
 */
export async function loadDemoPopulation(database: Database, options: DemoLoadOptions) {
  const regionCode = options.regionCode ?? demoCityCode;
  const allVillages = await villagesBelow(database, regionCode);
  if (allVillages.length === 0) throw new Error(`No villages below region ${regionCode}`);
  const wanted = Math.ceil(options.households / (options.householdsPerVillage ?? 60));
  const villages = spreadEvenly(allVillages, wanted);
  const today = options.today ?? localDay(new Date());
  const existing = await database.db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // Each demo load draws ID numbers from its own block, so a second load never repeats one.
  const earlierLoads = await database.db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'demo.load')
    .executeTakeFirstOrThrow();
  if (Number(earlierLoads.n) >= maxDemoLoads)
    throw new Error(`At most ${maxDemoLoads} demo loads fit one database`);
  const counties = await database.db
    .selectFrom('regions')
    .select(['code', 'name', 'aliases'])
    .where('level', '=', 3)
    .execute();
  // Officials write the short name of a banner or county in workplaces and employers (科左中旗).
  const countyNames = new Map(
    counties.map((c) => [c.code.slice(0, 6), c.aliases.find((a) => /[旗县区市]$/.test(a)) ?? c.name]),
  );
  const population: PopulationJob['population'] = {
    villages,
    households: options.households,
    seed: options.seed,
    today,
    idPartition: { index: Number(earlierLoads.n), of: maxDemoLoads },
  };

  return database.bulkLoad(async (loader) => {
    // Reserve a block of household ids so people can point at their household in the same COPY;
    // the table lock keeps other writers out until the sequence is moved past the block.
    await loader.execute('lock table households in exclusive mode');
    const highest = await loader.execute(
      `select greatest(coalesce((select max(id) from households), 0),
                       (select last_value from households_id_seq)) as highest`,
    );
    const firstId = Number(highest.rows[0]?.highest) + 1;
    await loader.execute(`select setval('households_id_seq', $1::bigint)`, [
      firstId + options.households - 1,
    ]);
    let personCount = 0;
    let householdCount = 0;
    for await (const chunk of generatedChunks({
      population,
      countyNames: Object.fromEntries(countyNames),
      firstId,
      householdNoSuffix: Number(existing.n) > 0 ? `-${Number(existing.n) + 1}` : '',
      chunkHouseholds: 10_000,
      chunksAhead: 2,
    })) {
      // Households first: the people of the chunk reference them.
      await loader.copy('households', householdColumns, [chunk.households]);
      personCount += await loader.copy('persons', personColumns, [chunk.persons]);
      householdCount += chunk.householdCount;
      options.onProgress?.(householdCount, options.households);
    }
    await loader.execute(
      `insert into audit_events (action, entity_type, entity_id, region_code, note)
       values ('demo.load', 'population', null, $1, $2)`,
      [regionCode, `${options.households} households, ${personCount} people, seed ${options.seed}`],
    );
    return { households: options.households, persons: personCount, villages: villages.length };
  });
}

/**
 * The population generated on a worker thread (population.worker.ts), chunk by chunk, so that
 * generating the next chunk overlaps loading this one.
 */
async function* generatedChunks(job: PopulationJob): AsyncGenerator<PopulationChunk> {
  const worker = startWorker(import.meta.url, 'population.worker', job);
  const received: PopulationMessage[] = [];
  let failure: Error | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: PopulationMessage) => {
    received.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new Error(`The population worker stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      while (received.length === 0 && failure === null)
        await new Promise<void>((resolve) => (wake = resolve));
      const message = received.shift();
      if (!message) throw failure ?? new Error('The population worker stopped');
      if (message.type === 'done') return;
      worker.postMessage('next');
      yield message;
    }
  } finally {
    finished = true;
    await worker.terminate();
  }
}

/** `count` items taken at even steps through the list, so every county and town gets some. */
export function spreadEvenly<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}

/** Same for every installation and printed at start: these are demo accounts, not for production. */
export const demoPassword = 'demo2026';

/**
 * One account per level over the demo region: Inner Mongolia province, Tongliao city, 科左中旗
 * county, its first town and that town's first village that has people.
 */
export async function createDemoAccounts(database: Database): Promise<DemoAccount[]> {
  const db = database.db;
  const village = await db
    .selectFrom('persons')
    .select('villageCode')
    .where('villageCode', 'like', '150521%')
    .orderBy('villageCode')
    .limit(1)
    .executeTakeFirst();
  const villageCode = village?.villageCode ?? (await villagesBelow(database, '150521000000'))[0]?.code;
  if (!villageCode) throw new Error('The region data has no village in 科左中旗');
  const townCode = `${villageCode.slice(0, 9)}000`;
  const names = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'in', [townCode, villageCode])
    .execute();
  const nameOf = (code: string) => names.find((n) => n.code === code)?.name ?? code;
  const accounts: DemoAccount[] = [
    { username: 'province', displayName: '自治区人社厅 演示账号', role: 'admin', regionCode: '150000000000' },
    { username: 'city', displayName: '通辽市人社局 演示账号', role: 'operator', regionCode: '150500000000' },
    { username: 'county', displayName: '科左中旗人社局 演示账号', role: 'admin', regionCode: '150521000000' },
    { username: 'town', displayName: `${nameOf(townCode)} 演示账号`, role: 'operator', regionCode: townCode },
    {
      username: 'village',
      displayName: `${nameOf(villageCode)} 协管员`,
      role: 'operator',
      regionCode: villageCode,
    },
    { username: 'viewer', displayName: '科左中旗 只读账号', role: 'viewer', regionCode: '150521000000' },
  ];
  const passwordHash = await hash(demoPassword);
  await db.transaction().execute(async (trx) => {
    for (const account of accounts) {
      const created = await trx
        .insertInto('users')
        .values({ ...account, passwordHash })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (created) {
        await recordAudit(trx, systemActor(), {
          action: 'user.create',
          entityType: 'user',
          entityId: created.id,
          regionCode: account.regionCode,
          after: account,
          note: 'demo account',
        });
      }
    }
  });
  return accounts;
}

/**
 * Demo designations of key assistance counties (乡村振兴重点帮扶县), clearly marked as demo data:
 * the real list is issued by the state and entered by a deployment.
 */
export async function loadDemoKeyCounties(database: Database) {
  await sql`
    insert into key_assistance_counties (county_code, valid_from, valid_to, source)
    values ('150525000000', '2021-08-01', null, '演示数据（非官方名单）'),
           ('150524000000', '2021-08-01', null, '演示数据（非官方名单）')
    on conflict do nothing`.execute(database.db);
}
