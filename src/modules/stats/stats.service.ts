// The summary of a region for its home page: totals and one row per child region.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDay } from '../../shared/dates.js';
import { AppError } from '../../shared/errors.js';
import { can } from '../access/access.rules.js';
import type { Actor } from '../access/scope.js';
import { regionsRepository } from '../regions/regions.repository.js';
import { regionLevel } from '../regions/regions.rules.js';
import { statsRepository } from './stats.repository.js';
import { emptyFigures, summarize } from './stats.rules.js';

const childPrefixLength = { province: 4, city: 6, county: 9, town: 12 } as const;

export function statsService(db: Kysely<DB>, now: () => Date) {
  return {
    async regionSummary(actor: Actor, regionCode: string | undefined) {
      if (!can(actor.role, 'registry.read')) throw new AppError('auth.forbidden');
      const code = regionCode ?? actor.scope.regionCode ?? '';
      const regions = regionsRepository(db);
      const region = await regions.get(code);
      if (!region) throw new AppError('notFound');
      if (!actor.scope.covers(region.code))
        throw new AppError('region.outOfScope', { params: { region: region.name } });
      const level = regionLevel(region.code);
      const today = localDay(now());
      const area = actor.scope.narrowTo(region.code);
      const prefixLength = level === 'village' ? 12 : childPrefixLength[level];
      const repository = statsRepository(db, actor.scope);
      const [persons, households, childRegions] = await Promise.all([
        repository.personGroups(area, prefixLength, today),
        repository.householdGroups(area, prefixLength, today),
        level === 'village' ? Promise.resolve([]) : regions.children(region.code),
      ]);
      const { total, children } = summarize(persons, households);
      return {
        region: { code: region.code, name: region.name, level: region.level },
        asOf: today,
        ...total,
        children: childRegions.map((child) => ({
          region: { code: child.code, name: child.name, level: child.level },
          ...(children.get(child.code.slice(0, prefixLength)) ?? emptyFigures()),
        })),
      };
    },
  };
}
