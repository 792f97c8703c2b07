// Queries of the ledger module: the staging tables an import fills by COPY and the set-based
// statements that match, check and apply a chunk of rows to households and persons, all inside the
// import's one transaction (BulkLoader); the probe and id reservation of the import's direct path
// (ledger.direct.ts, new people of new households by COPY); the streamed reads behind the exports;
// the ledger_imports table.
//
// It writes to the registry's tables (households, persons) and to the audit log with set-based SQL
// instead of going through registry.repository and recordAudit row by row: a million rows one
// statement each would take hours. The rules are still the registry's: every value was checked by
// ledger.rules.ts (which calls registry.rules.ts) before it is staged, and scope is applied here to
// every match (an ID number registered outside the scope is refused, never read or changed).
import { type Kysely, sql } from 'kysely';
import { type BulkLoader, snakeCase } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { RegionScope } from '../access/scope.js';
import { escapeLike } from '../regions/regions.repository.js';
import { personValueFields } from '../registry/registry.codes.js';
import type { HouseholdQuery, PersonQuery } from '../registry/registry.dto.js';
import { labourerCondition, zeroEmploymentCondition } from '../registry/registry.repository.js';
import { type LedgerKey, type PersonValues, personDefaults, type RegionEntry } from './ledger.rules.js';
import type { LedgerImportStatus } from './ledger.tables.js';

// ---------------------------------------------------------------------------------------------------
// Staging

/** Person columns as stored, with what a new person gets when the file lacks the column. */
const personColumns: readonly { column: string; key: LedgerKey; json: string; insertDefault: string }[] =
  personValueFields.map((key) => ({
    column: snakeCase(key),
    key,
    json: key,
    insertDefault:
      key in personDefaults ? sqlLiteral(personDefaults[key as keyof typeof personDefaults]) : 'null',
  }));

/** A default value as SQL. */
function sqlLiteral(value: string | boolean | null | readonly string[]): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (value.length > 0) throw new Error('only the empty array is a default');
  return `'{}'::text[]`;
}

/** Household columns an import may set (village and number are the key). */
export const householdColumns: readonly { column: string; key: LedgerKey; json: string }[] = [
  { column: 'category', key: 'category', json: 'category' },
  { column: 'monitoring_type', key: 'monitoringType', json: 'monitoringType' },
  { column: 'relocation', key: 'relocation', json: 'relocation' },
  { column: 'resettlement_site', key: 'resettlementSite', json: 'resettlementSite' },
  { column: 'address', key: 'address', json: 'address' },
];

/** The staged columns, in COPY order. */
export const stagedColumns = [
  'rowNo',
  'status',
  'idNumber',
  'idSeenBefore',
  'villageCode',
  'householdNo',
  'hStated',
  'hCategory',
  'hMonitoringType',
  'hTypeGiven',
  'hRelocation',
  'hResettlementSite',
  'hAddress',
  ...personValueFields,
] as const;

/** A JSON number from numeric, so audit values read like the registry's (4200, not 4200.00). */
const jsonValue = (expr: string, column: string) =>
  column === 'monthly_income' ? `to_jsonb((${expr})::float8)` : `to_jsonb(${expr})`;

/** jsonb objects of the changed fields only: { before, after } like changedFields in audit.ts. */
function diffJson(pairs: { json: string; before: string; after: string; column: string }[]) {
  const values = pairs
    .map((p) => `('${p.json}', ${jsonValue(p.before, p.column)}, ${jsonValue(p.after, p.column)})`)
    .join(',\n        ');
  const from = `(values ${values}) as d(k, b, a) where d.b is distinct from d.a`;
  return {
    before: `(select coalesce(jsonb_object_agg(d.k, coalesce(d.b, 'null'::jsonb)), '{}') from ${from})`,
    after: `(select coalesce(jsonb_object_agg(d.k, coalesce(d.a, 'null'::jsonb)), '{}') from ${from})`,
  };
}

/**
 * Whether a new person takes this column from the file (else its default): name, birth date and sex
 * always come from the row (the ID number gives the last two).
 */
export function personColumnGiven(present: ReadonlySet<LedgerKey>, key: LedgerKey): boolean {
  return present.has(key) || key === 'birthDate' || key === 'sex' || key === 'name';
}

export interface ImportSqlContext {
  /** Ledger columns the file has. */
  present: ReadonlySet<LedgerKey>;
  /** Lowest and highest village code of the import's scope. */
  bounds: [string, string];
  actorId: number | null;
  /** The ledger_imports row: the source of every record the import creates. */
  importId: number;
  /** Text for the note of every audit event: 台账导入 文件名. */
  note: string;
  /** Header as written, per column, for messages built in SQL. */
  headers: ReadonlyMap<LedgerKey, string>;
}

export interface SqlRejection {
  rowNo: number;
  code: string;
  key: LedgerKey;
  params: Record<string, string | number> | null;
}

const STATE_COLUMNS = `row_no, id_number, village_code, household_no, status, person_id, household_id,
  relation_changed, error_code`;

/**
 * The statements of one import, generated for the columns the file has: a column the file lacks
 * keeps what is stored (update) or takes the default (new record).
 *
 * Tables (temporary, dropped at commit): ledger_chunk holds the rows of the chunk being applied —
 * small, analyzed after every COPY, so every join below starts from accurate estimates;
 * ledger_state keeps one narrow row per data row once its chunk is done (the whole-file checks at
 * the end read it); ledger_deferred holds rows waiting for a household that no row has described
 * yet; ledger_households the household values each file states, first row wins; the undo tables
 * keep what an update overwrote, to take it back if a later check refuses the row.
 */
