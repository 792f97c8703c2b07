// The household list's filters and page, read from the URL.
import { householdCategory, relocation } from '../../../src/modules/registry/registry.codes';
import { pageSizes } from '../persons/listQuery';

export interface HouseholdListQuery {
  q?: string;
  category?: string;
  relocation?: string;
  relocated?: 'true';
  zeroEmployment?: 'true';
  page: number;
  pageSize: number;
}

export function readHouseholdQuery(params: URLSearchParams): HouseholdListQuery {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const query: HouseholdListQuery = {
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    pageSize: pageSizes.includes(pageSize) ? pageSize : 20,
  };
  const q = params.get('q')?.trim();
  if (q) query.q = q.slice(0, 40);
  const category = params.get('category');
  if (category && (householdCategory.codes as string[]).includes(category)) query.category = category;
  const reloc = params.get('relocation');
  if (reloc && (relocation.codes as string[]).includes(reloc)) query.relocation = reloc;
  if (params.get('relocated') === 'true') query.relocated = 'true';
  if (params.get('zeroEmployment') === 'true') query.zeroEmployment = 'true';
  return query;
}
