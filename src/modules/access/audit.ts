// The audit log (操作日志): every write and every unmasked read of personal data. Callers pass
// the transaction that makes the change, so the event exists exactly when the change does.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { maskIdNumber, maskPhone } from '../registry/registry.rules.js';
import type { Actor } from './scope.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | number | null;
  regionCode: string | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
}

export async function recordAudit(db: Kysely<DB>, actor: Actor, event: AuditEvent): Promise<void> {
  await recordAuditEvents(db, actor, [event]);
}

/** Many events of one actor in one statement (bulk work: a sheet of follow-ups). */
export async function recordAuditEvents(
  db: Kysely<DB>,
  actor: Actor,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('auditEvents')
    .values(
      events.map((event) => ({
        actorId: actor.userId,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId === null ? null : String(event.entityId),
        regionCode: event.regionCode,
        before: event.before === undefined ? null : JSON.stringify(event.before),
        after: event.after === undefined ? null : JSON.stringify(event.after),
        note: event.note ?? null,
      })),
    )
    .execute();
}

/** Only the fields that changed, so the history shows what an edit did. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T) {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

/** Recorded values as shown to officials: ID and phone numbers masked like every other read, at any depth. */
export function maskAuditValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskAuditValues);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => {
      if (typeof v === 'string' && key === 'idNumber') return [key, maskIdNumber(v)];
      if (typeof v === 'string' && key === 'phone') return [key, maskPhone(v)];
      return [key, maskAuditValues(v)];
    }),
  );
}