export function importStatements(ctx: ImportSqlContext) {
  const has = (key: LedgerKey) => personColumnGiven(ctx.present, key);
  const newValue = (c: (typeof personColumns)[number], old: string) => (has(c.key) ? `c.${c.column}` : old);
  const [low, high] = ctx.bounds;
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const actor = ctx.actorId === null ? 'null' : String(ctx.actorId);
  const note = literal(ctx.note);
  const applied = `('created', 'updated', 'unchanged')`;
  const householdValue = (column: string, key: LedgerKey, old: string) => {
    if (key === 'monitoringType')
      return `case when h.category <> 'monitored' then null when h.type_given then h.monitoring_type else ${old} end`;
    if (key === 'category') return 'h.category';
    return ctx.present.has(key) ? `h.${column}` : old;
  };
  const personDiff = diffJson(
    personColumns.map((c) => ({
      json: c.json,
      column: c.column,
      before: `c.${c.column}`,
      after: `c.n_${c.column}`,
    })),
  );
  const householdDiff = diffJson(
    householdColumns.map((c) => ({
      json: c.json,
      column: c.column,
      before: `c.${c.column}`,
      after: `c.n_${c.column}`,
    })),
  );
  const householdLabels = householdColumns
    .filter((c) => c.key !== 'monitoringType')
    .map((c) => {
      const label = literal(ctx.headers.get(c.key) ?? c.key);
      return `case when c.h_${c.column} is distinct from h.${c.column} then ${label} end`;
    });
  const typeLabel = literal(
    ctx.headers.get('monitoringType') ?? ctx.headers.get('category') ?? '监测对象类型',
  );
  householdLabels.push(
    `case when c.h_type_given and h.type_given and c.h_monitoring_type is distinct from h.monitoring_type then ${typeLabel} end`,
  );
  const missingForNew = (['relationToHead', 'labourAbility'] as const).filter((k) => !ctx.present.has(k));
  const relationChanged = ctx.present.has('relationToHead')
    ? 'c.relation_to_head is distinct from c.p_relation'
    : 'false';

  return {
    createStaging: [
      // Every statement below is cheap per row but costed high (the registry tables grow inside this
      // transaction and their statistics lag): JIT compilation would cost ~0.5 s per statement per chunk.
      'set local jit = off',
      // Room for the chunk tables in memory (default 8 MB: each chunk's updates would spill to disk).
      // Takes effect only if this session has not used temporary tables yet; harmless otherwise.
      `set local temp_buffers = '128MB'`,
      // And for the statements' sorts, hashes and CTE results of a chunk (default 4 MB: they spill).
      `set local work_mem = '64MB'`,
      `create temp table ledger_chunk (
        row_no integer primary key, status text not null,
        id_number char(18) collate "C", id_seen_before boolean, village_code char(12) collate "C", household_no text,
        h_stated boolean, h_category text, h_monitoring_type text, h_type_given boolean, h_relocation text,
        h_resettlement_site text, h_address text,
        name text, birth_date date, sex char(1), relation_to_head text, phone text, education text,
        labour_ability text, health text, disability_grade smallint, skills text[], wants_work boolean,
        wants_training boolean, work_away_willingness text, employment_status text, employment_form text,
        work_location text, workplace text, employer text, employment_start date, monthly_income numeric(10, 2),
        not_working_reason text, organized_by_cooperation boolean, cooperation_name text,
        person_id bigint, household_id bigint, relation_changed boolean,
        error_code text, error_key text, error_params jsonb
      ) on commit drop`,
      'create temp table ledger_deferred (like ledger_chunk) on commit drop',
      // Only the primary key: during the file nothing looks a row up by its ID number or household
      // (the service knows which ID numbers came before), and the end-of-file statements read it whole.
      `create temp table ledger_state (
        row_no integer primary key, id_number char(18) collate "C", village_code char(12) collate "C",
        household_no text, status text not null, person_id bigint, household_id bigint,
        relation_changed boolean, error_code text, heads_checked boolean not null default false
      ) on commit drop`,
      `create temp table ledger_households (
        village_code char(12) collate "C", household_no text, first_row integer not null,
        category text not null, monitoring_type text, type_given boolean not null, relocation text,
        resettlement_site text, address text, household_id bigint,
        created boolean not null default false, updated boolean not null default false,
        checked boolean not null default false, primary key (village_code, household_no)
      ) on commit drop`,
      'create index ledger_households_open_idx on ledger_households (first_row) where not checked',
      'create temp table ledger_person_undo (row_no integer not null, like persons) on commit drop',
      'create temp table ledger_household_undo (like households) on commit drop',
      'create temp table ledger_undo (row_no integer primary key) on commit drop',
    ],

    /** Rows waiting for their household go through the next chunk again. */
    startChunk: [
      'insert into ledger_chunk select * from ledger_deferred',
      // Few rows, usually none: cheaper than a truncate's new files.
      'delete from ledger_deferred',
      'analyze ledger_chunk (row_no, status, id_number, village_code, household_no, person_id, household_id)',
    ],

    /**
     * Rows whose ID number appeared in an earlier row (also rows refused for other problems, status
     * 'invalid'), as the service found while reading: every occurrence is refused at the end of the file.
     */
    duplicates: `update ledger_chunk c set error_code = 'ledger.duplicateInFile', error_key = 'idNumber',
        status = case when c.status = 'pending' then 'rejected' else c.status end
      where c.id_seen_before and c.error_code is null and c.status in ('pending', 'invalid')`,

    /**
     * Matches people by ID number and households by village + 户编号 in one pass, refusing: an ID
     * number registered outside the scope (ID numbers are unique nationally; that record is neither
     * read nor changed), a person registered in another household (a ledger does not move people),
     * a new person without village and household number or without the columns that have no default.
     */
    match: `update ledger_chunk c set
        person_id = p.id,
        household_id = coalesce(h.id, case when m.household_no is null then p.household_id end),
        status = case when x.problem is null then c.status else 'rejected' end,
        error_code = x.problem,
        error_key = x.key,
        error_params = case when x.problem = 'ledger.personInOtherHousehold' then (
          select jsonb_build_object('householdNo', ph.household_no, 'village', r.name)
          from households ph join regions r on r.code = ph.village_code where ph.id = p.household_id) end
      from ledger_chunk m
      -- Index probes (LIMIT keeps them probes): the registry tables may have grown by a million rows
      -- in this transaction, which their statistics do not know.
      left join lateral (
        select id, household_id, village_code from persons
        where id_number = m.id_number and deleted_at is null limit 1
      ) p on true
      left join lateral (
        select id from households
        where village_code = m.village_code and household_no = m.household_no and deleted_at is null limit 1
      ) h on true
      cross join lateral (select
        case
          when p.id is not null and not (p.village_code between '${low}' and '${high}') then 'ledger.idNumberElsewhere'
          when p.id is not null and m.household_no is not null and h.id is distinct from p.household_id
            then 'ledger.personInOtherHousehold'
          when p.id is not null and m.household_no is null and m.village_code is not null
            and m.village_code <> p.village_code then 'ledger.personInOtherHousehold'
          when p.id is null and (m.village_code is null or m.household_no is null) then 'ledger.requiredForNew'
          ${missingForNew.length > 0 ? `when p.id is null then 'ledger.requiredForNew'` : ''}
        end as problem,
        case
          when p.id is not null and not (p.village_code between '${low}' and '${high}') then 'idNumber'
          when p.id is not null and m.household_no is null then 'village'
          when p.id is not null then 'householdNo'
          when m.village_code is null then 'village'
          when m.household_no is null then 'householdNo'
          else '${missingForNew[0] ?? 'name'}'
        end as key) x
      where c.row_no = m.row_no and m.status = 'pending'
        -- A new person of a new household with no problem has nothing to record yet.
        and (p.id is not null or h.id is not null or x.problem is not null)`,

    /**
     * Stored values of the rows of this chunk, for the checks of column groups the file has only in
     * part; rows already refused for other problems are checked too, so the office sees every
     * problem of a row at once.
     */
    storedForChecks: `select c.row_no as "rowNo", p.id is not null as "personExists",
        p.employment_status as "employmentStatus", p.employment_form as "employmentForm", p.work_location as "workLocation",
        p.workplace, p.employer, p.employment_start::text as "employmentStart", p.monthly_income::float8 as "monthlyIncome",
        p.not_working_reason as "notWorkingReason", p.organized_by_cooperation as "organizedByCooperation",
        p.cooperation_name as "cooperationName", p.health, p.disability_grade as "disabilityGrade",
        h.id is not null as "householdExists", h.category, h.monitoring_type as "monitoringType", h.relocation,
        h.resettlement_site as "resettlementSite"
      from ledger_chunk c
      left join persons p on p.id_number = c.id_number and p.deleted_at is null
      left join households h on h.deleted_at is null and (
        (c.household_no is not null and h.village_code = c.village_code and h.household_no = c.household_no)
        or (c.household_no is null and h.id = p.household_id))
      where c.status in ('pending', 'invalid')`,

    rejectRows: `update ledger_chunk set status = 'rejected' where row_no = any($1::int[]) and status = 'pending'`,

    /** The first row stating a household's values decides them for the file. */
    establishHouseholds: `insert into ledger_households (village_code, household_no, first_row, category, monitoring_type,
        type_given, relocation, resettlement_site, address, household_id)
      select d.*, x.id from (
        select distinct on (village_code, household_no) village_code, household_no, row_no, h_category,
          h_monitoring_type, h_type_given, h_relocation, h_resettlement_site, h_address
        from ledger_chunk
        where status = 'pending' and h_stated and village_code is not null and household_no is not null
        order by village_code, household_no, row_no
      ) d
      left join lateral (
        select id from households
        where village_code = d.village_code and household_no = d.household_no and deleted_at is null limit 1
      ) x on true
      on conflict (village_code, household_no) do nothing`,

    /**
     * Rows that state their household differently from the row that first stated it, and rows of a
     * new monitored household without its monitoring type (a database constraint, checked here first):
     * one pass, one index probe per row into the file's households (LIMIT keeps it a probe however
     * many households the file has described so far).
     */
    householdChecks: `update ledger_chunk t set status = 'rejected', error_code = x.code,
        error_key = case when x.code = 'ledger.householdDiffers' then 'category' else 'monitoringType' end,
        error_params = case when x.code = 'ledger.householdDiffers' then
          jsonb_build_object('row', h.first_row, 'fields', concat_ws('、', ${householdLabels.join(', ')})) end
      from ledger_chunk c
      cross join lateral (
        select * from ledger_households h
        where h.village_code = c.village_code and h.household_no = c.household_no limit 1
      ) h
      cross join lateral (select case
          when c.h_stated and c.row_no <> h.first_row
            and (c.h_category is distinct from h.category or c.h_relocation is distinct from h.relocation
              or c.h_resettlement_site is distinct from h.resettlement_site or c.h_address is distinct from h.address
              or (c.h_type_given and h.type_given and c.h_monitoring_type is distinct from h.monitoring_type))
            then 'ledger.householdDiffers'
          when h.household_id is null and h.category = 'monitored' and h.monitoring_type is null
            then 'household.monitoringTypeRequired'
        end as code) x
      where t.row_no = c.row_no and c.status = 'pending' and x.code is not null`,

    /** New households, with ids from the sequence so that no join back on their values is needed (their rows are attached by insertPersons). */
    createHouseholds: `with new as (
        update ledger_households h set household_id = n.id, created = true, checked = true
        from (
          -- Ids in file order (the sequence is read after the sort).
          select o.village_code, o.household_no, nextval((select pg_get_serial_sequence('households', 'id'))::regclass) as id
          from (
            select village_code, household_no from ledger_households h
            where not h.checked and h.household_id is null
              and exists (select 1 from ledger_chunk c where c.status = 'pending' and c.village_code = h.village_code
                            and c.household_no = h.household_no)
            order by first_row
          ) o
        ) n
        where h.village_code = n.village_code and h.household_no = n.household_no
        returning h.*
      )
      insert into households (id, village_code, household_no, category, monitoring_type, relocation,
        resettlement_site, address, source_import_id, source_row)
      select household_id, village_code, household_no, category,
        case when category = 'monitored' then monitoring_type end, coalesce(relocation, 'none'),
        resettlement_site, address, ${ctx.importId}, first_row
      from new`,

    updateHouseholds: `with cur as (
        select x.*, h.first_row,
          ${householdColumns.map((c) => `${householdValue(c.column, c.key, `x.${c.column}`)} as n_${c.column}`).join(', ')}
        from ledger_households h join households x on x.id = h.household_id
        where not h.checked
          and exists (select 1 from ledger_chunk c where c.status = 'pending' and c.household_id = h.household_id)
      ), changed as (
        select * from cur
        where (${householdColumns.map((c) => c.column).join(', ')}) is distinct from
              (${householdColumns.map((c) => `n_${c.column}`).join(', ')})
      ), saved as (
        insert into ledger_household_undo select id, village_code, household_no, category, monitoring_type, relocation,
          resettlement_site, address, deleted_at, deleted_reason, created_at, updated_at, version from changed
      ), upd as (
        update households x set ${householdColumns.map((c) => `${c.column} = c.n_${c.column}`).join(', ')},
          updated_at = now(), version = x.version + 1
        from changed c where x.id = c.id
      ), audited as (
        insert into audit_events (actor_id, action, entity_type, entity_id, region_code, before, after, note)
        select ${actor}, 'household.update', 'household', c.id::text, c.village_code,
          ${householdDiff.before}, ${householdDiff.after}, ${note} || ' 第 ' || c.first_row || ' 行'
        from changed c
      )
      update ledger_households h set checked = true, updated = exists (select 1 from changed c where c.id = h.household_id)
      where h.household_id in (select id from cur)`,

    /**
     * New people, ids from the sequence, with the import and row that created them (the import's own
     * audit event covers their creation, decision 13), and their outcome in ledger_state: one
     * statement, no join back, and no rewrite of the chunk (keepOutcomes leaves these rows alone).
     */
    insertPersons: `with marked as materialized (
        select c.*, n.id as new_person_id, n.household as new_household_id
        from (
          select o.row_no, o.household, nextval((select pg_get_serial_sequence('persons', 'id'))::regclass) as id
          from (
            -- The household: matched, or established by this file (created by the statement before).
            select k.row_no, coalesce(k.household_id, h.household_id) as household from ledger_chunk k
            left join ledger_households h on h.village_code = k.village_code and h.household_no = k.household_no
            where k.status = 'pending' and k.person_id is null and coalesce(k.household_id, h.household_id) is not null
            order by k.row_no
          ) o
        ) n join ledger_chunk c on c.row_no = n.row_no
      ), inserted as (
        insert into persons (id, household_id, village_code, id_number, ${personColumns.map((c) => c.column).join(', ')},
          source_import_id, source_row)
        select c.new_person_id, c.new_household_id, c.village_code, c.id_number,
          ${personColumns.map((c) => newValue(c, c.insertDefault)).join(', ')}, ${ctx.importId}, c.row_no
        from marked c order by c.row_no
      )
      insert into ledger_state (${STATE_COLUMNS})
      select row_no, id_number, village_code, household_no, 'created', new_person_id, new_household_id, false, null
      from marked
      on conflict (row_no) do update set status = 'created', person_id = excluded.person_id,
        household_id = excluded.household_id, relation_changed = false, error_code = null`,

    updatePersons: `with cur as (
        select p.*, c.row_no, p.relation_to_head as p_relation,
          ${personColumns.map((k) => `${newValue(k, `p.${k.column}`)} as n_${k.column}`).join(', ')}
        from ledger_chunk c join persons p on p.id = c.person_id
        where c.status = 'pending' and c.person_id is not null
      ), changed as (
        select * from cur
        where (${personColumns.map((c) => c.column).join(', ')}) is distinct from
              (${personColumns.map((c) => `n_${c.column}`).join(', ')})
      ), saved as (
        insert into ledger_person_undo
        select row_no, id, household_id, village_code, name, id_number, birth_date, sex, relation_to_head, phone,
          education, labour_ability, health, disability_grade, skills, wants_work, wants_training, work_away_willingness,
          employment_status, employment_form, work_location, workplace, employer, employment_start, monthly_income,
          not_working_reason, organized_by_cooperation, cooperation_name, deleted_at, deleted_reason, created_at,
          updated_at, version
        from changed
      ), upd as (
        update persons p set ${personColumns.map((c) => `${c.column} = c.n_${c.column}`).join(', ')},
          updated_at = now(), version = p.version + 1
        from changed c where p.id = c.id
      ), audited as (
        insert into audit_events (actor_id, action, entity_type, entity_id, region_code, before, after, note)
        select ${actor}, 'person.update', 'person', c.id::text, c.village_code, ${personDiff.before}, ${personDiff.after},
          ${note} || ' 第 ' || c.row_no || ' 行'
        from changed c
      )
      update ledger_chunk c set status = case when ch.id is null then 'unchanged' else 'updated' end,
        relation_changed = ${relationChanged.replace('c.relation_to_head', 'cur.n_relation_to_head').replace('c.p_relation', 'cur.p_relation')}
      from cur left join changed ch on ch.row_no = cur.row_no
      where c.row_no = cur.row_no`,

    /** Rows of the chunk refused by the statements above, with what to tell the office. */
    chunkRejections: `select row_no as "rowNo", error_code as code, error_key as key, error_params as params
      from ledger_chunk
      where status = 'rejected' and error_code is not null and error_code <> 'ledger.duplicateInFile'
      order by row_no`,

    /** The chunk is done: its rows' outcome is kept narrow, in the import's state. */
    keepOutcomes:
      // Rows still waiting are kept here too ('pending'), for the end-of-file checks (ID numbers
      // given twice, households nobody described). Rows created by insertPersons are there already
      // (still 'pending' in ledger_chunk).
      `insert into ledger_state (${STATE_COLUMNS}) select ${STATE_COLUMNS} from ledger_chunk
        on conflict (row_no) do update set status = excluded.status, person_id = excluded.person_id,
          household_id = excluded.household_id, relation_changed = excluded.relation_changed,
          error_code = excluded.error_code
        where ledger_state.status <> 'created'`,

    /** Rows still waiting for their household go to the next chunk; returns them. */
    deferWaiting: `insert into ledger_deferred select * from ledger_chunk c where c.status = 'pending' and c.person_id is null
        and not exists (select 1 from ledger_state s where s.row_no = c.row_no and s.status = 'created')
        returning row_no`,

    // ---- end of the file

    /** Rows still waiting for a household nobody described: a new household needs its category. */
    unstatedHouseholds: `update ledger_state s set status = 'rejected', error_code = 'ledger.requiredForNew'
      from ledger_deferred d where s.row_no = d.row_no
      returning s.row_no as "rowNo"`,

    duplicateGroups: `select id_number as "idNumber", array_agg(row_no order by row_no) as rows
      from ledger_state
      where id_number in (select id_number from ledger_state where error_code = 'ledger.duplicateInFile')
      group by id_number order by min(row_no)`,

    /**
     * Households where this import made the number of heads other than one or of spouses above one
     * (new households, new members, changed relations); households already in that state and only
     * touched otherwise are left alone.
     */
    headProblems: `with touched as (
        select distinct household_id from ledger_state
        where (status = 'created' and not heads_checked) or (status = 'updated' and relation_changed)
      )
      select t.household_id as "householdId", c.heads, c.spouses
      from touched t cross join lateral (
        select count(*) filter (where p.relation_to_head = 'head') as heads,
          count(*) filter (where p.relation_to_head = 'spouse') as spouses
        from persons p where p.household_id = t.household_id and p.deleted_at is null
      ) c
      where c.heads <> 1 or c.spouses > 1`,

    appliedRowsOf: `select row_no as "rowNo", household_id as "householdId" from ledger_state
      where household_id = any($1::bigint[]) and status in ${applied} order by row_no`,

    /** Takes back what the rows in ledger_undo did: deletes created people, restores updated ones. */
    undo: [
      `delete from audit_events a using ledger_state s, ledger_undo u
        where u.row_no = s.row_no and s.status = 'updated' and a.entity_type = 'person'
          and a.entity_id = s.person_id::text and a.at = now() and a.action = 'person.update'`,
      `delete from persons p using ledger_state s, ledger_undo u
        where u.row_no = s.row_no and s.status = 'created' and p.id = s.person_id`,
      `update persons p set (${personColumns.map((c) => c.column).join(', ')}, updated_at, version) =
          (${personColumns.map((c) => `b.${c.column}`).join(', ')}, b.updated_at, b.version)
        from ledger_person_undo b join ledger_undo u on u.row_no = b.row_no
        where p.id = b.id`,
      `create temp table ledger_undo_households on commit drop as
        select distinct s.household_id from ledger_state s join ledger_undo u on u.row_no = s.row_no
        where s.household_id is not null`,
      // A household checked by the direct path and now losing a member is checked again (headProblems).
      `update ledger_state s set heads_checked = false from ledger_undo_households t
        where s.household_id = t.household_id and s.heads_checked`,
      `update ledger_state s set status = 'rejected' from ledger_undo u where u.row_no = s.row_no`,
      // Households left without a row of this import go back to how they were.
      `delete from ledger_undo_households t
        where exists (select 1 from ledger_state s where s.household_id = t.household_id and s.status in ${applied})`,
      `delete from audit_events a using ledger_undo_households t, ledger_households h
        where h.household_id = t.household_id and h.updated and a.entity_type = 'household'
          and a.entity_id = t.household_id::text and a.at = now() and a.action = 'household.update'`,
      `delete from households x using ledger_undo_households t, ledger_households h
        where h.household_id = t.household_id and h.created and x.id = t.household_id`,
      `update households x set (${householdColumns.map((c) => c.column).join(', ')}, updated_at, version) =
          (${householdColumns.map((c) => `b.${c.column}`).join(', ')}, b.updated_at, b.version)
        from ledger_household_undo b join ledger_undo_households t on t.household_id = b.id
        where x.id = b.id`,
      `update ledger_households h set created = false, updated = false
        from ledger_undo_households t where t.household_id = h.household_id`,
      'drop table ledger_undo_households',
    ],

    counts: `select
        count(*) filter (where s.status = 'created') as created,
        count(*) filter (where s.status = 'updated' or (s.status = 'unchanged' and h.updated)) as updated,
        count(*) filter (where s.status = 'unchanged' and h.updated is not true) as unchanged,
        (select count(*) from ledger_households where created) as "householdsCreated",
        (select count(*) from ledger_households where updated) as "householdsUpdated"
      from ledger_state s
      left join ledger_households h on h.household_id = s.household_id and h.updated`,
  };
}

