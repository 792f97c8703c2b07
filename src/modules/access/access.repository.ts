// Queries of accounts, sessions and the audit log.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RegionScope } from './scope.js';

/** What the rest of the program knows of an account (never its password hash). */
const accountColumns = [
  'users.id',
  'users.username',
  'users.displayName',
  'users.role',
  'users.regionCode',
] as const;

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  beforeId?: number;
  limit: number;
}

export function accessRepository(db: Kysely<DB>) {
  return {
    findUserByUsername(username: string) {
      return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    },

    async insertUser(user: {
      username: string;
      displayName: string;
      passwordHash: string;
      role: DB['users']['role'];
      regionCode: string;
    }) {
      return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
    },

    listUsers(scope: RegionScope) {
      return db
        .selectFrom('users')
        .leftJoin('regions', 'regions.code', 'users.regionCode')
        .select([...accountColumns, 'regions.name as regionName', 'users.disabledAt', 'users.createdAt'])
        .where(scope.filter('users.regionCode'))
        .orderBy('users.regionCode')
        .orderBy('users.username')
        .execute();
    },

    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async insertSession(session: { tokenHash: string; userId: number; expiresAt: Date }) {
      await db.insertInto('sessions').values(session).execute();
    },

    findSessionUser(tokenHash: string, now: Date) {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.userId')
        .select([...accountColumns, 'sessions.expiresAt'])
        .where('sessions.tokenHash', '=', tokenHash)
        .where('sessions.expiresAt', '>', now)
        .where('users.disabledAt', 'is', null)
        .executeTakeFirst();
    },

    async deleteSession(tokenHash: string) {
      await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
    },

    /**
     * Audit events in the caller's region (of one record, of one kind), newest first; `beforeId`
     * pages back from an earlier page's last event.
     */
    listAuditEvents(scope: RegionScope, filter: AuditFilter) {
      let query = auditEvents().where(scope.filter('auditEvents.regionCode'));
      if (filter.entityType) query = query.where('auditEvents.entityType', '=', filter.entityType);
      if (filter.entityId) query = query.where('auditEvents.entityId', '=', filter.entityId);
      if (filter.action) query = query.where('auditEvents.action', '=', filter.action);
      if (filter.beforeId) query = query.where('auditEvents.id', '<', filter.beforeId);
      return query.orderBy('auditEvents.id', 'desc').limit(filter.limit).execute();
    },

    /** The event of the ledger import that created a record (its source, decision 13). */
    ledgerImportEvent(importId: number) {
      return auditEvents()
        .where('auditEvents.action', '=', 'ledger.import')
        .where('auditEvents.entityType', '=', 'ledgerImport')
        .where('auditEvents.entityId', '=', String(importId))
        .executeTakeFirst();
    },
  };

  function auditEvents() {
    return db
      .selectFrom('auditEvents')
      .leftJoin('users', 'users.id', 'auditEvents.actorId')
      .select([
        'auditEvents.id',
        'auditEvents.at',
        'auditEvents.action',
        'auditEvents.entityType',
        'auditEvents.entityId',
        'auditEvents.before',
        'auditEvents.after',
        'auditEvents.note',
        'users.username as actorUsername',
        'users.displayName as actorName',
        'auditEvents.regionCode',
      ]);
  }
}
