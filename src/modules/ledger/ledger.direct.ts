// The ledger import's direct path. Rows that create a new person in a new household — the whole of an
// office's first import of its ledger — are written by COPY straight into households and persons
// (with the import and row that created them, decision 13), with the narrow rows the end-of-file
// checks read (ledger_state, ledger_households), instead of going through the set-based statements of
// ledger.repository.ts: inserting from a staging table cost about twice what COPY does.
//
// The service knows which ID numbers came earlier in the file; one probe per chunk tells which are
// registered and which households are registered or described by the file; directHouseholds
// (ledger.rules.ts) decides which households go direct. Every other row (a match, an update, a
// duplicate, a household stated two ways, a row to refuse) goes through the statements as before,
// and what the direct path writes is what they would have written — values, sources, the
// rows the end-of-file checks and undo read — so a duplicate found later or a household left without
// one head is taken back the same way (ledger.direct.test.ts imports files both ways and compares).
import { type CopyRow, copyLine } from '../../db/copy-text.js';
import type { BulkLoader } from '../../db/database.js';
import { personValueFields, type RelationToHead } from '../registry/registry.codes.js';
import { checkHouseholdMembers } from '../registry/registry.rules.js';
import {
  directProbeSql,
  householdColumns,
  personColumnGiven,
  reserveIdsSql,
  stagedColumns,
} from './ledger.repository.js';
import {
  type DirectRow,
  directHouseholds,
  type LedgerKey,
  personDefaults,
  type StatedHousehold,
} from './ledger.rules.js';

type StagedColumn = (typeof stagedColumns)[number];
/** Position of each staged column in a staged row (stagedRow in ledger.service.ts). */
const at = Object.fromEntries(stagedColumns.map((c, i) => [c, i])) as Record<StagedColumn, number>;

export interface DirectContext {
  present: ReadonlySet<LedgerKey>;
  /** The ledger_imports row, the source of every record created. */
  importId: number;
  /** Whether the checks of column groups the file has only in part pass the row as a new person. */
  passesAsNew: (row: number) => boolean;
}

/**
 * Writes the rows of a chunk that create new people in new households; returns the other rows, for
 * the set-based statements.
 */