export type ImportStatements = ReturnType<typeof importStatements>;

/**
 * Runs the statements of one chunk on the import's connection: returns the rows they refused, and how
 * many rows wait for their household in the next chunk.
 */
export async function applyChunk(
  loader: BulkLoader,
  statements: ImportStatements,
  checkStored: ((rows: Record<string, unknown>[]) => number[]) | null,
): Promise<{ rejected: SqlRejection[]; waiting: number }> {
  for (const statement of statements.startChunk) await loader.execute(statement);
  await loader.execute(statements.duplicates);
  await loader.execute(statements.match);
  if (checkStored) {
    const stored = await loader.execute(statements.storedForChecks);
    const refused = checkStored(stored.rows);
    if (refused.length > 0) await loader.execute(statements.rejectRows, [refused]);
  }
  await loader.execute(statements.establishHouseholds);
  await loader.execute(statements.householdChecks);
  await loader.execute(statements.createHouseholds);
  await loader.execute(statements.updateHouseholds);
  await loader.execute(statements.insertPersons);
  await loader.execute(statements.updatePersons);
  const rejected = await loader.execute(statements.chunkRejections);
  await loader.execute(statements.keepOutcomes);
  const waiting = await loader.execute(statements.deferWaiting);
  await loader.execute('truncate ledger_chunk');
  return { rejected: rejected.rows as unknown as SqlRejection[], waiting: waiting.rows.length };
}

