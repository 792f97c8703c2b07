// A ledger import killed with SIGKILL in the middle leaves nothing of the file behind, and running it
// again gives exactly the database an uninterrupted import gives. The import runs as the real CLI
// (`bangfu import ledger`) in a child process, on PGlite (a data folder) and on the PostgreSQL server.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { makePgliteFolder, openTestDatabase, testDatabaseKinds } from '../src/test-support/databases.js';
import { writeTownLedger } from '../src/test-support/ledger-fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'src/test-support/cli-entry.ts');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Data rows the import had read when it was killed. */
  killedAt?: number;
}

/** Runs `bangfu import ledger FILE --json`; with `killAfterRows`, SIGKILLs it once it has read that many rows. */
function runImport(env: NodeJS.ProcessEnv, file: string, killAfterRows?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', entry, 'import', 'ledger', file, '--json'],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const run: Run = { code: null, signal: null, stdout: '', stderr: '' };
    child.stdout?.on('data', (d: Buffer) => {
      run.stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      run.stderr += d.toString();
      if (killAfterRows === undefined || run.killedAt !== undefined) return;
      for (const m of run.stderr.matchAll(/Reading: ([\d,]+) 行/g)) {
        const rows = Number((m[1] ?? '0').replaceAll(',', ''));
        if (rows >= killAfterRows && run.killedAt === undefined) {
          run.killedAt = rows;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      run.code = code;
      run.signal = signal;
      resolve(run);
    });
  });
}

/** Everything the import writes, by business keys (surrogate ids and timestamps differ between runs). */
async function businessState(db: Kysely<DB>) {
  const households = await sql<Record<string, unknown>>`
    select village_code, household_no, category, monitoring_type, relocation, resettlement_site, address,
      deleted_at, version, i.file_sha256 as source_file, source_row
    from households h left join ledger_imports i on i.id = h.source_import_id
    order by village_code, household_no`.execute(db);
  const persons = await sql<Record<string, unknown>>`
    select h.village_code as household_village, h.household_no, p.village_code, p.name, p.id_number, p.birth_date,
      p.sex, p.relation_to_head, p.phone, p.education, p.labour_ability, p.health, p.disability_grade, p.skills,
      p.wants_work, p.wants_training, p.work_away_willingness, p.employment_status, p.employment_form,
      p.work_location, p.workplace, p.employer, p.employment_start, p.monthly_income, p.not_working_reason,
      p.organized_by_cooperation, p.cooperation_name, p.deleted_at, p.version, i.file_sha256 as source_file,
      p.source_row
    from persons p join households h on h.id = p.household_id left join ledger_imports i on i.id = p.source_import_id
    order by p.id_number`.execute(db);
  const audit = await sql`
    select a.action, a.entity_type, a.actor_id, a.region_code, a.before, a.after, a.note,
      coalesce(p.id_number, h.village_code || '/' || h.household_no) as entity
    from audit_events a
    left join persons p on a.entity_type = 'person' and p.id::text = a.entity_id
    left join households h on a.entity_type = 'household' and h.id::text = a.entity_id
    order by a.action, entity, a.note`.execute(db);
  const imports = await sql`
    select user_id, region_code, file_name, file_sha256, file_size, format, status, preview, report, error
    from ledger_imports order by file_name`.execute(db);
  return { households: households.rows, persons: persons.rows, audit: audit.rows, imports: imports.rows };
}

describe.each(testDatabaseKinds())('a ledger import killed with SIGKILL (%s)', (kind) => {
  let work: string;
  let file: string;
  let rows: number;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'ledger-crash-'));
    file = path.join(work, '保康镇台账.csv');
    const probe = await openTestDatabase('pglite');
    rows = await writeTownLedger(probe.db, file, { format: 'csv', households: 12_000, seed: 7 });
    await probe.dispose();
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** A fresh database for a child process, and a way to open it from this one afterwards. */
  async function childDatabase(name: string) {
    if (kind === 'pglite') {
      const folder = path.join(work, name);
      await makePgliteFolder(folder);
      return {
        env: { BANGFU_DATA_DIR: folder, DATABASE_URL: '', BANGFU_LEDGER_DIR: work },
        open: (): Promise<Database> => openDatabase({ dataDir: folder }),
        dispose: async () => rmSync(folder, { recursive: true, force: true }),
      };
    }
    const copy = await openTestDatabase('postgres');
    await copy.close();
    return {
      env: { DATABASE_URL: copy.url, BANGFU_LEDGER_DIR: work },
      open: (): Promise<Database> => openDatabase({ url: copy.url, poolSize: 2 }),
      dispose: async () => {
        const again = await openTestDatabase('postgres').catch(() => null);
        await again?.dispose();
        await copy.dispose().catch(() => undefined);
      },
    };
  }

  it('leaves nothing behind, and a rerun ends exactly where an uninterrupted import does', async () => {
    expect(rows).toBeGreaterThan(30_000);
    const whole = await childDatabase('whole');
    const killed = await childDatabase('killed');
    try {
      const uninterrupted = await runImport(whole.env, file);
      expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
      const report = JSON.parse(uninterrupted.stdout);
      expect(report).toMatchObject({ rows, rejected: 0, updated: 0, unchanged: 0 });
      expect(report.created).toBe(rows);

      const interrupted = await runImport(killed.env, file, 5_000);
      expect(interrupted.signal).toBe('SIGKILL');
      expect(interrupted.killedAt).toBeGreaterThanOrEqual(5_000);
      expect(interrupted.killedAt).toBeLessThan(rows);
      expect(interrupted.stdout).toBe('');

      // Nothing of the file: no household, no person, no audit event, no import record.
      const afterKill = await killed.open();
      try {
        expect(await businessState(afterKill.db)).toEqual({
          households: [],
          persons: [],
          audit: [],
          imports: [],
        });
      } finally {
        await afterKill.close();
      }

      const rerun = await runImport(killed.env, file);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(JSON.parse(rerun.stdout)).toEqual(report);

      const [a, b] = [await whole.open(), await killed.open()];
      try {
        const [stateA, stateB] = [await businessState(a.db), await businessState(b.db)];
        expect(stateA.persons).toHaveLength(rows);
        // The import's one event; every record it created names it and its row as the source.
        expect(stateA.audit).toHaveLength(1);
        expect(stateA.persons.every((p) => p.source_file !== null && p.source_row !== null)).toBe(true);
        expect(stateA.households.every((h) => h.source_file !== null && h.source_row !== null)).toBe(true);
        expect(stateB).toEqual(stateA);
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await whole.dispose();
      await killed.dispose();
    }
  }, 600_000);
});
