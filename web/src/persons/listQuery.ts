// The person list's filters, sort and page live in the URL (so links, back and forward work); this
// reads them, dropping values the API would refuse.
import {
  employmentForm,
  employmentStatus,
  householdCategory,
  labourAbility,
  relocation,
  workLocation,
} from '../../../src/modules/registry/registry.codes';

export const personCodeFilters = {
  employmentStatus,
  employmentForm,
  workLocation,
  labourAbility,
  category: householdCategory,
  relocation,
} as const;
export type PersonCodeFilter = keyof typeof personCodeFilters;

export const personSortable = [
  'name',
  'idNumber',
  'villageCode',
  'birthDate',
  'monthlyIncome',
  'updatedAt',
] as const;
export type PersonSort = (typeof personSortable)[number];

export interface PersonListQuery {
  q?: string;
  employmentStatus?: string;
  employmentForm?: string;
  workLocation?: string;
  labourAbility?: string;
  category?: string;
  relocation?: string;
  labourers?: 'true' | 'false';
  sort?: PersonSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const pageSizes = [20, 50, 100];

function positive(text: string | null, fallback: number, max: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

export function readPersonQuery(params: URLSearchParams): PersonListQuery {
  const query: PersonListQuery = {
    page: positive(params.get('page'), 1, 100_000),
    pageSize: pageSizes.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20,
  };
  const q = params.get('q')?.trim();
  if (q) query.q = q.slice(0, 30);
  for (const [key, list] of Object.entries(personCodeFilters) as [PersonCodeFilter, { codes: string[] }][]) {
    const value = params.get(key);
    if (value && list.codes.includes(value)) query[key] = value;
  }
  const labourers = params.get('labourers');
  if (labourers === 'true' || labourers === 'false') query.labourers = labourers;
  const sort = params.get('sort') as PersonSort | null;
  if (sort && personSortable.includes(sort)) {
    query.sort = sort;
    query.order = params.get('order') === 'desc' ? 'desc' : 'asc';
  }
  return query;
}

/** Filters set in the query (not paging or sort): to show "clear filters". */
export function activeFilterCount(query: PersonListQuery): number {
  return [
    query.q,
    query.employmentStatus,
    query.employmentForm,
    query.workLocation,
    query.labourAbility,
    query.category,
    query.relocation,
    query.labourers,
  ].filter(Boolean).length;
}