/**
 * The direct path's one probe per chunk (ledger.direct.ts): which of the chunk's ID numbers are
 * registered (the service knows those already in this file), and which of its households (village
 * code and 户编号) are registered or already described by this file. Index probes (LIMIT keeps them
 * probes: the registry tables may have grown by a million rows in this transaction, which their
 * statistics do not know).
 */
export const directProbeSql = `select 'idNumber' as kind, u.v as key from unnest(string_to_array($1, ',')) as u(v)
    cross join lateral (select 1 from persons p where p.id_number = u.v::char(18) and p.deleted_at is null limit 1) p
  union all
  select 'household', u.v || u.n from unnest($2::text[], $3::text[]) as u(v, n)
    left join lateral (select 1 as hit from households h
      where h.village_code = u.v::char(12) and h.household_no = u.n and h.deleted_at is null limit 1) h on true
    left join lateral (select 1 as hit from ledger_households l
      where l.village_code = u.v::char(12) and l.household_no = u.n limit 1) l on true
    where h.hit is not null or l.hit is not null`;

/**
 * $1 household ids and $2 person ids from their sequences, in order, for rows written by COPY; as
 * comma-separated text, which costs the client far less to read than an array of 30,000 numbers.
 */
export const reserveIdsSql = `select
    array_to_string(array(select nextval((select pg_get_serial_sequence('households', 'id'))::regclass)
      from generate_series(1, $1::int)), ',') as households,
    array_to_string(array(select nextval((select pg_get_serial_sequence('persons', 'id'))::regclass)
      from generate_series(1, $2::int)), ',') as persons`;

