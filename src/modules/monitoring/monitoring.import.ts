// Loading a month's follow-ups from a spreadsheet (回访表导入): the sheet a village or town already
// keeps — ID number, name and the month's work columns, laid out as offices lay out their ledgers —
// read with the ledger's reader (header found, synonyms, merged and rich-text cells, row numbers as
// Excel shows them). Every row is checked like a follow-up typed in the workbench: the person must be
// in the caller's region, the name must match the ID number, the village's month must be open, and
// status, form, place and income must agree. Good rows are written, bad rows reported; one
// transaction per file, with the village-month figures and an audit event per record in it.
import path from 'node:path';
import type { Database } from '../../db/database.js';
import { localDay } from '../../shared/dates.js';
import { AppError, validationError } from '../../shared/errors.js';
import { can } from '../access/access.rules.js';
import { type AuditEvent, recordAuditEvents } from '../access/audit.js';
import { type Actor, RegionScope } from '../access/scope.js';
import type { LedgerFormat } from '../ledger/ledger.reader.js';
import {
  cellText,
  columnLetter,
  idNumberText,
  type LedgerKey,
  type MappedRow,
  mapRow,
  type SheetRow,
} from '../ledger/ledger.rules.js';
import { type ReportError, rowError } from '../ledger/ledger.service.js';
import { headerNames, ledgerDataRows, openLedgerSheet } from '../ledger/ledger.sheet.js';
import { regionsRepository } from '../regions/regions.repository.js';
import { checkEmploymentSnapshot, parseIdNumber } from '../registry/registry.rules.js';
import { type FollowUpBasisRow, monitoringRepository, type NewFollowUp } from './monitoring.repository.js';
import {
  canRecordFollowUps,
  type FollowUpRecord,
  followUpFields,
  followUpFromSheet,
  isMonth,
  type Month,
  monthOfDay,
  sameFollowUp,
} from './monitoring.rules.js';

export interface FollowUpImportReport {
  month: Month;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ReportError[];
  /** Villages whose month received records. */
  villages: number;
  dryRun: boolean;
  file: { name: string; format: LedgerFormat; sheet: string | null; headerRows: number[] };
  columns: { column: string; header: string; field: LedgerKey }[];
  /** Columns a follow-up does not record (household, region, phone …): ignored, and reported here. */
  ignoredColumns: { column: string; header: string }[];
}

export interface FollowUpImportOptions {
  month: string;
  dryRun?: boolean;
  /** Import within this region only (within the actor's). */
  region?: string | undefined;
  fileName?: string;
}

/** The columns a follow-up sheet is read by; every other column is ignored. */
const usedKeys = new Set<LedgerKey>(['idNumber', 'name', ...followUpFields]);

/** Rows looked up and written per round trip. */
const CHUNK_ROWS = 2_000;

class DryRunDone extends Error {
  constructor(readonly report: FollowUpImportReport) {
    super('dry run');
  }
}