export async function writeDirect(
  loader: BulkLoader,
  ctx: DirectContext,
  rows: readonly CopyRow[],
): Promise<CopyRow[]> {
  const text = (row: CopyRow, column: StagedColumn) => row[at[column]] as string | null;
  const givenTimes = new Map<string, number>();
  for (const row of rows) {
    const id = text(row, 'idNumber');
    if (id !== null) givenTimes.set(id, (givenTimes.get(id) ?? 0) + 1);
  }
  // An ID number read before (idSeenBefore: earlier in the file) makes the row a duplicate, never direct.
  const candidates = rows.filter(
    (row) =>
      text(row, 'status') === 'pending' &&
      text(row, 'idNumber') !== null &&
      row[at.idSeenBefore] === false &&
      text(row, 'villageCode') !== null &&
      text(row, 'householdNo') !== null,
  );
  if (candidates.length === 0) return [...rows];
  const householdKeys = candidates.map((row) => `${text(row, 'villageCode')}${text(row, 'householdNo')}`);

  const keys = new Map<string, CopyRow>();
  candidates.forEach((row, i) => {
    keys.set(householdKeys[i] as string, row);
  });
  const probe = await loader.execute(directProbeSql, [
    // Valid ID numbers only (18 characters, digits and X): one text, not an array to serialise.
    candidates.map((row) => text(row, 'idNumber')).join(','),
    [...keys.values()].map((row) => text(row, 'villageCode')),
    [...keys.values()].map((row) => text(row, 'householdNo')),
  ]);
  const knownIds = new Set<string>();
  const knownHouseholds = new Set<string>();
  for (const r of probe.rows) (r.kind === 'idNumber' ? knownIds : knownHouseholds).add(String(r.key));

  const byRow = new Map<number, CopyRow>();
  const plan: DirectRow[] = candidates.map((row, i) => {
    const number = row[at.rowNo] as number;
    byRow.set(number, row);
    const id = text(row, 'idNumber') as string;
    const household = householdKeys[i] as string;
    return {
      row: number,
      household,
      stated: row[at.hStated] ? statedHousehold(row) : null,
      eligible:
        givenTimes.get(id) === 1 &&
        !knownIds.has(id) &&
        !knownHouseholds.has(household) &&
        ctx.passesAsNew(number),
    };
  });
  const households = [...directHouseholds(plan).values()].sort((a, b) => a.firstRow - b.firstRow);
  if (households.length === 0) return [...rows];

  const direct = new Set(households.flatMap((h) => h.rows));
  const people = [...direct].sort((a, b) => a - b);
  const ids = (await loader.execute(reserveIdsSql, [households.length, people.length])).rows[0] ?? {};
  const householdIds = String(ids.households).split(',').map(Number);
  const personIds = String(ids.persons).split(',').map(Number);

  const householdIdOfRow = new Map<number, number>();
  // Households whose rows give one head and at most one spouse: the end-of-file check of heads
  // (headProblems) skips them unless a later row joins them or one of their rows is taken back.
  const headsChecked = new Set<number>();
  households.forEach((h, i) => {
    const id = householdIds[i] as number;
    for (const row of h.rows) householdIdOfRow.set(row, id);
    const members = h.rows.map((row) => ({
      relationToHead: text(byRow.get(row) as CopyRow, 'relationToHead') as RelationToHead,
    }));
    if (checkHouseholdMembers(members).length === 0) headsChecked.add(id);
  });
  const keyOf = (number: number) => {
    const row = byRow.get(number) as CopyRow;
    return [text(row, 'villageCode'), text(row, 'idNumber'), text(row, 'householdNo')] as const;
  };

  // Lines of COPY text, made as COPY reads them: built all at once, a chunk's lines outlived the
  // young generation, and copying them from one space to the next was most of the import's garbage
  // collection.
  function* householdLines() {
    for (const [i, h] of households.entries()) {
      const [villageCode, , householdNo] = keyOf(h.firstRow);
      const s = h.stated;
      // As createHouseholds stores it.
      yield copyLine([
        householdIds[i] as number,
        villageCode,
        householdNo,
        s.category,
        s.category === 'monitored' ? s.monitoringType : null,
        s.relocation ?? 'none',
        s.resettlementSite,
        s.address,
        ctx.importId,
        h.firstRow,
      ]);
    }
  }
  function* fileHouseholdLines() {
    for (const [i, h] of households.entries()) {
      const [villageCode, , householdNo] = keyOf(h.firstRow);
      const s = h.stated;
      // As establishHouseholds and createHouseholds leave it: the file's values as the first row states them.
      yield copyLine([
        villageCode,
        householdNo,
        h.firstRow,
        s.category,
        s.monitoringType,
        s.typeGiven,
        s.relocation,
        s.resettlementSite,
        s.address,
        householdIds[i] as number,
        true,
        false,
        true,
      ]);
    }
  }
  // Per column: the row's value (position in the staged row) or the default of a column the file lacks.
  const sources = personValueFields.map((key) =>
    personColumnGiven(ctx.present, key)
      ? { index: at[key], value: null }
      : { index: -1, value: (personDefaults as Record<string, CopyRow[number] | undefined>)[key] ?? null },
  );
  function* personLines() {
    const values: CopyRow[number][] = new Array(sources.length + 6);
    for (const [i, number] of people.entries()) {
      const row = byRow.get(number) as CopyRow;
      const [villageCode, idNumber] = keyOf(number);
      values[0] = personIds[i] as number;
      values[1] = householdIdOfRow.get(number) as number;
      values[2] = villageCode;
      values[3] = idNumber;
      for (let k = 0; k < sources.length; k++) {
        const source = sources[k] as (typeof sources)[number];
        values[k + 4] = source.index < 0 ? source.value : (row[source.index] ?? null);
      }
      values[sources.length + 4] = ctx.importId;
      values[sources.length + 5] = number;
      yield copyLine(values);
    }
  }
  function* stateLines() {
    for (const [i, number] of people.entries()) {
      const [villageCode, idNumber, householdNo] = keyOf(number);
      const personId = personIds[i] as number;
      const householdId = householdIdOfRow.get(number) as number;
      yield copyLine([
        number,
        idNumber,
        villageCode,
        householdNo,
        'created',
        personId,
        householdId,
        false,
        null,
        headsChecked.has(householdId),
      ]);
    }
  }

  await loader.copy('households', householdCopyColumns, householdLines());
  await loader.copy('persons', personCopyColumns, personLines());
  await loader.copy('ledgerHouseholds', fileHouseholdColumns, fileHouseholdLines());
  await loader.copy('ledgerState', stateColumns, stateLines());
  return rows.filter((row) => !direct.has(row[at.rowNo] as number));
}

const source = ['sourceImportId', 'sourceRow'];
/** As createHouseholds inserts a household: its key, the values an import sets, its source. */
const householdCopyColumns = [
  'id',
  'villageCode',
  'householdNo',
  ...householdColumns.map((c) => c.key),
  ...source,
];
const personCopyColumns = ['id', 'householdId', 'villageCode', 'idNumber', ...personValueFields, ...source];

function statedHousehold(row: CopyRow): StatedHousehold {
  return {
    category: row[at.hCategory] as string,
    monitoringType: row[at.hMonitoringType] as string | null,
    typeGiven: row[at.hTypeGiven] as boolean,
    relocation: row[at.hRelocation] as string | null,
    resettlementSite: row[at.hResettlementSite] as string | null,
    address: row[at.hAddress] as string | null,
  };
}

const fileHouseholdColumns = [
  'villageCode',
  'householdNo',
  'firstRow',
  'category',
  'monitoringType',
  'typeGiven',
  'relocation',
  'resettlementSite',
  'address',
  'householdId',
  'created',
  'updated',
  'checked',
];
const stateColumns = [
  'rowNo',
  'idNumber',
  'villageCode',
  'householdNo',
  'status',
  'personId',
  'householdId',
  'relationChanged',
  'errorCode',
  'headsChecked',
];