/** Takes back the effect of applied rows (duplicates found later, households left without one head). */
export async function undoRows(loader: BulkLoader, statements: ImportStatements, rows: readonly number[]) {
  if (rows.length === 0) return;
  await loader.execute('truncate ledger_undo');
  await loader.execute('insert into ledger_undo select unnest($1::int[]) on conflict do nothing', [rows]);
  for (const statement of statements.undo) await loader.execute(statement);
}

// ---------------------------------------------------------------------------------------------------
// Regions of an import

/** The regions of a scope and the path above it (for names like 科左中旗/保康镇/保西村 in a village's file). */
export async function regionsForIndex(
  db: Kysely<DB>,
  scope: RegionScope,
  above: readonly string[],
): Promise<RegionEntry[]> {
  let query = db.selectFrom('regions').select(['code', 'level', 'name', 'aliases']);
  query = query.where((eb) =>
    eb.or([scope.filter('regions.code'), eb('code', 'in', above.length > 0 ? [...above] : [''])]),
  );
  return query.execute();
}

/** Whether a village code or a region name exists anywhere (to tell "outside your region" from "unknown"). */
export async function regionExistsAnywhere(
  loader: BulkLoader,
  text: string,
  level: number,
): Promise<boolean> {
  const result = await loader.execute(
    `select 1 from regions where level = $2 and (code = $1 or name = $1 or aliases @> array[$1]::text[]) limit 1`,
    [text, level],
  );
  return result.rows.length > 0;
}

