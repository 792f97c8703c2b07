// Ledger import and export (台账导入导出). An import reads the file as a stream, checks every row
// with the registry's rules (ledger.rules.ts) and, in chunks while the next chunk is being read,
// writes the rows that create new people in new households straight by COPY (ledger.direct.ts) and
// stages the others by COPY for the set-based statements (ledger.repository.ts) —
// all in ONE transaction per file: a crash or kill leaves nothing of the file behind, and running it
// again does the whole job. People are matched by ID number, households by village + 户编号; an
// unchanged row changes nothing, a changed one is updated with an audit event of its before/after.
// Exports stream rows from the database into an .xlsx written with exceljs.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { CopyRow } from '../../db/copy-text.js';
import type { BulkLoader, Database } from '../../db/database.js';
import { localDay } from '../../shared/dates.js';
import { AppError } from '../../shared/errors.js';
import { errorMessage, fieldMessage } from '../../shared/i18n.js';
import { can, type Permission } from '../access/access.rules.js';
import { recordAudit } from '../access/audit.js';
import type { Actor, RegionScope } from '../access/scope.js';
import { regionsRepository } from '../regions/regions.repository.js';
import { ancestorCodes, regionLevel } from '../regions/regions.rules.js';
import type { HouseholdQuery } from '../registry/registry.dto.js';
import { idNumberKey, maskIdNumber, maskPhone } from '../registry/registry.rules.js';
import { writeDirect } from './ledger.direct.js';
import type { LedgerFormat, LedgerSource } from './ledger.reader.js';
import {
  applyChunk,
  type ExportRow,
  finishImportSql,
  type ImportStatements,
  importStatements,
  insertImportSql,
  ledgerImportsRepository,
  ledgerRepository,
  type PersonExportFilter,
  regionExistsAnywhere,
  regionsForIndex,
  stagedColumns,
  undoRows,
} from './ledger.repository.js';
import {
  type Cell,
  type CheckGroup,
  type CodeReader,
  cellText,
  checkGroups,
  codeReaders,
  columnByKey,
  columnLetter,
  completeGroups,
  exportColumns,
  groupProblems,
  type HeaderLayout,
  type HouseholdValues,
  type LedgerKey,
  ledgerCells,
  type MappedRow,
  mapRow,
  type PersonValues,
  personDefaults,
  RegionIndex,
  type RegionResolution,
  regionKey,
  resolveVillage,
} from './ledger.rules.js';
import { headerNames, ledgerDataRows, openLedgerSheet } from './ledger.sheet.js';
import type { LedgerImportStatus } from './ledger.tables.js';
import { saveUpload } from './ledger.upload.js';
import { type SheetColumn, writeSheet } from './ledger.writer.js';

export interface LedgerSettings {
  maxMonthlyIncome: number;
  now: () => Date;
  /** Uploaded files and generated downloads. */
  ledgerDir: string;
  uploadLimit: number;
}

/** One problem of one row, as the office reads it. */
export interface ReportError {
  /** The row number Excel shows. */
  row: number;
  /** The column's header as written in the file. */
  column: string;
  code: string;
  /** 中文说明 */
  message: string;
}

/** A row's problem in the column as the file heads it, with its message in Chinese. */
export function rowError(
  row: number,
  column: string,
  code: string,
  params: Record<string, string | number> = {},
): ReportError {
  return { row, column, code, message: fieldMessage(column, code, 'zh', { ...params, field: column }) };
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ReportError[];
  households: { created: number; updated: number };
  dryRun: boolean;
  file: {
    name: string;
    format: LedgerFormat;
    sheet: string | null;
    encoding: string | null;
    headerRows: number[];
  };
  columns: { column: string; header: string; field: LedgerKey }[];
  /** Columns the ledger does not store: ignored, and reported here. */
  ignoredColumns: { column: string; header: string }[];
}

