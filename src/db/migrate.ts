// Applies the schema migrations in src/db/migrations, in name order, once each (Kysely's Migrator
// records them in kysely_migration and serialises concurrent runs with a lock).
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as foundation from './migrations/0001_foundation.js';
import * as ledger from './migrations/0002_ledger.js';
import * as monitoring from './migrations/0003_monitoring.js';
import * as monitoringScale from './migrations/0004_monitoring_scale.js';
import * as registrySearch from './migrations/0004_registry_search.js';
import * as monitoringChildStatistics from './migrations/0005_monitoring_child_statistics.js';
import * as registryVillageHouseholds from './migrations/0006_registry_village_households.js';
import * as statsRegionFigures from './migrations/0006_stats_region_figures.js';
import * as monitoringOpenWarnings from './migrations/0007_monitoring_open_warnings.js';
import * as ledgerProvenance from './migrations/0008_ledger_provenance.js';

const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_ledger': ledger,
  '0003_monitoring': monitoring,
  '0004_registry_search': registrySearch,
  '0004_monitoring_scale': monitoringScale,
  '0005_monitoring_child_statistics': monitoringChildStatistics,
  '0006_registry_village_households': registryVillageHouseholds,
  '0006_stats_region_figures': statsRegionFigures,
  '0007_monitoring_open_warnings': monitoringOpenWarnings,
  '0008_ledger_provenance': ledgerProvenance,
};

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  // Modules add migrations in parallel branches of work; a database may have applied a later-numbered
  // one before an earlier-numbered one arrives, which is fine as long as each runs once.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