// ---------------------------------------------------------------------------------------------------
// Exports

/** A person of a ledger export, with the household and region names around it. */
export interface ExportRow extends PersonValues {
  villageCode: string;
  villageName: string;
  townName: string | null;
  countyName: string | null;
  householdNo: string;
  category: string;
  monitoringType: string | null;
  relocation: string;
  resettlementSite: string | null;
  address: string | null;
}

export type PersonExportFilter = Omit<PersonQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export function ledgerRepository(db: Kysely<DB>, scope: RegionScope) {
  const assertInScope = (regionCode: string) => {
    if (!scope.covers(regionCode)) throw new Error(`${regionCode} outside scope`);
  };

  return {
    /**
     * People of the scope as ledger rows, filtered like GET /api/persons, in ledger order (village,
     * household number, head first, then by birth). Streamed in chunks, never all in memory.
     */
    streamPersons(filter: PersonExportFilter, today: string): AsyncIterable<ExportRow> {
      if (filter.region) assertInScope(filter.region);
      let query = db
        .selectFrom('persons')
        .innerJoin('households', 'households.id', 'persons.householdId')
        .innerJoin('regions as village', 'village.code', 'persons.villageCode')
        .leftJoin('regions as town', (join) =>
          join.on(sql`town.code`, '=', sql`substr(persons.village_code, 1, 9) || '000'`),
        )
        .leftJoin('regions as county', (join) =>
          join.on(sql`county.code`, '=', sql`substr(persons.village_code, 1, 6) || '000000'`),
        )
        .where(scope.filter('persons.villageCode'))
        .where('persons.deletedAt', 'is', null)
        .where('households.deletedAt', 'is', null);
      if (filter.region) query = query.where(scope.narrowTo(filter.region).filter('persons.villageCode'));
      if (filter.q) {
        const q = filter.q.replace(/\s+/g, '');
        query = query.where(
          /^[\dXx]{6,18}$/.test(q)
            ? q.length === 18
              ? sql<boolean>`persons.id_number = ${q.toUpperCase()}`
              : sql<boolean>`persons.id_number like ${`${escapeLike(q.toUpperCase())}%`}`
            : sql<boolean>`persons.name like ${`${escapeLike(q)}%`}`,
        );
      }
      if (filter.householdId) query = query.where('persons.householdId', '=', filter.householdId);
      if (filter.employmentStatus)
        query = query.where('persons.employmentStatus', '=', filter.employmentStatus);
      if (filter.employmentForm) query = query.where('persons.employmentForm', '=', filter.employmentForm);
      if (filter.workLocation) query = query.where('persons.workLocation', '=', filter.workLocation);
      if (filter.labourAbility) query = query.where('persons.labourAbility', '=', filter.labourAbility);
      if (filter.category) query = query.where('households.category', '=', filter.category);
      if (filter.relocation) query = query.where('households.relocation', '=', filter.relocation);
      if (filter.labourers === 'true') query = query.where(labourerCondition(today));
      if (filter.labourers === 'false') query = query.where(sql<boolean>`not (${labourerCondition(today)})`);
      return query
        .select([
          'persons.villageCode',
          'village.name as villageName',
          'town.name as townName',
          'county.name as countyName',
          'households.householdNo',
          'households.category',
          'households.monitoringType',
          'households.relocation',
          'households.resettlementSite',
          'households.address',
          'persons.name',
          'persons.idNumber',
          'persons.birthDate',
          'persons.sex',
          'persons.relationToHead',
          'persons.phone',
          'persons.education',
          'persons.labourAbility',
          'persons.health',
          'persons.disabilityGrade',
          'persons.skills',
          'persons.wantsWork',
          'persons.wantsTraining',
          'persons.workAwayWillingness',
          'persons.employmentStatus',
          'persons.employmentForm',
          'persons.workLocation',
          'persons.workplace',
          'persons.employer',
          'persons.employmentStart',
          'persons.monthlyIncome',
          'persons.notWorkingReason',
          'persons.organizedByCooperation',
          'persons.cooperationName',
        ])
        .orderBy('persons.villageCode')
        .orderBy('households.householdNo')
        .orderBy(sql`case when persons.relation_to_head = 'head' then 0 else 1 end`)
        .orderBy('persons.birthDate')
        .orderBy('persons.id')
        .stream(1000) as AsyncIterable<ExportRow>;
    },

    /** Households of the scope, filtered like GET /api/households, with head and member count. */
    streamHouseholds(filter: Omit<HouseholdQuery, 'page' | 'pageSize'>, today: string) {
      if (filter.region) assertInScope(filter.region);
      let query = db
        .selectFrom('households')
        .innerJoin('regions as village', 'village.code', 'households.villageCode')
        .leftJoin('regions as town', (join) =>
          join.on(sql`town.code`, '=', sql`substr(households.village_code, 1, 9) || '000'`),
        )
        .leftJoin('regions as county', (join) =>
          join.on(sql`county.code`, '=', sql`substr(households.village_code, 1, 6) || '000000'`),
        )
        .where(scope.filter('households.villageCode'))
        .where('households.deletedAt', 'is', null);
      if (filter.region) query = query.where(scope.narrowTo(filter.region).filter('households.villageCode'));
      if (filter.zeroEmployment === 'true') query = query.where(zeroEmploymentCondition(today));
      if (filter.category) query = query.where('households.category', '=', filter.category);
      if (filter.relocation) query = query.where('households.relocation', '=', filter.relocation);
      if (filter.relocated === 'true') query = query.where('households.relocation', '<>', 'none');
      if (filter.q) {
        const q = filter.q.trim();
        query = query.where((eb) =>
          eb.or([
            eb('households.householdNo', '=', q),
            eb.exists(
              eb
                .selectFrom('persons as m')
                .select('m.id')
                .whereRef('m.householdId', '=', 'households.id')
                .where('m.deletedAt', 'is', null)
                .where('m.name', 'like', `${escapeLike(q)}%`),
            ),
          ]),
        );
      }
      return query
        .select([
          'households.villageCode',
          'village.name as villageName',
          'town.name as townName',
          'county.name as countyName',
          'households.householdNo',
          'households.category',
          'households.monitoringType',
          'households.relocation',
          'households.resettlementSite',
          'households.address',
          sql<string | null>`(select h.name from persons h where h.household_id = households.id
            and h.relation_to_head = 'head' and h.deleted_at is null limit 1)`.as('headName'),
          sql<string | null>`(select h.id_number from persons h where h.household_id = households.id
            and h.relation_to_head = 'head' and h.deleted_at is null limit 1)`.as('headIdNumber'),
          sql<number>`(select count(*) from persons m where m.household_id = households.id
            and m.deleted_at is null)`.as('memberCount'),
          sql<boolean>`${zeroEmploymentCondition(today)}`.as('zeroEmployment'),
        ])
        .orderBy('households.villageCode')
        .orderBy('households.householdNo')
        .stream(1000);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// ledger_imports

export function ledgerImportsRepository(db: Kysely<DB>) {
  return {
    async insert(row: {
      userId: number | null;
      regionCode: string | null;
      fileName: string;
      fileSha256: string;
      fileSize: number;
      format: 'xlsx' | 'csv';
      status: LedgerImportStatus;
      preview: unknown;
    }) {
      return db
        .insertInto('ledgerImports')
        .values({ ...row, preview: JSON.stringify(row.preview) })
        .returning(['id', 'createdAt'])
        .executeTakeFirstOrThrow();
    },

    get(id: number, userId: number | null) {
      let query = db.selectFrom('ledgerImports').selectAll().where('id', '=', id);
      query = userId === null ? query.where('userId', 'is', null) : query.where('userId', '=', userId);
      return query.executeTakeFirst();
    },

    /**
     * The imports into a region (its own or any region inside it), newest first, with who ran them
     * and the counts of the import or, before it, of its check (the error lists are not read).
     */
    listForScope(scope: RegionScope, limit: number) {
      const counts = (key: string) =>
        sql<number | null>`(coalesce(i.report, i.check_report) ->> ${key})::int`.as(key);
      let query = db
        .selectFrom('ledgerImports as i')
        .leftJoin('users as u', 'u.id', 'i.userId')
        .select([
          'i.id',
          'i.userId',
          'u.displayName as userName',
          'i.fileName',
          'i.format',
          'i.fileSize',
          'i.status',
          'i.regionCode',
          'i.createdAt',
          'i.importedAt',
          'i.error',
          counts('rows'),
          counts('created'),
          counts('updated'),
          counts('unchanged'),
          counts('rejected'),
        ]);
      if (scope.regionCode) query = query.where(scope.filter('i.regionCode'));
      return query.orderBy('i.id', 'desc').limit(limit).execute();
    },

    async setStatus(
      id: number,
      changes: { status: LedgerImportStatus; checkReport?: unknown; report?: unknown; error?: string | null },
    ) {
      await db
        .updateTable('ledgerImports')
        .set({
          status: changes.status,
          ...(changes.checkReport === undefined ? {} : { checkReport: JSON.stringify(changes.checkReport) }),
          ...(changes.report === undefined ? {} : { report: JSON.stringify(changes.report) }),
          ...(changes.error === undefined ? {} : { error: changes.error }),
          updatedAt: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}

/** The final state of an import, written by the import's own transaction (so it lands with the rows). */
export const finishImportSql = `update ledger_imports set status = 'imported', report = $2::jsonb, error = null,
  updated_at = now(), imported_at = now() where id = $1`;

/** A command-line import's record, made at its start inside its transaction (finishImportSql ends it). */
export const insertImportSql = `insert into ledger_imports (user_id, region_code, file_name, file_sha256,
  file_size, format, status, preview)
  values ($1, $2, $3, $4, $5, $6, 'importing', $7::jsonb) returning id`;
