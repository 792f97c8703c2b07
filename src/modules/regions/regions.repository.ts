// Queries of the region tree, and loading the shipped tree into the database.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { RegionScope } from '../access/scope.js';
import { readRegionAsset, regionAssetPath } from './regions.data.js';
import {
  normalizeRegionName,
  parentCode,
  type RegionLevel,
  regionAliases,
  regionLevel,
} from './regions.rules.js';

const levelNumbers: Record<RegionLevel, number> = { province: 1, city: 2, county: 3, town: 4, village: 5 };
export const levelOfNumber = (n: number): RegionLevel =>
  (Object.keys(levelNumbers) as RegionLevel[]).find((k) => levelNumbers[k] === n) ?? 'village';

export interface Region {
  code: string;
  parentCode: string | null;
  level: number;
  name: string;
  aliases: string[];
}

export function regionsRepository(db: Kysely<DB>) {
  return {
    get(code: string): Promise<Region | undefined> {
      return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
    },

    getMany(codes: readonly string[]): Promise<Region[]> {
      if (codes.length === 0) return Promise.resolve([]);
      return db.selectFrom('regions').selectAll().where('code', 'in', codes).orderBy('code').execute();
    },

    children(code: string): Promise<Region[]> {
      return db.selectFrom('regions').selectAll().where('parentCode', '=', code).orderBy('code').execute();
    },

    /** Regions whose name or one of whose aliases equals `name`, optionally below `within`. */
    findByName(name: string, within: RegionScope, level?: number): Promise<Region[]> {
      const wanted = normalizeRegionName(name);
      let query = db
        .selectFrom('regions')
        .selectAll()
        .where((eb) => eb.or([eb('name', '=', wanted), sql<boolean>`aliases @> array[${wanted}]::text[]`]))
        .where(within.filter('regions.code'));
      if (level) query = query.where('level', '=', level);
      return query.orderBy('code').limit(50).execute();
    },

    /** Name starts with the text typed; for pickers. */
    searchByName(text: string, within: RegionScope, limit = 20): Promise<Region[]> {
      const wanted = normalizeRegionName(text);
      return db
        .selectFrom('regions')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('name', 'like', `${escapeLike(wanted)}%`),
            sql<boolean>`aliases @> array[${wanted}]::text[]`,
          ]),
        )
        .where(within.filter('regions.code'))
        .orderBy('level')
        .orderBy('code')
        .limit(limit)
        .execute();
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('regions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

/**
 * The region a caller asks about (default: the caller's own) and the caller's scope narrowed to it:
 * unknown → notFound, outside the scope → region.outOfScope. The one place a region parameter
 * becomes a scope.
 */
export async function regionWithin(db: Kysely<DB>, scope: RegionScope, code: string | undefined) {
  const regionCode = code ?? scope.regionCode;
  const region = regionCode ? await regionsRepository(db).get(regionCode) : undefined;
  if (!region) throw new AppError('notFound');
  if (!scope.covers(region.code))
    throw new AppError('region.outOfScope', { params: { region: region.name } });
  return { region, scope: scope.narrowTo(region.code) };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Loads assets/regions into the regions table when the shipped file differs from what is loaded.
 * Existing codes are updated in place (households and users refer to them), new ones added.
 */
export async function syncRegions(database: Database, assetPath = regionAssetPath()): Promise<number> {
  const checksum = createHash('sha256')
    .update(await readFile(assetPath))
    .digest('hex');
  const loaded = await database.db
    .selectFrom('referenceData')
    .select('checksum')
    .where('name', '=', 'regions')
    .executeTakeFirst();
  if (loaded?.checksum === checksum) return 0;
  const regions = await readRegionAsset(assetPath);
  const rows = regions.map((r) => {
    const level = regionLevel(r.code);
    return [r.code, parentCode(r.code), levelNumbers[level], r.name, regionAliases(r.name, level)] as const;
  });
  return database.bulkLoad(async (loader) => {
    await loader.execute(
      'create temp table regions_incoming (like regions including defaults) on commit drop',
    );
    await loader.copy('regionsIncoming', ['code', 'parentCode', 'level', 'name', 'aliases'], rows);
    await loader.execute(`
      insert into regions (code, parent_code, level, name, aliases)
      select code, parent_code, level, name, aliases from regions_incoming order by code
      on conflict (code) do update
        set parent_code = excluded.parent_code, level = excluded.level,
            name = excluded.name, aliases = excluded.aliases`);
    await loader.execute(
      `insert into reference_data (name, checksum, rows) values ('regions', $1, $2)
       on conflict (name) do update set checksum = excluded.checksum, rows = excluded.rows, loaded_at = now()`,
      [checksum, rows.length],
    );
    return rows.length;
  });
}
