// Tables of access control: accounts, login sessions and the audit log.
import type { ColumnType, Generated } from 'kysely';
import type { Role } from './access.rules.js';

export interface UserTable {
  id: Generated<number>;
  /** Login name, unique, lower-case. */
  username: string;
  displayName: string;
  /** argon2id hash (PHC string). */
  passwordHash: string;
  role: Role;
  /** The region whose subtree this account may see and change. */
  regionCode: string;
  disabledAt: Date | null;
  createdAt: Generated<Date>;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself lives only in the client's cookie. */
  tokenHash: string;
  userId: number;
  createdAt: Generated<Date>;
  expiresAt: Date;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: Generated<Date>;
  /** Null for actions by the system itself (demo loading, migrations). */
  actorId: number | null;
  /** e.g. person.create, person.update, person.delete, person.reveal, user.create, auth.login */
  action: string;
  entityType: string;
  entityId: string | null;
  /** Region of the record, so officials can read the log of their own subtree. */
  regionCode: string | null;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  note: string | null;
}
