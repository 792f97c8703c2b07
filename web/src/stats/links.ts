// Where each figure of a month leads: the list of that month's follow-ups it counts, the warnings,
// the reporting.
import type { Query } from '../api/client';
import { queryString } from '../api/client';

export type PeopleFilter = Record<string, string>;

/** The filters that give the people behind each headline figure (stats.dto.ts monthPeopleQuery). */
export const figureFilters = {
  persons: {},
  labourers: { labourer: 'true' },
  employed: { employed: 'true' },
  unemployedLabourers: { labourer: 'true', employed: 'false' },
  relocatedEmployed: { employed: 'true', relocated: 'true' },
  cooperationEmployed: { employed: 'true', cooperation: 'true' },
  zeroEmploymentHouseholds: { zeroEmploymentHousehold: 'true' },
} satisfies Record<string, PeopleFilter>;

export function peopleHref(region: string, month: string, filter: PeopleFilter = {}) {
  return `/stats/people${queryString({ region, month, ...filter } as Query)}`;
}

export function warningsHref(region: string, month: string, filter: PeopleFilter = {}) {
  return `/warnings${queryString({ region, month, ...filter } as Query)}`;
}

/** The monitoring screens' 报送情况: which villages reported, late or not at all. */
export function reportingHref(region: string, month: string) {
  return `/monitoring/reporting${queryString({ region, month })}`;
}
