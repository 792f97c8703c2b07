// Accounts and sessions: login, logout, who is calling, and creating accounts within one's region.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, validationError } from '../../shared/errors.js';
import { regionsRepository, regionWithin } from '../regions/regions.repository.js';
import { accessRepository } from './access.repository.js';
import { can, canGrantRole, normalizeUsername, passwordProblem, type Role } from './access.rules.js';
import { maskAuditValues, recordAudit } from './audit.js';
import { type Actor, RegionScope } from './scope.js';

export interface AuditLogQuery {
  region?: string;
  action?: string;
  entityType?: string;
  before?: number;
  limit: number;
}

export interface SessionSettings {
  /** How long a login lasts. */
  sessionHours: number;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * How long a session found in the database is trusted without asking again. Every request is
 * authenticated, and on PGlite a long import holds the one connection until it commits: the cache
 * keeps the rest of the service (an import's own progress page) answering meanwhile. Logging out
 * takes effect at once in this process; a session deleted by another process ends within this time.
 */
const sessionCacheMs = 60_000;
const sessionCacheSize = 10_000;

export function accessService(db: Kysely<DB>, settings: SessionSettings) {
  const repository = accessRepository(db);
  const sessions = new Map<string, { actor: Actor; expiresAt: number; trustedUntil: number }>();

  return {
    async login(
      usernameInput: string,
      password: string,
    ): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
      const username = normalizeUsername(usernameInput);
      const user = username ? await repository.findUserByUsername(username) : undefined;
      // Verify against a fixed hash when the user is unknown so timing does not reveal usernames.
      const ok = await verify(user?.passwordHash ?? (await unknownUserHash()), password).catch(() => false);
      if (!user || !ok || user.disabledAt) throw new AppError('auth.invalidCredentials');
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + settings.sessionHours * 3_600_000);
      const actor = toActor(user);
      await db.transaction().execute(async (trx) => {
        await accessRepository(trx).insertSession({
          tokenHash: tokenHash(token),
          userId: user.id,
          expiresAt,
        });
        await recordAudit(trx, actor, {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.regionCode,
        });
      });
      return { token, actor, expiresAt };
    },

    async logout(token: string): Promise<void> {
      sessions.delete(tokenHash(token));
      await repository.deleteSession(tokenHash(token));
    },

    async authenticate(token: string): Promise<Actor | null> {
      const key = tokenHash(token);
      const now = Date.now();
      const cached = sessions.get(key);
      if (cached && cached.trustedUntil > now && cached.expiresAt > now) return cached.actor;
      sessions.delete(key);
      const user = await repository.findSessionUser(key, new Date(now));
      if (!user) return null;
      const actor = toActor(user);
      if (sessions.size >= sessionCacheSize) {
        // The oldest entry (Map keeps insertion order).
        for (const oldest of sessions.keys()) {
          sessions.delete(oldest);
          break;
        }
      }
      sessions.set(key, {
        actor,
        expiresAt: new Date(user.expiresAt).getTime(),
        trustedUntil: now + sessionCacheMs,
      });
      return actor;
    },

    async createUser(
      actor: Actor,
      input: { username: string; displayName: string; password: string; role: Role; regionCode: string },
    ) {
      if (!can(actor.role, 'users.manage') || !canGrantRole(actor.role, input.role)) {
        throw new AppError('auth.forbidden');
      }
      const username = normalizeUsername(input.username);
      const problems = [];
      if (!username) problems.push({ field: 'username', code: 'username.invalid' });
      const weak = passwordProblem(input.password);
      if (weak) problems.push({ field: 'password', code: weak });
      if (problems.length > 0) throw validationError(problems);
      const region = await regionsRepository(db).get(input.regionCode);
      if (!region) throw new AppError('region.unknown', { params: { region: input.regionCode } });
      if (!actor.scope.covers(region.code))
        throw new AppError('region.outOfScope', { params: { region: region.name } });
      const passwordHash = await hash(input.password);
      return db.transaction().execute(async (trx) => {
        if (await accessRepository(trx).findUserByUsername(username as string)) {
          throw new AppError('conflict.username', { params: { username: username as string } });
        }
        const user = await accessRepository(trx).insertUser({
          username: username as string,
          displayName: input.displayName,
          passwordHash,
          role: input.role,
          regionCode: region.code,
        });
        await recordAudit(trx, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.regionCode,
          after: {
            username: user.username,
            displayName: user.displayName,
            role: user.role,
            regionCode: user.regionCode,
          },
        });
        return user;
      });
    },

    /**
     * The audit log (操作日志) of a region, newest first, a page at a time: who did what to which
     * record, with the recorded values masked.
     */
    async auditLog(actor: Actor, query: AuditLogQuery) {
      if (!can(actor.role, 'audit.read')) throw new AppError('auth.forbidden');
      const { region, scope } = await regionWithin(db, actor.scope, query.region);
      const rows = await repository.listAuditEvents(scope, {
        action: query.action,
        entityType: query.entityType,
        beforeId: query.before,
        limit: query.limit + 1,
      });
      const items = rows.slice(0, query.limit).map((e) => ({
        ...e,
        before: maskAuditValues(e.before),
        after: maskAuditValues(e.after),
      }));
      return {
        region: { code: region.code, name: region.name, level: region.level },
        items,
        // The id to ask `before` for the next page, when there is one.
        next: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null,
      };
    },

    listUsers(actor: Actor) {
      if (!can(actor.role, 'users.manage')) throw new AppError('auth.forbidden');
      return repository.listUsers(actor.scope);
    },
  };
}

function toActor(user: {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scope: RegionScope.of(user.regionCode),
  };
}

// A hash of a random secret, verified against when the username is unknown so that the answer
// takes as long as for a real account and timing does not reveal which usernames exist.
let unknownUserHashPromise: Promise<string> | undefined;
function unknownUserHash(): Promise<string> {
  unknownUserHashPromise ??= hash(randomBytes(16).toString('hex'));
  return unknownUserHashPromise;
}