export interface ImportProgress {
  /** queued: waiting for the check or import before it in this process. */
  phase: 'queued' | 'reading' | 'finishing';
  /** Data rows read so far. */
  rows: number;
  /** Share of the file read, 0 … 1. */
  fraction: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Import into this region only (within the actor's). */
  region?: string | undefined;
  /** The name shown in reports and the audit log (defaults to the file's own name). */
  fileName?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** The ledger_imports row of a web upload, finished in the import's transaction. */
  importId?: number;
  /** Every row through the set-based statements, none by the direct path (tests compare the two). */
  setBasedOnly?: boolean;
  /** Rows per chunk (tests: small files that still span chunks). */
  chunkRows?: number;
}

/**
 * Rows staged and applied per statement batch: big enough for set-based speed and few round trips,
 * small enough to overlap reading with writing and to keep a million-row import under 500 MB
 * (docs/benchmarks.md: 30,000 rows, ≈ 365 MB for CSV).
 */
const CHUNK_ROWS = 30_000;

class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

export function ledgerService(database: Database, settings: LedgerSettings) {
  const db = database.db;
  const today = () => localDay(settings.now());
  const require = (actor: Actor, permission: Permission) => {
    if (!can(actor.role, permission)) throw new AppError('auth.forbidden');
  };

  /** The scope an import or export works in: the actor's, or a region inside it. */
  async function scopeFor(actor: Actor, region: string | undefined): Promise<RegionScope> {
    if (!region) return actor.scope;
    const found = await regionsRepository(db).get(region);
    if (!found) throw new AppError('region.unknown', { params: { region } });
    if (!actor.scope.covers(region))
      throw new AppError('region.outOfScope', { params: { region: found.name } });
    return actor.scope.narrowTo(region);
  }

  /**
   * Imports one file in one transaction (or checks it, rolling back: a dry run gives exactly the
   * counts the import would). Returns the report; throws only for a file that cannot be read at all.
   */
  async function importFile(
    actor: Actor,
    filePath: string,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    require(actor, 'registry.write');
    const scope = await scopeFor(actor, options.region);
    const fileName = options.fileName ?? path.basename(filePath);
    const { source, layout } = await openLedgerSheet(filePath);
    try {
      return await runImport(actor, scope, source, layout, filePath, fileName, options);
    } finally {
      await source.close();
    }
  }

  async function runImport(
    actor: Actor,
    scope: RegionScope,
    source: LedgerSource,
    layout: HeaderLayout,
    filePath: string,
    fileName: string,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const day = today();
    const context = { today: day, maxMonthlyIncome: settings.maxMonthlyIncome };
    const header = headerNames(layout);
    const present = new Set(layout.columns.map((c) => c.key));
    const complete = completeGroups(present);
    const partial = (Object.keys(checkGroups) as CheckGroup[]).filter((g) => !complete.has(g));
    const columnOrder = new Map(layout.columns.map((c) => [c.key, c.index]));
    const scopeRegion = scope.regionCode;
    const defaultVillage = scopeRegion && regionLevel(scopeRegion) === 'village' ? scopeRegion : null;
    const index = new RegionIndex(
      await regionsForIndex(db, scope, scopeRegion ? ancestorCodes(scopeRegion) : []),
    );
    const sha256 = await fileHash(filePath);
    const size = (await stat(filePath)).size;

    const errors: ReportError[] = [];
    const rejectedRows = new Set<number>();
    const addError = (
      row: number,
      key: LedgerKey,
      code: string,
      params: Record<string, string | number> = {},
    ) => {
      rejectedRows.add(row);
      errors.push(rowError(row, header(key), code, params));
    };
    let rowCount = 0;

    const regionCache = new Map<string, RegionResolution>();

    const note = `台账导入 ${fileName}`;

    const work = async (loader: BulkLoader): Promise<ImportReport> => {
      // One import at a time per database: two files touching the same households would otherwise
      // wait on each other's row locks.
      await loader.execute('select pg_advisory_xact_lock(2026040401)');
      // The import's own record comes first (it is the source of every record created) and lands
      // with the rows, or not at all.
      const importId =
        options.importId ??
        Number(
          (
            await loader.execute(insertImportSql, [
              actor.userId,
              scope.regionCode,
              fileName,
              sha256,
              size,
              source.format,
              JSON.stringify({ headerRows: layout.headerRows }),
            ])
          ).rows[0]?.id,
        );
      const statements = importStatements({
        present,
        bounds: scope.bounds(),
        actorId: actor.userId,
        importId,
        note,
        headers: new Map(layout.columns.map((c) => [c.key, c.header])),
      });
      for (const statement of statements.createStaging) await loader.execute(statement);

      /**
       * Region of a row from the cache, resolved once per distinct text in the file without the
       * database: null when the row names none, undefined when only the database can tell an unknown
       * region from one outside the scope (resolveRegionAsync).
       */
      function regionOf(m: MappedRow): RegionResolution | null | undefined {
        const r = m.region;
        if (!r.code && !r.village && !r.town && !r.county && !r.city && !defaultVillage) return null;
        const key = regionKey(r);
        let result = regionCache.get(key);
        if (!result) {
          result = resolveVillage(r, index, defaultVillage);
          if (!result.ok && result.code === 'region.unknown') return undefined;
          regionCache.set(key, result);
        }
        return result;
      }

      async function resolveRegionAsync(m: MappedRow): Promise<RegionResolution> {
        const key = regionKey(m.region);
        let result = regionCache.get(key) ?? resolveVillage(m.region, index, defaultVillage);
        if (!result.ok && result.code === 'region.unknown' && !regionCache.has(key)) {
          const level =
            result.key === 'villageCode' || result.key === 'village'
              ? 5
              : result.key === 'town'
                ? 4
                : result.key === 'county'
                  ? 3
                  : 2;
          if (await regionExistsAnywhere(loader, result.value, level))
            result = { ...result, code: 'region.outOfScope' };
        }
        regionCache.set(key, result);
        return result;
      }

      /**
       * Problems of the column groups the file has only in part, once the row is merged with the
       * stored person and household (personExists / householdExists say whether there are any).
       */
      const mergedProblems = (m: MappedRow, s: Record<string, unknown>) => {
        const exists = Boolean(s.personExists);
        const person = mergePerson(m.person, exists ? s : null);
        const groups = new Set<CheckGroup>();
        for (const g of partial) {
          const touched = checkGroups[g].some((k) => present.has(k));
          if (g === 'household') {
            if (m.household) groups.add(g);
          } else if (touched || !exists) groups.add(g);
        }
        const household = m.household ? mergeHousehold(m.household, s.householdExists ? s : null) : null;
        const seen = new Set(m.problems.map((p) => p.key));
        return groupProblems(person, household, groups, context).filter((p) => !seen.has(p.key));
      };

      /** Checks of column groups the file has only in part, against the stored records. */
      const storedCheck = (chunkRows: Map<number, MappedRow>) =>
        partial.length === 0
          ? null
          : (stored: Record<string, unknown>[]) => {
              const refused: number[] = [];
              for (const s of stored) {
                const m = chunkRows.get(Number(s.rowNo));
                // Without a valid ID number it is unknown whose record this is: nothing to merge with.
                if (!m?.idNumber) continue;
                const problems = mergedProblems(m, s);
                if (problems.length > 0) {
                  refused.push(m.row);
                  for (const p of problems) addError(m.row, p.key, p.code, p.params);
                }
              }
              return refused;
            };

      let inFlight: Promise<void> = Promise.resolve();
      /** Rows waiting in ledger_deferred for a household a later chunk may describe. */
      let rowsWaiting = 0;

      // New people of new households go by COPY straight to the registry (ledger.direct.ts) unless a
      // column without a default is missing (every new person is refused then). A row the checks of
      // partial column groups would refuse as a new person goes through the statements, which report it.
      const direct = !options.setBasedOnly && present.has('relationToHead') && present.has('labourAbility');
      const nothingStored = { personExists: false, householdExists: false };

      /**
       * The chunk being read. Each row is checked, its region named and staged at once as one flat
       * array of its staged values, and its objects let go: a chunk waiting for the database holds
       * 30,000 small arrays, not 30,000 mapped rows, so the heap stays small (a million-row file well
       * under 500 MB). Mapped rows are kept only where checks against stored records need them, or
       * the database must name their region.
       */
      interface Chunk {
        staged: CopyRow[];
        /** Rows whose region only the database can name, with whether their ID number came before. */
        unresolved: { mapped: MappedRow; seenBefore: boolean }[];
        byRow: Map<number, MappedRow> | null;
      }
      const newChunk = (): Chunk => ({
        staged: [],
        unresolved: [],
        byRow: partial.length > 0 ? new Map() : null,
      });
      let chunk = newChunk();

      // The ID numbers read so far, as numbers (idNumberKey): a million 18-character strings would
      // take several times the memory. Known here in row order, whatever order the rows are staged in.
      const idsRead = new Set<number>();
      const seenBefore = (m: MappedRow) => {
        if (m.idNumber === null) return false;
        const key = idNumberKey(m.idNumber);
        if (idsRead.has(key)) return true;
        idsRead.add(key);
        return false;
      };

      const stage = (target: Chunk, m: MappedRow, seen: boolean, region: RegionResolution | null) => {
        if (region && !region.ok)
          addError(m.row, region.key, region.code, { value: region.value, region: region.value });
        for (const p of m.problems) addError(m.row, p.key, p.code, p.params);
        const bad = m.problems.length > 0 || rejectedRows.has(m.row);
        // Refused rows are staged too ('invalid'), for the duplicate check (an ID number given twice
        // is a problem of both rows) and for the checks against stored records.
        target.staged.push(stagedRow(m, bad ? 'invalid' : 'pending', seen, region?.ok ? region.code : null));
        target.byRow?.set(m.row, m);
      };

      const processChunk = async (current: Chunk) => {
        for (const { mapped, seenBefore } of current.unresolved)
          stage(current, mapped, seenBefore, await resolveRegionAsync(mapped));
        current.unresolved = [];
        const byRow = current.byRow;
        const passesAsNew = (row: number) => {
          const m = byRow?.get(row);
          return !m || mergedProblems(m, nothingStored).length === 0;
        };
        const rest = direct
          ? await writeDirect(loader, { present, importId, passesAsNew }, current.staged)
          : current.staged;
        current.staged = [];
        // Every row went direct and none waits for its household: the statements would find nothing
        // to do, and their round trips (seventeen a chunk) kept the database waiting on this thread.
        if (rest.length === 0 && rowsWaiting === 0) return;
        await loader.copy('ledgerChunk', stagedColumns, rest);
        const checks = current.byRow ? storedCheck(current.byRow) : null;
        const { rejected, waiting } = await applyChunk(loader, statements, checks);
        rowsWaiting = waiting;
        for (const r of rejected) addError(r.rowNo, r.key, r.code, r.params ?? {});
      };

      const flush = async () => {
        const current = chunk;
        chunk = newChunk();
        await inFlight;
        inFlight = processChunk(current);
        // Surface a failed chunk at the next flush; never leave a rejection unhandled meanwhile.
        inFlight.catch(() => undefined);
      };

      let inChunk = 0;
      options.onProgress?.({ phase: 'reading', rows: 0, fraction: 0 });
      for await (const rows of ledgerDataRows(source, layout)) {
        for (const row of rows) {
          rowCount++;
          const m = mapRow(row, layout, context);
          const seen = seenBefore(m);
          const region = regionOf(m);
          if (region === undefined) chunk.unresolved.push({ mapped: m, seenBefore: seen });
          else stage(chunk, m, seen, region);
          if (++inChunk >= (options.chunkRows ?? CHUNK_ROWS)) {
            inChunk = 0;
            await flush();
          }
        }
        options.onProgress?.({ phase: 'reading', rows: rowCount, fraction: source.progress() });
      }
      if (inChunk > 0) await flush();
      await inFlight;
      options.onProgress?.({ phase: 'finishing', rows: rowCount, fraction: 1 });

      await finish(loader, statements, addError);
      const counts = (await loader.execute(statements.counts)).rows[0] ?? {};
      errors.sort((a, b) => a.row - b.row || columnRank(a.column) - columnRank(b.column));
      const report: ImportReport = {
        rows: rowCount,
        created: Number(counts.created ?? 0),
        updated: Number(counts.updated ?? 0),
        unchanged: Number(counts.unchanged ?? 0),
        rejected: rejectedRows.size,
        errors,
        households: {
          created: Number(counts.householdsCreated ?? 0),
          updated: Number(counts.householdsUpdated ?? 0),
        },
        dryRun: Boolean(options.dryRun),
        file: {
          name: fileName,
          format: source.format,
          sheet: source.sheetName,
          encoding: source.encoding,
          headerRows: layout.headerRows,
        },
        columns: layout.columns.map((c) => ({
          column: columnLetter(c.index),
          header: c.header,
          field: c.key,
        })),
        ignoredColumns: layout.ignored.map((c) => ({ column: columnLetter(c.index), header: c.header })),
      };
      if (report.created + report.updated + report.unchanged + report.rejected !== report.rows) {
        throw new Error(
          `ledger import counts do not add up: ${JSON.stringify({ ...report, errors: undefined })}`,
        );
      }
      if (options.dryRun) throw new DryRunDone(report);

      // The import's audit event: with the sources of the records it created, their creation.
      const summary = { ...report, errors: undefined };
      await loader.execute(finishImportSql, [importId, JSON.stringify(report)]);
      await loader.execute(
        `insert into audit_events (actor_id, action, entity_type, entity_id, region_code, after, note)
         values ($1, 'ledger.import', 'ledgerImport', $2, $3, $4::jsonb, $5)`,
        [actor.userId, String(importId), scope.regionCode, JSON.stringify({ ...summary, sha256 }), note],
      );
      return report;

      function columnRank(column: string) {
        const key = layout.columns.find((c) => c.header === column)?.key;
        return key ? (columnOrder.get(key) ?? 999) : 999;
      }
    };

    try {
      return await database.bulkLoad(
        process.env.BANGFU_LEDGER_TRACE ? (loader) => work(traced(loader)) : work,
      );
    } catch (error) {
      if (error instanceof DryRunDone) return error.report;
      throw error;
    }
  }

  /** End of file: duplicates and households found only with every row read, then undone. */
  async function finish(
    loader: BulkLoader,
    statements: ImportStatements,
    addError: (row: number, key: LedgerKey, code: string, params?: Record<string, string | number>) => void,
  ) {
    // The statements below join the registry's tables, which may have grown by a million rows in this
    // transaction; statistics from before would make the planner loop over them.
    await loader.execute('analyze persons');
    await loader.execute('analyze households');
    await loader.execute('analyze ledger_state');
    for (const row of (await loader.execute(statements.unstatedHouseholds)).rows)
      addError(Number(row.rowNo), 'category', 'ledger.requiredForNew');
    const groups = (await loader.execute(statements.duplicateGroups)).rows as { rows: number[] }[];
    const undo: number[] = [];
    for (const group of groups) {
      const rows = group.rows.map(Number);
      for (const row of rows) {
        addError(row, 'idNumber', 'ledger.duplicateInFile', {
          rows: rows.filter((r) => r !== row).join('、'),
        });
        undo.push(row);
      }
    }
    await undoRows(loader, statements, undo);
    const heads = (await loader.execute(statements.headProblems)).rows as {
      householdId: number;
      heads: number;
      spouses: number;
    }[];
    if (heads.length > 0) {
      const codeOf = new Map(
        heads.map((h) => [
          Number(h.householdId),
          Number(h.heads) === 0
            ? 'household.headMissing'
            : Number(h.heads) > 1
              ? 'household.headNotUnique'
              : 'household.spouseNotUnique',
        ]),
      );
      const applied = await loader.execute(statements.appliedRowsOf, [[...codeOf.keys()]]);
      const rows = applied.rows.map((r) => Number(r.rowNo));
      for (const r of applied.rows)
        addError(
          Number(r.rowNo),
          'relationToHead',
          codeOf.get(Number(r.householdId)) ?? 'household.headMissing',
        );
      await undoRows(loader, statements, rows);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Web uploads: a file, a preview and a dry run, then the import on confirmation.

  type ImportRow = NonNullable<Awaited<ReturnType<ReturnType<typeof ledgerImportsRepository>['get']>>>;
  /**
   * Checks and imports running or queued in this process: their live progress, and the import as it
   * was when it started, so that its page is answered without the database (a PGlite import holds
   * the one connection until it commits).
   */
  const running = new Map<number, { row: ImportRow; progress: ImportProgress }>();
  const startRunning = (row: ImportRow) =>
    running.set(row.id, {
      row,
      progress: { phase: running.size > 0 ? 'queued' : 'reading', rows: 0, fraction: 0 },
    });
  const reportProgress = (id: number) => (progress: ImportProgress) => {
    const entry = running.get(id);
    if (entry) entry.progress = progress;
  };
  let queue: Promise<unknown> = Promise.resolve();
  /** Imports and checks run one after another in this process (the database lock does so across processes). */
  const enqueue = (task: () => Promise<void>) => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  const uploadPath = (id: number) => path.join(settings.ledgerDir, `import-${id}.upload`);

  async function cleanOldFiles() {
    const files = await readdir(settings.ledgerDir).catch(() => [] as string[]);
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    for (const name of files) {
      const file = path.join(settings.ledgerDir, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtimeMs < dayAgo) await rm(file, { force: true });
    }
  }

  /** The first data rows as text, for the preview. */
  async function previewOf(source: LedgerSource, layout: HeaderLayout) {
    const sample: { row: number; cells: Record<string, string> }[] = [];
    for await (const rows of ledgerDataRows(source, layout)) {
      for (const row of rows) {
        if (sample.length >= 10) break;
        sample.push({
          row: row.number,
          cells: Object.fromEntries(layout.columns.map((c) => [c.header, cellText(row.cells[c.index])])),
        });
      }
      if (sample.length >= 10) break;
    }
    return {
      format: source.format,
      sheet: source.sheetName,
      encoding: source.encoding,
      headerRows: layout.headerRows,
      columns: layout.columns.map((c) => ({
        column: columnLetter(c.index),
        header: c.header,
        field: c.key,
        fieldLabel: columnByKey.get(c.key)?.header ?? c.key,
      })),
      ignoredColumns: layout.ignored.map((c) => ({ column: columnLetter(c.index), header: c.header })),
      sampleRows: sample,
    };
  }

  function runCheck(actor: Actor, row: ImportRow, filePath: string, region: string | undefined) {
    startRunning(row);
    void enqueue(async () => {
      const imports = ledgerImportsRepository(db);
      try {
        const report = await importFile(actor, filePath, {
          dryRun: true,
          region,
          fileName: row.fileName,
          onProgress: reportProgress(row.id),
        });
        await imports.setStatus(row.id, { status: 'checked', checkReport: report, error: null });
      } catch (error) {
        await imports.setStatus(row.id, { status: 'failed', error: describe(error) });
      } finally {
        running.delete(row.id);
      }
    });
  }

  function describe(error: unknown): string {
    if (error instanceof AppError) return errorMessage(error.code, 'zh', error.details.params ?? {});
    return `导入失败：${error instanceof Error ? error.message.slice(0, 300) : String(error)}`;
  }

  function presentImport(
    row: Awaited<ReturnType<ReturnType<typeof ledgerImportsRepository>['get']>>,
    errorLimit = 1000,
    errorOffset = 0,
  ) {
    if (!row) throw new AppError('notFound');
    let status: LedgerImportStatus = row.status;
    let error = row.error;
    const live = running.get(row.id)?.progress;
    if ((status === 'checking' || status === 'importing') && !live) {
      // The process that ran it is gone (restart); the transaction never committed.
      status = 'failed';
      error = error ?? '导入被中断（服务重启），数据库未作任何改动，请重新确认导入';
    }
    const cut = (report: unknown) => {
      if (!report || typeof report !== 'object') return report ?? null;
      const r = report as ImportReport;
      // How many problems of each kind, e.g. rows outside the account's region, for the whole file.
      const codeCounts: Record<string, number> = {};
      for (const e of r.errors) codeCounts[e.code] = (codeCounts[e.code] ?? 0) + 1;
      return {
        ...r,
        errors: r.errors.slice(errorOffset, errorOffset + errorLimit),
        errorCount: r.errors.length,
        codeCounts,
      };
    };
    return {
      id: row.id,
      fileName: row.fileName,
      format: row.format,
      regionCode: row.regionCode,
      status,
      error,
      progress: live ?? null,
      preview: row.preview,
      check: cut(row.checkReport),
      report: cut(row.report),
      createdAt: row.createdAt,
      importedAt: row.importedAt,
    };
  }

  // ---------------------------------------------------------------------------------------------------
  // Exports

  const exportSpecs: SheetColumn[] = exportColumns.map((c) => ({
    header: c.header,
    width: c.width,
    text: 'text' in c && c.text === true,
    date: c.key === 'birthDate' || c.key === 'employmentStart',
  }));

  function exportCells(row: ExportRow, masked: boolean): Cell[] {
    const person: PersonValues = {
      name: row.name,
      idNumber: masked ? maskIdNumber(row.idNumber) : row.idNumber,
      birthDate: row.birthDate,
      sex: row.sex,
      relationToHead: row.relationToHead,
      phone: masked ? maskPhone(row.phone) : row.phone,
      education: row.education,
      labourAbility: row.labourAbility,
      health: row.health,
      disabilityGrade: row.disabilityGrade,
      skills: row.skills,
      wantsWork: row.wantsWork,
      wantsTraining: row.wantsTraining,
      workAwayWillingness: row.workAwayWillingness,
      employmentStatus: row.employmentStatus,
      employmentForm: row.employmentForm,
      workLocation: row.workLocation,
      workplace: row.workplace,
      employer: row.employer,
      employmentStart: row.employmentStart,
      monthlyIncome: row.monthlyIncome === null ? null : Number(row.monthlyIncome),
      notWorkingReason: row.notWorkingReason,
      organizedByCooperation: row.organizedByCooperation,
      cooperationName: row.cooperationName,
    };
    return ledgerCells({
      countyName: row.countyName ?? '',
      townName: row.townName ?? '',
      villageName: row.villageName,
      villageCode: row.villageCode,
      householdNo: row.householdNo,
      category: row.category,
      monitoringType: row.monitoringType,
      relocation: row.relocation,
      resettlementSite: row.resettlementSite,
      address: row.address,
      person,
    });
  }

  /** Full numbers only for roles that may reveal them, and then every export is an audited unmasked read. */
  function maskingFor(actor: Actor, unmasked: boolean | undefined, defaultUnmasked: boolean): boolean {
    const wantsFull = unmasked ?? (defaultUnmasked && can(actor.role, 'pii.reveal'));
    if (wantsFull && !can(actor.role, 'pii.reveal')) throw new AppError('auth.forbidden');
    return !wantsFull;
  }

  async function exportFile(
    actor: Actor,
    kind: 'persons' | 'households' | 'ledger',
    scope: RegionScope,
    masked: boolean,
    filters: Record<string, unknown>,
    write: (file: string, title: string) => Promise<number>,
  ) {
    await mkdir(settings.ledgerDir, { recursive: true });
    const file = path.join(settings.ledgerDir, `export-${randomUUID()}.xlsx`);
    const regionName = scope.regionCode
      ? ((await regionsRepository(db).get(scope.regionCode))?.name ?? '')
      : '全部地区';
    const titles = { persons: '人员名单', households: '家庭名单', ledger: '就业帮扶实名制台账' };
    const title = `${regionName}${titles[kind]}（导出日期 ${today()}${masked ? '，证件号码和电话已脱敏' : ''}）`;
    let rows = 0;
    try {
      rows = await write(file, title);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    await recordAudit(db, actor, {
      action: 'ledger.export',
      entityType: 'ledgerExport',
      entityId: null,
      regionCode: scope.regionCode,
      after: { kind, rows, masked, filters },
      note: masked ? '导出（已脱敏）' : '导出完整证件号码和电话（未脱敏）',
    });
    const stamp = today().replaceAll('-', '');
    return { file, rows, fileName: `${regionName || '台账'}${titles[kind]}_${stamp}.xlsx` };
  }

  return {
    importFile,

    /** Stores an uploaded file, reads its header and first rows, and starts its dry run. */
    async upload(actor: Actor, input: { stream: Readable; fileName: string; region?: string | undefined }) {
      require(actor, 'registry.write');
      await scopeFor(actor, input.region);
      await mkdir(settings.ledgerDir, { recursive: true });
      await cleanOldFiles();
      const saved = await saveUpload(input.stream, settings.ledgerDir, settings.uploadLimit);
      const temporary = saved.file;
      try {
        const { source, layout } = await openLedgerSheet(temporary);
        let preview: Awaited<ReturnType<typeof previewOf>>;
        try {
          preview = await previewOf(source, layout);
        } finally {
          await source.close();
        }
        const fileName = path.basename(input.fileName || `台账.${preview.format}`).slice(0, 200);
        const row = await ledgerImportsRepository(db).insert({
          userId: actor.userId,
          regionCode: input.region ?? actor.scope.regionCode,
          fileName,
          fileSha256: saved.sha256,
          fileSize: saved.size,
          format: preview.format,
          status: 'checking',
          preview,
        });
        await rename(temporary, uploadPath(row.id));
        const created = await ledgerImportsRepository(db).get(row.id, actor.userId);
        if (created) runCheck(actor, created, uploadPath(row.id), input.region);
        return presentImport(created);
      } finally {
        await rm(temporary, { force: true });
      }
    },

    async getImport(actor: Actor, id: number, errorLimit = 1000, errorOffset = 0) {
      require(actor, 'registry.write');
      const live = running.get(id);
      const row =
        live?.row.userId === actor.userId
          ? live.row
          : await ledgerImportsRepository(db).get(id, actor.userId);
      return presentImport(row, errorLimit, errorOffset);
    },

    /** Resolves when no upload check or import is running or queued (tests, shutdown). */
    async idle() {
      for (;;) {
        const current = queue;
        await current;
        if (current === queue) return;
      }
    },

    /**
     * The last imports into a region (default: the account's), by anyone, with who ran them and the
     * counts; `mine` marks the caller's own, which are the ones the caller can open. Read-only
     * accounts see the list too (they cannot import).
     */
    async listImports(actor: Actor, region?: string) {
      require(actor, 'registry.read');
      const scope = await scopeFor(actor, region);
      const rows = await ledgerImportsRepository(db).listForScope(scope, 100);
      return rows.map(({ userId, ...row }) => {
        const live = running.get(row.id)?.progress;
        const stale = (row.status === 'checking' || row.status === 'importing') && !live;
        return {
          ...row,
          status: stale ? ('failed' as const) : row.status,
          progress: live ?? null,
          mine: userId !== null && userId === actor.userId,
        };
      });
    },

    /** Imports a checked upload; also the way to finish an import that was interrupted. */
    async confirmImport(actor: Actor, id: number) {
      require(actor, 'registry.write');
      const imports = ledgerImportsRepository(db);
      const stored = await imports.get(id, actor.userId);
      if (!stored) throw new AppError('notFound');
      const current = presentImport(stored);
      if (current.status !== 'checked' && current.status !== 'failed') {
        throw new AppError('ledger.notReady', { params: { status: statusLabels[current.status] } });
      }
      const filePath = uploadPath(id);
      if (!(await stat(filePath).catch(() => null))) {
        throw new AppError('ledger.notReady', { params: { status: '文件已过期，请重新上传' } });
      }
      await imports.setStatus(id, { status: 'importing', error: null });
      const importing: ImportRow = { ...stored, status: 'importing', error: null };
      startRunning(importing);
      void enqueue(async () => {
        try {
          await importFile(actor, filePath, {
            region:
              current.regionCode && current.regionCode !== actor.scope.regionCode
                ? current.regionCode
                : undefined,
            fileName: current.fileName,
            importId: id,
            onProgress: reportProgress(id),
          });
        } catch (error) {
          await imports.setStatus(id, { status: 'failed', error: describe(error) });
        } finally {
          running.delete(id);
        }
      });
      return presentImport(importing);
    },

    /** The rows an import (or its check) refused, as a spreadsheet with the reasons, ready to fix and re-import. */
    async rejectedRows(actor: Actor, id: number) {
      require(actor, 'registry.write');
      const row = await ledgerImportsRepository(db).get(id, actor.userId);
      if (!row) throw new AppError('notFound');
      const report = (row.report ?? row.checkReport) as ImportReport | null;
      if (!report) throw new AppError('ledger.notReady', { params: { status: statusLabels[row.status] } });
      await mkdir(settings.ledgerDir, { recursive: true });
      const file = path.join(settings.ledgerDir, `rejected-${randomUUID()}.xlsx`);
      await writeRejectedRows(uploadPath(id), report, file);
      const base = row.fileName.replace(/\.[^.]+$/, '');
      return { file, fileName: `${base}_未导入的行.xlsx`, rows: report.rejected };
    },

    writeRejectedRows,

    async exportPersons(actor: Actor, filter: PersonExportFilter & { unmasked?: boolean }) {
      require(actor, 'registry.read');
      const masked = maskingFor(actor, filter.unmasked, false);
      const { unmasked: _u, ...filters } = filter;
      const scope = filter.region ? await scopeFor(actor, filter.region) : actor.scope;
      return exportFile(actor, 'persons', scope, masked, filters, (file, title) =>
        writeSheet(
          file,
          { sheetName: '人员名单', title, columns: exportSpecs },
          mapAsync(ledgerRepository(db, actor.scope).streamPersons(filters, today()), (r) =>
            exportCells(r, masked),
          ),
        ),
      );
    },

    async exportLedger(actor: Actor, region: string | undefined, unmasked?: boolean) {
      require(actor, 'registry.read');
      const masked = maskingFor(actor, unmasked, true);
      const scope = await scopeFor(actor, region);
      return exportFile(actor, 'ledger', scope, masked, { region: scope.regionCode }, (file, title) =>
        writeSheet(
          file,
          { sheetName: '台账', title, columns: exportSpecs },
          mapAsync(
            ledgerRepository(db, actor.scope).streamPersons(
              { region: region ?? undefined } as PersonExportFilter,
              today(),
            ),
            (r) => exportCells(r, masked),
          ),
        ),
      );
    },

    async exportHouseholds(
      actor: Actor,
      filter: Omit<HouseholdQuery, 'page' | 'pageSize'> & { unmasked?: boolean },
    ) {
      require(actor, 'registry.read');
      const masked = maskingFor(actor, filter.unmasked, false);
      const { unmasked: _u, ...filters } = filter;
      const scope = filter.region ? await scopeFor(actor, filter.region) : actor.scope;
      const label = (reader: CodeReader<string>, code: string | null) => (code ? reader.label(code) : null);
      const columns: SheetColumn[] = [
        { header: '县(市、区)', width: 16 },
        { header: '乡镇(街道)', width: 16 },
        { header: '村(社区)', width: 18 },
        { header: '村代码', width: 15, text: true },
        { header: '户编号', width: 12, text: true },
        { header: '户主姓名', width: 10 },
        { header: '户主身份证号码', width: 21, text: true },
        { header: '家庭人口', width: 9 },
        { header: '帮扶对象类别', width: 16 },
        { header: '监测对象类型', width: 16 },
        { header: '易地搬迁', width: 11 },
        { header: '安置点', width: 18 },
        { header: '家庭住址', width: 24 },
        { header: '零就业家庭', width: 10 },
      ];
      return exportFile(actor, 'households', scope, masked, filters, (file, title) =>
        writeSheet(
          file,
          { sheetName: '家庭名单', title, columns },
          mapAsync(ledgerRepository(db, actor.scope).streamHouseholds(filters, today()), (h): Cell[] => [
            h.countyName ?? '',
            h.townName ?? '',
            h.villageName,
            h.villageCode,
            h.householdNo,
            h.headName,
            masked ? maskIdNumber(h.headIdNumber) : h.headIdNumber,
            Number(h.memberCount),
            label(codeReaders.category, h.category),
            label(codeReaders.monitoringType, h.monitoringType),
            label(codeReaders.relocation, h.relocation),
            h.resettlementSite,
            h.address,
            h.zeroEmployment ? '是' : '否',
          ]),
        ),
      );
    },
  };

  /** Re-reads the file and writes the refused rows as they were, with the row number and the reasons. */
  async function writeRejectedRows(
    filePath: string,
    report: Pick<ImportReport, 'errors' | 'rejected'> & { file: { name: string } },
    target: string,
  ): Promise<number> {
    const reasons = new Map<number, string[]>();
    for (const e of report.errors) {
      const list = reasons.get(e.row) ?? [];
      list.push(`${e.column}：${e.message}`);
      reasons.set(e.row, list);
    }
    const { source, layout } = await openLedgerSheet(filePath);
    try {
      const width =
        Math.max(...layout.columns.map((c) => c.index), ...layout.ignored.map((c) => c.index)) + 1;
      const headers: string[] = Array.from({ length: width }, () => '');
      for (const c of [...layout.columns, ...layout.ignored]) headers[c.index] = c.header;
      const keyOf = new Map(layout.columns.map((c) => [c.index, c.key]));
      const columns: SheetColumn[] = headers.map((h, i) => {
        const key = keyOf.get(i);
        const spec = key ? columnByKey.get(key) : undefined;
        return {
          header: h,
          width: spec?.width ?? 12,
          text: spec !== undefined && 'text' in spec && spec.text === true,
          date: key === 'birthDate' || key === 'employmentStart',
        };
      });
      columns.push({ header: '原行号', width: 8 }, { header: '未导入原因', width: 60 });
      async function* rows() {
        for await (const batch of ledgerDataRows(source, layout)) {
          for (const row of batch) {
            const why = reasons.get(row.number);
            if (!why) continue;
            const cells: Cell[] = Array.from({ length: width }, (_, i) => row.cells[i] ?? null);
            yield [...cells, row.number, why.join('；')];
          }
        }
      }
      return await writeSheet(
        target,
        {
          sheetName: '未导入的行',
          title: `未导入的行：${report.file.name}（共 ${report.rejected} 行，改正后可直接重新导入）`,
          columns,
        },
        rows(),
      );
    } finally {
      await source.close();
    }
  }
}

export type LedgerService = ReturnType<typeof ledgerService>;

const statusLabels: Record<LedgerImportStatus, string> = {
  checking: '检查中',
  checked: '已检查，待确认',
  importing: '导入中',
  imported: '已导入',
  failed: '失败',
};

/** A person's values for a check: the file's where it has them, else the stored record's (or the defaults). */
function mergePerson(
  row: Partial<PersonValues>,
  stored: Record<string, unknown> | null,
): Partial<PersonValues> {
  const merged: Record<string, unknown> = { ...personDefaults };
  if (stored) {
    for (const key of [...checkGroups.employment, ...checkGroups.health]) {
      if (key in stored) merged[key] = stored[key] ?? null;
    }
  }
  for (const [key, value] of Object.entries(row)) if (value !== undefined) merged[key] = value;
  return merged as Partial<PersonValues>;
}

function mergeHousehold(row: HouseholdValues, stored: Record<string, unknown> | null): HouseholdValues {
  return {
    category: row.category,
    monitoringType:
      row.category !== 'monitored'
        ? null
        : row.monitoringType !== undefined
          ? row.monitoringType
          : ((stored?.monitoringType as string | null | undefined) ?? null),
    relocation: row.relocation ?? (stored?.relocation as string | undefined) ?? 'none',
    resettlementSite:
      row.resettlementSite !== undefined
        ? row.resettlementSite
        : ((stored?.resettlementSite as string | null) ?? null),
    address: row.address,
  };
}

function stagedRow(
  m: MappedRow,
  status: 'pending' | 'invalid',
  idSeenBefore: boolean,
  village: string | null,
): CopyRow {
  const p = m.person;
  const h = m.household;
  const v = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
  return [
    m.row,
    status,
    m.idNumber,
    idSeenBefore,
    village,
    m.householdNo,
    h !== null,
    h?.category ?? null,
    v(h?.monitoringType),
    h ? h.monitoringType !== undefined : null,
    v(h?.relocation),
    v(h?.resettlementSite),
    v(h?.address),
    v(p.name),
    v(p.birthDate),
    v(p.sex),
    v(p.relationToHead),
    v(p.phone),
    v(p.education),
    v(p.labourAbility),
    v(p.health),
    v(p.disabilityGrade),
    p.skills === undefined ? null : p.skills,
    v(p.wantsWork),
    v(p.wantsTraining),
    v(p.workAwayWillingness),
    v(p.employmentStatus),
    v(p.employmentForm),
    v(p.workLocation),
    v(p.workplace),
    v(p.employer),
    v(p.employmentStart),
    v(p.monthlyIncome),
    v(p.notWorkingReason),
    v(p.organizedByCooperation),
    v(p.cooperationName),
  ];
}

/** BANGFU_LEDGER_TRACE=1: every statement of an import and its time on stderr (for the benchmark notes). */
function traced(loader: BulkLoader): BulkLoader {
  const log = (what: string, started: number) =>
    process.stderr.write(`  [trace] ${Date.now() - started} ms ${what.replace(/\s+/g, ' ').slice(0, 70)}\n`);
  return {
    async copy(table, columns, rows) {
      const started = Date.now();
      const n = await loader.copy(table, columns, rows);
      log(`copy ${table} ${n}`, started);
      return n;
    },
    async execute(sqlText, parameters) {
      const started = Date.now();
      const result = await loader.execute(sqlText, parameters);
      log(sqlText, started);
      return result;
    },
  };
}

async function fileHash(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, map: (value: T) => U): AsyncGenerator<U> {
  for await (const value of source) yield map(value);
}