export function followUpImporter(
  database: Database,
  settings: { maxMonthlyIncome: number; now: () => Date },
) {
  const db = database.db;

  async function importFile(
    actor: Actor,
    filePath: string,
    options: FollowUpImportOptions,
  ): Promise<FollowUpImportReport> {
    if (!can(actor.role, 'registry.write')) throw new AppError('auth.forbidden');
    const month = options.month;
    const today = localDay(settings.now());
    if (!isMonth(month)) throw validationError([{ field: 'month', code: 'invalid' }]);
    if (month > monthOfDay(today))
      throw validationError([{ field: 'month', code: 'monitoring.futureMonth' }]);
    let scope = actor.scope;
    if (options.region) {
      const region = await regionsRepository(db).get(options.region);
      if (!region) throw new AppError('region.unknown', { params: { region: options.region } });
      if (!scope.covers(region.code))
        throw new AppError('region.outOfScope', { params: { region: region.name } });
      scope = scope.narrowTo(region.code);
    }

    const { source, layout } = await openLedgerSheet(filePath, ['employmentStatus']);
    const header = headerNames(layout);
    const columnIndex = (key: LedgerKey) => layout.columns.find((c) => c.key === key)?.index ?? -1;
    const statusIndex = columnIndex('employmentStatus');
    const idIndex = columnIndex('idNumber');
    const report: FollowUpImportReport = {
      month,
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      villages: 0,
      dryRun: options.dryRun === true,
      file: {
        name: options.fileName ?? path.basename(filePath),
        format: source.format,
        sheet: source.sheetName,
        headerRows: layout.headerRows,
      },
      columns: layout.columns
        .filter((c) => usedKeys.has(c.key))
        .map((c) => ({ column: columnLetter(c.index), header: c.header, field: c.key })),
      ignoredColumns: [...layout.columns.filter((c) => !usedKeys.has(c.key)), ...layout.ignored]
        .sort((a, b) => a.index - b.index)
        .map((c) => ({ column: columnLetter(c.index), header: c.header })),
    };
    const rejectedRows = new Set<number>();
    const reported = new Set<string>();
    const reject = (
      row: number,
      key: LedgerKey,
      code: string,
      params: Record<string, string | number> = {},
    ) => {
      const column = header(key);
      // A problem the row check and the follow-up check both find is reported once.
      const seen = `${row}\t${column}\t${code}`;
      if (reported.has(seen)) return;
      reported.add(seen);
      rejectedRows.add(row);
      report.errors.push(rowError(row, column, code, params));
    };

    try {
      // First pass: ID numbers that appear more than once are refused in every row they appear in.
      const firstRow = new Map<string, number>();
      const repeated = new Map<string, number[]>();
      for await (const rows of ledgerDataRows(source, layout)) {
        for (const row of rows) {
          // The ID number as the row check reads it (mapRow): spaces, full-width digits, lower-case x.
          const idText = idNumberText(row.cells[idIndex]);
          const parsed = 'text' in idText ? parseIdNumber(idText.text, today) : null;
          if (!parsed?.ok) continue;
          const id = parsed.idNumber;
          const first = firstRow.get(id);
          if (first === undefined) firstRow.set(id, row.number);
          else repeated.set(id, [...(repeated.get(id) ?? [first]), row.number]);
        }
      }
      const duplicateRows = new Map<number, number[]>();
      for (const rows of repeated.values()) for (const r of rows) duplicateRows.set(r, rows);
      firstRow.clear();

      return await db.transaction().execute(async (trx) => {
        const repository = monitoringRepository(trx, scope);
        const villageOpen = new Map<string, boolean>();
        const touchedVillages = new Set<string>();

        const applyChunk = async (chunk: { sheet: SheetRow; mapped: MappedRow }[]) => {
          const ids = chunk.flatMap((c) => (c.mapped.idNumber ? [c.mapped.idNumber] : []));
          const basis = new Map(
            (await repository.followUpBasis(ids, month, today)).map((b) => [b.idNumber, b]),
          );
          const missing = ids.filter((id) => !basis.has(id));
          const elsewhere = new Set(
            missing.length === 0
              ? []
              : (
                  await monitoringRepository(trx, RegionScope.everything()).followUpBasis(
                    missing,
                    month,
                    today,
                  )
                ).map((b) => b.idNumber),
          );
          const writes: NewFollowUp[] = [];
          const audits: AuditEvent[] = [];
          for (const { sheet, mapped } of chunk) {
            const row = sheet.number;
            const dup = duplicateRows.get(row);
            if (dup)
              reject(row, 'idNumber', 'ledger.duplicateInFile', {
                rows: dup.filter((r) => r !== row).join('、'),
              });
            for (const p of mapped.problems) if (usedKeys.has(p.key)) reject(row, p.key, p.code, p.params);
            if (cellText(sheet.cells[statusIndex]) === '') reject(row, 'employmentStatus', 'required');
            if (!mapped.idNumber) continue;
            const person = basis.get(mapped.idNumber);
            if (!person) {
              reject(
                row,
                'idNumber',
                elsewhere.has(mapped.idNumber) ? 'followUp.personElsewhere' : 'followUp.personUnknown',
              );
              continue;
            }
            if (mapped.person.name !== undefined && mapped.person.name !== person.name)
              reject(row, 'name', 'followUp.nameMismatch');
            let open = villageOpen.get(person.villageCode);
            if (open === undefined) {
              const state = await repository.lockVillageMonth(person.villageCode, month);
              open = canRecordFollowUps(state.status);
              villageOpen.set(person.villageCode, open);
            }
            if (!open) reject(row, 'employmentStatus', 'followUp.monthLocked', { month });

            const before = person.recorded ? recordOf(person, 'f') : null;
            const record = followUpFromSheet(statedValues(mapped), before ?? recordOf(person, 'p'));
            for (const p of checkEmploymentSnapshot(record, today, {
              maxMonthlyIncome: settings.maxMonthlyIncome,
            }))
              reject(row, p.field as LedgerKey, p.code, { maximum: settings.maxMonthlyIncome });
            if (rejectedRows.has(row)) continue;

            if (before && sameFollowUp(before, record)) {
              report.unchanged++;
              continue;
            }
            if (before) report.updated++;
            else report.created++;
            touchedVillages.add(person.villageCode);
            writes.push({
              month,
              personId: person.id,
              householdId: person.householdId,
              villageCode: person.villageCode,
              labourer: person.labourer,
              relocated: person.relocated,
              ...record,
              recordedBy: actor.userId,
            });
            audits.push({
              action: 'followUp.record',
              entityType: 'person',
              entityId: person.id,
              regionCode: person.villageCode,
              ...(before ? { before } : {}),
              after: record,
              note: `${month} 回访表导入 ${report.file.name} 第 ${row} 行`,
            });
          }
          await repository.upsertFollowUps(writes);
          await recordAuditEvents(trx, actor, audits);
        };

        let chunk: { sheet: SheetRow; mapped: MappedRow }[] = [];
        const context = { today, maxMonthlyIncome: settings.maxMonthlyIncome };
        for await (const rows of ledgerDataRows(source, layout)) {
          for (const sheet of rows) {
            report.rows++;
            chunk.push({ sheet, mapped: mapRow(sheet, layout, context) });
            if (chunk.length >= CHUNK_ROWS) {
              await applyChunk(chunk);
              chunk = [];
            }
          }
        }
        await applyChunk(chunk);

        for (const village of touchedVillages)
          await repository.refreshFigures(RegionScope.of(village), [month]);
        report.villages = touchedVillages.size;
        report.rejected = rejectedRows.size;
        report.errors.sort((a, b) => a.row - b.row);
        await recordAuditEvents(trx, actor, [
          {
            action: 'followUp.import',
            entityType: 'followUpImport',
            entityId: null,
            regionCode: scope.regionCode,
            after: {
              month,
              file: report.file.name,
              rows: report.rows,
              created: report.created,
              updated: report.updated,
              unchanged: report.unchanged,
              rejected: report.rejected,
            },
            note: `${month} 回访表导入 ${report.file.name}`,
          },
        ]);
        if (report.dryRun) throw new DryRunDone(report);
        return report;
      });
    } catch (error) {
      if (error instanceof DryRunDone) return error.report;
      throw error;
    } finally {
      await source.close();
    }
  }

  return { importFile };
}

