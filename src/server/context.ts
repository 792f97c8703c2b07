// What route plugins are given: the services, built once per process over one database.
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { accessService } from '../modules/access/access.service.js';
import { ledgerService } from '../modules/ledger/ledger.service.js';
import { followUpImporter } from '../modules/monitoring/monitoring.import.js';
import { monitoringService } from '../modules/monitoring/monitoring.service.js';
import { registryService } from '../modules/registry/registry.service.js';
import { statsService } from '../modules/stats/stats.service.js';

export function buildServices(database: Database, config: Config, now: () => Date = () => new Date()) {
  const monitoring = monitoringService(database.db, { maxMonthlyIncome: config.maxMonthlyIncome, now });
  return {
    access: accessService(database.db, { sessionHours: config.sessionHours }),
    registry: registryService(database.db, { maxMonthlyIncome: config.maxMonthlyIncome, now }),
    monitoring,
    followUpImport: followUpImporter(database, { maxMonthlyIncome: config.maxMonthlyIncome, now }),
    stats: statsService(database.db, now, monitoring),
    ledger: ledgerService(database, {
      maxMonthlyIncome: config.maxMonthlyIncome,
      now,
      ledgerDir: config.ledgerDir,
      uploadLimit: config.uploadLimit,
    }),
  };
}

export type Services = ReturnType<typeof buildServices>;

export interface AppContext {
  database: Database;
  config: Config;
  services: Services;
}
