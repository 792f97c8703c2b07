// Applies the schema migrations in src/db/migrations, in name order, once each (Kysely's Migrator
// records them in kysely_migration and serialises concurrent runs with a lock).
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as foundation from './migrations/0001_foundation.js';

const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
};

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