export type FollowUpImporter = ReturnType<typeof followUpImporter>;

/** The values a row states for a follow-up: only the columns the sheet has. */
function statedValues(mapped: MappedRow): Partial<FollowUpRecord> {
  const stated: Record<string, unknown> = {};
  for (const field of followUpFields) {
    const value = mapped.person[field];
    if (value !== undefined) stated[field] = value;
  }
  return stated as Partial<FollowUpRecord>;
}

/** The registry's employment (`p`) or this month's record (`f`) of a person, as a follow-up. */
function recordOf(row: FollowUpBasisRow, prefix: 'p' | 'f'): FollowUpRecord {
  const value = (field: string) => row[`${prefix}${field[0]?.toUpperCase()}${field.slice(1)}`];
  const income = value('monthlyIncome');
  const start = value('employmentStart');
  return {
    employmentStatus: value('employmentStatus') as FollowUpRecord['employmentStatus'],
    employmentForm: (value('employmentForm') ?? null) as FollowUpRecord['employmentForm'],
    workLocation: (value('workLocation') ?? null) as FollowUpRecord['workLocation'],
    workplace: (value('workplace') ?? null) as string | null,
    employer: (value('employer') ?? null) as string | null,
    employmentStart:
      start == null ? null : start instanceof Date ? localDay(start) : String(start).slice(0, 10),
    monthlyIncome: income == null ? null : Number(income),
    notWorkingReason: (value('notWorkingReason') ?? null) as FollowUpRecord['notWorkingReason'],
    wantsWork: value('wantsWork') === true,
    wantsTraining: value('wantsTraining') === true,
    organizedByCooperation: value('organizedByCooperation') === true,
    cooperationName: (value('cooperationName') ?? null) as string | null,
  };
}
