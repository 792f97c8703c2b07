// Typed calls of the API endpoints the interface uses.
import { api, type Query } from './client';
import type {
  AuditLog,
  HistoryEvent,
  Household,
  HouseholdWithMembers,
  Me,
  Page,
  Person,
  PersonListItem,
  Region,
  RegionSummary,
  RegionWithPath,
} from './types';

type Signal = AbortSignal | undefined;

export const auth = {
  me: (signal?: Signal) => api<Me>('/auth/me', { signal }),
  login: (username: string, password: string) =>
    api<{ user: Me }>('/auth/login', { method: 'POST', body: { username, password } }),
  logout: () => api<void>('/auth/logout', { method: 'POST' }),
};

export const regions = {
  get: (code: string, signal?: Signal) => api<RegionWithPath>(`/regions/${code}`, { signal }),
  children: (code: string, signal?: Signal) =>
    api<{ items: Region[] }>(`/regions/${code}/children`, { signal }).then((r) => r.items),
};

export const stats = {
  summary: (region: string, signal?: Signal) =>
    api<RegionSummary>('/stats/summary', { query: { region }, signal }),
};

export const persons = {
  search: (query: Query, signal?: Signal) => api<Page<PersonListItem>>('/persons', { query, signal }),
  get: (id: number, signal?: Signal) => api<Person>(`/persons/${id}`, { signal }),
  history: (id: number, signal?: Signal) =>
    api<{ items: HistoryEvent[] }>(`/persons/${id}/history`, { signal }).then((r) => r.items),
  reveal: (id: number) =>
    api<{ id: number; idNumber: string; phone: string | null }>(`/persons/${id}/reveal`, { method: 'POST' }),
  create: (body: Record<string, unknown>) => api<Person>('/persons', { method: 'POST', body }),
  update: (id: number, body: Record<string, unknown>) =>
    api<Person>(`/persons/${id}`, { method: 'PATCH', body }),
};

export const households = {
  search: (query: Query, signal?: Signal) => api<Page<Household>>('/households', { query, signal }),
  get: (id: number, signal?: Signal) => api<HouseholdWithMembers>(`/households/${id}`, { signal }),
  create: (body: Record<string, unknown>) =>
    api<HouseholdWithMembers>('/households', { method: 'POST', body }),
};

export const audit = {
  log: (query: Query, signal?: Signal) => api<AuditLog>('/audit-events', { query, signal }),
};
