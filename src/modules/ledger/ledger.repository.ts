// Queries of the ledger module: the staging tables an import fills by COPY and the set-based
// statements that match, check and apply a chunk of rows to households and persons, all inside the
// import's one transaction (BulkLoader); the streamed reads behind the exports; the ledger_imports
// table.
//
// It writes to the registry's tables (households, persons) and to the audit log with set-based SQL
// instead of going through registry.repository and recordAudit row by row: a million rows one
// statement each would take hours. The rules are still the registry's: every value was checked by
// ledger.rules.ts (which calls registry.rules.ts) before it is staged, and scope is applied here to
// every match (an ID number registered outside the scope is refused, never read or changed).
import { type Kysely, sql } from 'kysely';
import type { BulkLoader, CopyRow } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { RegionScope } from '../access/scope.js';
import { escapeLike } from '../regions/regions.repository.js';
import type { HouseholdQuery, PersonQuery } from '../registry/registry.dto.js';
import { labourerCondition, zeroEmploymentCondition } from '../registry/registry.repository.js';
import type { LedgerKey, RegionEntry } from './ledger.rules.js';
import type { LedgerImportStatus } from './ledger.tables.js';

// ---------------------------------------------------------------------------------------------------
// Staging

/** Person columns as stored, with what a new person gets when the file lacks the column. */
const personColumns: readonly { column: string; key: LedgerKey; json: string; insertDefault: string }[] = [
  { column: 'name', key: 'name', json: 'name', insertDefault: 'null' },
  { column: 'birth_date', key: 'birthDate', json: 'birthDate', insertDefault: 'null' },
  { column: 'sex', key: 'sex', json: 'sex', insertDefault: 'null' },
  { column: 'relation_to_head', key: 'relationToHead', json: 'relationToHead', insertDefault: 'null' },
  { column: 'phone', key: 'phone', json: 'phone', insertDefault: 'null' },
  { column: 'education', key: 'education', json: 'education', insertDefault: 'null' },
  { column: 'labour_ability', key: 'labourAbility', json: 'labourAbility', insertDefault: 'null' },
  { column: 'health', key: 'health', json: 'health', insertDefault: `'healthy'` },
  { column: 'disability_grade', key: 'disabilityGrade', json: 'disabilityGrade', insertDefault: 'null' },
  { column: 'skills', key: 'skills', json: 'skills', insertDefault: `'{}'::text[]` },
  { column: 'wants_work', key: 'wantsWork', json: 'wantsWork', insertDefault: 'false' },
  { column: 'wants_training', key: 'wantsTraining', json: 'wantsTraining', insertDefault: 'false' },
  {
    column: 'work_away_willingness',
    key: 'workAwayWillingness',
    json: 'workAwayWillingness',
    insertDefault: `'none'`,
  },
  {
    column: 'employment_status',
    key: 'employmentStatus',
    json: 'employmentStatus',
    insertDefault: `'unemployed'`,
  },
  { column: 'employment_form', key: 'employmentForm', json: 'employmentForm', insertDefault: 'null' },
  { column: 'work_location', key: 'workLocation', json: 'workLocation', insertDefault: 'null' },
  { column: 'workplace', key: 'workplace', json: 'workplace', insertDefault: 'null' },
  { column: 'employer', key: 'employer', json: 'employer', insertDefault: 'null' },
  { column: 'employment_start', key: 'employmentStart', json: 'employmentStart', insertDefault: 'null' },
  { column: 'monthly_income', key: 'monthlyIncome', json: 'monthlyIncome', insertDefault: 'null' },
  { column: 'not_working_reason', key: 'notWorkingReason', json: 'notWorkingReason', insertDefault: 'null' },
  {
    column: 'organized_by_cooperation',
    key: 'organizedByCooperation',
    json: 'organizedByCooperation',
    insertDefault: 'false',
  },
  { column: 'cooperation_name', key: 'cooperationName', json: 'cooperationName', insertDefault: 'null' },
];

/** Household columns an import may set (village and number are the key). */
const householdColumns: readonly { column: string; key: LedgerKey; json: string }[] = [
  { column: 'category', key: 'category', json: 'category' },
  { column: 'monitoring_type', key: 'monitoringType', json: 'monitoringType' },
  { column: 'relocation', key: 'relocation', json: 'relocation' },
  { column: 'resettlement_site', key: 'resettlementSite', json: 'resettlementSite' },
  { column: 'address', key: 'address', json: 'address' },
];

/** The staged columns, in COPY order. */
export const stagedColumns = [
  'rowNo',
  'chunk',
  'status',
  'idNumber',
  'villageCode',
  'householdNo',
  'hStated',
  'hCategory',
  'hMonitoringType',
  'hTypeGiven',
  'hRelocation',
  'hResettlementSite',
  'hAddress',
  'name',
  'birthDate',
  'sex',
  'relationToHead',
  'phone',
  'education',
  'labourAbility',
  'health',
  'disabilityGrade',
  'skills',
  'wantsWork',
  'wantsTraining',
  'workAwayWillingness',
  'employmentStatus',
  'employmentForm',
  'workLocation',
  'workplace',
  'employer',
  'employmentStart',
  'monthlyIncome',
  'notWorkingReason',
  'organizedByCooperation',
  'cooperationName',
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

export interface ImportSqlContext {
  /** Ledger columns the file has. */
  present: ReadonlySet<LedgerKey>;
  /** Lowest and highest village code of the import's scope. */
  bounds: [string, string];
  actorId: number | null;
  /** Text for the note of every audit event: 台账导入 #12 文件名. */
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

/**
 * The statements of one import, generated for the columns the file has: a column the file lacks
 * keeps what is stored (update) or takes the default (new record).
 */
export function importStatements(ctx: ImportSqlContext) {
  const has = (key: LedgerKey) =>
    ctx.present.has(key) || key === 'birthDate' || key === 'sex' || key === 'name';
  const newValue = (c: (typeof personColumns)[number], old: string) => (has(c.key) ? `s.${c.column}` : old);
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
      return `case when s.h_${c.column} is distinct from h.${c.column} then ${label} end`;
    });
  const typeLabel = literal(
    ctx.headers.get('monitoringType') ?? ctx.headers.get('category') ?? '监测对象类型',
  );
  householdLabels.push(
    `case when s.h_type_given and h.type_given and s.h_monitoring_type is distinct from h.monitoring_type then ${typeLabel} end`,
  );
  const missingForNew = (['relationToHead', 'labourAbility'] as const).filter((k) => !ctx.present.has(k));

  return {
    createStaging: [
      `create temp table ledger_rows (
        row_no integer primary key, chunk integer not null, status text not null,
        id_number char(18) collate "C", village_code char(12) collate "C", household_no text,
        h_stated boolean, h_category text, h_monitoring_type text, h_type_given boolean, h_relocation text,
        h_resettlement_site text, h_address text,
        name text, birth_date date, sex char(1), relation_to_head text, phone text, education text,
        labour_ability text, health text, disability_grade smallint, skills text[], wants_work boolean,
        wants_training boolean, work_away_willingness text, employment_status text, employment_form text,
        work_location text, workplace text, employer text, employment_start date, monthly_income numeric(10, 2),
        not_working_reason text, organized_by_cooperation boolean, cooperation_name text,
        person_id bigint, existing_household_id bigint, existing_village char(12) collate "C", household_id bigint,
        error_code text, error_key text, error_params jsonb
      ) on commit drop`,
      'create index ledger_rows_id_number_idx on ledger_rows (id_number, row_no)',
      `create index ledger_rows_pending_idx on ledger_rows (row_no) where status in ('pending', 'creating')`,
      'create index ledger_rows_chunk_idx on ledger_rows (chunk)',
      `create temp table ledger_households (
        village_code char(12) collate "C", household_no text, first_row integer not null,
        category text not null, monitoring_type text, type_given boolean not null, relocation text,
        resettlement_site text, address text, household_id bigint,
        created boolean not null default false, updated boolean not null default false,
        checked boolean not null default false, primary key (village_code, household_no)
      ) on commit drop`,
      'create temp table ledger_person_undo (row_no integer not null, like persons) on commit drop',
      'create temp table ledger_household_undo (like households) on commit drop',
      'create temp table ledger_undo (row_no integer primary key) on commit drop',
    ],

    /**
     * Rows of this chunk whose ID number appeared in an earlier row (also rows refused for other
     * problems, status 'invalid'): every occurrence is refused at the end.
     */
    duplicates: `update ledger_rows s set error_code = 'ledger.duplicateInFile', error_key = 'idNumber',
        status = case when s.status = 'pending' then 'rejected' else s.status end
      where s.chunk = $1 and s.id_number is not null
        and exists (select 1 from ledger_rows f where f.id_number = s.id_number and f.row_no < s.row_no)`,

    attachPersons: `update ledger_rows s
      set person_id = p.id, existing_household_id = p.household_id, existing_village = p.village_code
      from persons p
      where s.chunk = $1 and s.status = 'pending' and p.id_number = s.id_number and p.deleted_at is null`,

    /** ID numbers are unique nationally; one registered outside the scope is neither read nor changed. */
    outsideScope: `update ledger_rows s set status = 'rejected', error_code = 'ledger.idNumberElsewhere', error_key = 'idNumber'
      where s.chunk = $1 and s.status = 'pending' and s.existing_village is not null
        and not (s.existing_village between '${low}' and '${high}')`,

    attachHouseholds: `update ledger_rows s set household_id = h.id
      from households h
      where s.chunk = $1 and s.status = 'pending' and s.household_no is not null
        and h.village_code = s.village_code and h.household_no = s.household_no and h.deleted_at is null`,

    /** A person already registered in another household (or village) is not moved by a ledger. */
    otherHousehold: `update ledger_rows s set status = 'rejected', error_code = 'ledger.personInOtherHousehold',
        error_key = case when s.household_no is null then 'village' else 'householdNo' end,
        error_params = jsonb_build_object('householdNo', h.household_no, 'village', r.name)
      from households h join regions r on r.code = h.village_code
      where s.chunk = $1 and s.status = 'pending' and s.person_id is not null and h.id = s.existing_household_id
        and ((s.household_no is not null and s.household_id is distinct from s.existing_household_id)
          or (s.household_no is null and s.village_code is not null and s.village_code <> s.existing_village))`,

    keepHousehold: `update ledger_rows s set household_id = s.existing_household_id
      where s.chunk = $1 and s.status = 'pending' and s.person_id is not null and s.household_id is null`,

    /** A new person needs a village and a household number. */
    noHousehold: `update ledger_rows s set status = 'rejected', error_code = 'ledger.requiredForNew',
        error_key = case when s.village_code is null then 'village' else 'householdNo' end
      where s.chunk = $1 and s.status = 'pending' and s.person_id is null
        and (s.village_code is null or s.household_no is null)`,

    /** A new person needs the columns without a default; a file without them can only update. */
    requiredForNew:
      missingForNew.length === 0
        ? null
        : `update ledger_rows s set status = 'rejected', error_code = 'ledger.requiredForNew', error_key = '${missingForNew[0]}'
      where s.chunk = $1 and s.status = 'pending' and s.person_id is null`,

    /**
     * Stored values of the rows of this chunk, for the checks of column groups the file has only in
     * part; rows already refused for other problems are checked too, so the office sees every
     * problem of a row at once.
     */
    storedForChecks: `select s.row_no as "rowNo", p.id is not null as "personExists",
        p.employment_status as "employmentStatus", p.employment_form as "employmentForm", p.work_location as "workLocation",
        p.workplace, p.employer, p.employment_start::text as "employmentStart", p.monthly_income::float8 as "monthlyIncome",
        p.not_working_reason as "notWorkingReason", p.organized_by_cooperation as "organizedByCooperation",
        p.cooperation_name as "cooperationName", p.health, p.disability_grade as "disabilityGrade",
        h.id is not null as "householdExists", h.category, h.monitoring_type as "monitoringType", h.relocation,
        h.resettlement_site as "resettlementSite"
      from ledger_rows s
      left join persons p on p.id_number = s.id_number and p.deleted_at is null
      left join households h on h.deleted_at is null and (
        (s.household_no is not null and h.village_code = s.village_code and h.household_no = s.household_no)
        or (s.household_no is null and h.id = p.household_id))
      where s.chunk = $1 and s.status in ('pending', 'invalid')`,

    rejectRows: `update ledger_rows set status = 'rejected' where row_no = any($1::int[]) and status = 'pending'`,

    /** The first row stating a household's values decides them for the file. */
    establishHouseholds: `insert into ledger_households (village_code, household_no, first_row, category, monitoring_type,
        type_given, relocation, resettlement_site, address)
      select distinct on (village_code, household_no) village_code, household_no, row_no, h_category, h_monitoring_type,
        h_type_given, h_relocation, h_resettlement_site, h_address
      from ledger_rows
      where chunk = $1 and status = 'pending' and h_stated and village_code is not null and household_no is not null
      order by village_code, household_no, row_no
      on conflict (village_code, household_no) do nothing`,

    householdDiffers: `update ledger_rows s set status = 'rejected', error_code = 'ledger.householdDiffers', error_key = 'category',
        error_params = jsonb_build_object('row', h.first_row, 'fields', concat_ws('、', ${householdLabels.join(', ')}))
      from ledger_households h
      where s.chunk = $1 and s.status = 'pending' and s.h_stated and s.row_no <> h.first_row
        and h.village_code = s.village_code and h.household_no = s.household_no
        and (s.h_category is distinct from h.category or s.h_relocation is distinct from h.relocation
          or s.h_resettlement_site is distinct from h.resettlement_site or s.h_address is distinct from h.address
          or (s.h_type_given and h.type_given and s.h_monitoring_type is distinct from h.monitoring_type))`,

    attachKnownHouseholds: `update ledger_households h set household_id = x.id
      from households x
      where h.household_id is null and x.village_code = h.village_code and x.household_no = h.household_no
        and x.deleted_at is null`,

    /** A new monitored household needs its monitoring type (a database constraint, checked here first). */
    typeMissing: `update ledger_rows s set status = 'rejected', error_code = 'household.monitoringTypeRequired',
        error_key = 'monitoringType'
      from ledger_households h
      where s.chunk = $1 and s.status = 'pending' and h.household_id is null and h.category = 'monitored'
        and h.monitoring_type is null and h.village_code = s.village_code and h.household_no = s.household_no`,

    /**
     * New households: ids drawn from the table's sequence first, so the rows can be matched to them
     * by primary key (a join back on the new rows' values has no statistics and plans badly).
     */
    createHouseholds: [
      `update ledger_households h set household_id = nextval(pg_get_serial_sequence('households', 'id')), created = true
        where h.household_id is null
          and exists (select 1 from ledger_rows s where s.status = 'pending' and s.village_code = h.village_code
                        and s.household_no = h.household_no)`,
      `insert into households (id, village_code, household_no, category, monitoring_type, relocation, resettlement_site, address)
        select h.household_id, h.village_code, h.household_no, h.category,
          case when h.category = 'monitored' then h.monitoring_type end, coalesce(h.relocation, 'none'),
          h.resettlement_site, h.address
        from ledger_households h
        where h.created and not h.checked
        order by h.first_row`,
      `insert into audit_events (actor_id, action, entity_type, entity_id, region_code, after, note)
        select ${actor}, 'household.create', 'household', h.household_id::text, h.village_code,
          jsonb_build_object('villageCode', h.village_code, 'householdNo', h.household_no, 'category', h.category,
            'monitoringType', case when h.category = 'monitored' then h.monitoring_type end,
            'relocation', coalesce(h.relocation, 'none'), 'resettlementSite', h.resettlement_site, 'address', h.address),
          ${note} || ' 第 ' || h.first_row || ' 行'
        from ledger_households h
        where h.created and not h.checked`,
      `update ledger_households set checked = true where created and not checked`,
    ],

    updateHouseholds: `with cur as (
        select x.*, h.first_row,
          ${householdColumns.map((c) => `${householdValue(c.column, c.key, `x.${c.column}`)} as n_${c.column}`).join(', ')}
        from ledger_households h join households x on x.id = h.household_id
        where not h.created and not h.checked
          and exists (select 1 from ledger_rows s where s.status = 'pending' and s.household_id = h.household_id)
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

    attachNewHouseholds: `update ledger_rows s set household_id = h.household_id
      from ledger_households h
      where s.status = 'pending' and s.household_id is null and h.household_id is not null
        and h.village_code = s.village_code and h.household_no = s.household_no`,

    /** New people: ids from the sequence first (see createHouseholds), then one insert and their audit events. */
    insertPersons: [
      `update ledger_rows s set person_id = nextval(pg_get_serial_sequence('persons', 'id')), status = 'creating'
        where s.status = 'pending' and s.person_id is null and s.household_id is not null`,
      `insert into persons (id, household_id, village_code, id_number, ${personColumns.map((c) => c.column).join(', ')})
        select s.person_id, s.household_id, x.village_code, s.id_number,
          ${personColumns.map((c) => newValue(c, c.insertDefault)).join(', ')}
        from ledger_rows s join households x on x.id = s.household_id
        where s.status = 'creating' order by s.row_no`,
      `insert into audit_events (actor_id, action, entity_type, entity_id, region_code, note)
        select ${actor}, 'person.create', 'person', s.person_id::text, x.village_code, ${note} || ' 第 ' || s.row_no || ' 行'
        from ledger_rows s join households x on x.id = s.household_id
        where s.status = 'creating' order by s.row_no`,
      `update ledger_rows set status = 'created' where status = 'creating'`,
    ],

    updatePersons: `with cur as (
        select s.row_no, p.*, ${personColumns.map((c) => `${newValue(c, `p.${c.column}`)} as n_${c.column}`).join(', ')}
        from ledger_rows s join persons p on p.id = s.person_id
        where s.status = 'pending' and s.person_id is not null
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
      update ledger_rows s set status = case when exists (select 1 from changed c where c.row_no = s.row_no)
          then 'updated' else 'unchanged' end
      from cur where s.row_no = cur.row_no`,

    /** Rows of the chunk refused by the statements above, with what to tell the office. */
    chunkRejections: `select row_no as "rowNo", error_code as code, error_key as key, error_params as params
      from ledger_rows
      where chunk = $1 and status = 'rejected' and error_code is not null and error_code <> 'ledger.duplicateInFile'
      order by row_no`,

    // ---- end of the file

    /** Rows still waiting for a household nobody stated: a new household needs its category. */
    unstatedHouseholds: `update ledger_rows set status = 'rejected', error_code = 'ledger.requiredForNew', error_key = 'category'
      where status = 'pending' returning row_no as "rowNo"`,

    duplicateGroups: `select id_number as "idNumber", array_agg(row_no order by row_no) as rows
      from ledger_rows
      where id_number in (select id_number from ledger_rows where error_code = 'ledger.duplicateInFile')
      group by id_number order by min(row_no)`,

    /**
     * Households where this import made the number of heads other than one or of spouses above one
     * (new households, new members, changed relations); households already in that state and only
     * touched otherwise are left alone.
     */
    headProblems: `with touched as (
        select distinct s.household_id from ledger_rows s
        left join ledger_person_undo u on u.row_no = s.row_no
        where s.status = 'created' or (s.status = 'updated' and ${
          ctx.present.has('relationToHead')
            ? 'u.relation_to_head is distinct from s.relation_to_head'
            : 'false'
        })
      )
      -- One index lookup per household: planner statistics of persons predate this transaction's rows.
      select t.household_id as "householdId", c.heads, c.spouses
      from touched t cross join lateral (
        select count(*) filter (where p.relation_to_head = 'head') as heads,
          count(*) filter (where p.relation_to_head = 'spouse') as spouses
        from persons p where p.household_id = t.household_id and p.deleted_at is null
      ) c
      where c.heads <> 1 or c.spouses > 1`,

    appliedRowsOf: `select row_no as "rowNo" from ledger_rows
      where household_id = any($1::bigint[]) and status in ${applied} order by row_no`,

    /** Takes back what the rows in ledger_undo did: deletes created people, restores updated ones. */
    undo: [
      `delete from audit_events a using ledger_rows s, ledger_undo u
        where u.row_no = s.row_no and s.status in ('created', 'updated') and a.entity_type = 'person'
          and a.entity_id = s.person_id::text and a.at = now() and a.action in ('person.create', 'person.update')`,
      `delete from persons p using ledger_rows s, ledger_undo u
        where u.row_no = s.row_no and s.status = 'created' and p.id = s.person_id`,
      `update persons p set (${personColumns.map((c) => c.column).join(', ')}, updated_at, version) =
          (${personColumns.map((c) => `b.${c.column}`).join(', ')}, b.updated_at, b.version)
        from ledger_person_undo b join ledger_undo u on u.row_no = b.row_no
        where p.id = b.id`,
      `create temp table ledger_undo_households on commit drop as
        select distinct s.household_id from ledger_rows s join ledger_undo u on u.row_no = s.row_no
        where s.household_id is not null`,
      `update ledger_rows s set status = 'rejected' from ledger_undo u where u.row_no = s.row_no`,
      // Households left without a row of this import go back to how they were.
      `delete from ledger_undo_households t
        where exists (select 1 from ledger_rows s where s.household_id = t.household_id and s.status in ${applied})`,
      `delete from audit_events a using ledger_undo_households t, ledger_households h
        where h.household_id = t.household_id and (h.created or h.updated) and a.entity_type = 'household'
          and a.entity_id = t.household_id::text and a.at = now() and a.action in ('household.create', 'household.update')`,
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
        count(*) filter (where status = 'created') as created,
        count(*) filter (where status = 'updated' or (status = 'unchanged'
          and household_id in (select household_id from ledger_households where updated))) as updated,
        count(*) filter (where status = 'unchanged'
          and household_id not in (select household_id from ledger_households where updated and household_id is not null)) as unchanged,
        (select count(*) from ledger_households where created) as "householdsCreated",
        (select count(*) from ledger_households where updated) as "householdsUpdated"
      from ledger_rows`,
  };
}

export type ImportStatements = ReturnType<typeof importStatements>;

/** Runs the statements of one chunk on the import's connection; returns the rows they refused. */
export async function applyChunk(
  realLoader: BulkLoader,
  statements: ImportStatements,
  chunk: number,
  checkStored: ((rows: Record<string, unknown>[]) => number[]) | null,
): Promise<SqlRejection[]> {
  const loader: BulkLoader = {
    copy: realLoader.copy,
    execute: async (q, p) => {
      const t = Date.now();
      const r = await realLoader.execute(q, p);
      process.stderr.write(`  ${chunk} ${q.slice(0, 50).replace(/\s+/g, ' ')} ${Date.now() - t}ms\n`);
      return r;
    },
  };
  const run = (sqlText: string | null) =>
    sqlText ? loader.execute(sqlText, [chunk]) : Promise.resolve(null);
  // Temporary tables get no statistics from autovacuum; without them the joins below plan badly.
  if (chunk === 1 || chunk % 10 === 0) await loader.execute('analyze ledger_rows');
  await run(statements.duplicates);
  await run(statements.attachPersons);
  await run(statements.outsideScope);
  await run(statements.attachHouseholds);
  await run(statements.otherHousehold);
  await run(statements.keepHousehold);
  await run(statements.noHousehold);
  await run(statements.requiredForNew);
  if (checkStored) {
    const stored = await loader.execute(statements.storedForChecks, [chunk]);
    const refused = checkStored(stored.rows);
    if (refused.length > 0) await loader.execute(statements.rejectRows, [refused]);
  }
  await run(statements.establishHouseholds);
  await run(statements.householdDiffers);
  if (chunk === 1 || chunk % 10 === 0) await loader.execute('analyze ledger_households');
  await loader.execute(statements.attachKnownHouseholds);
  await run(statements.typeMissing);
  for (const statement of statements.createHouseholds) await loader.execute(statement);
  await loader.execute(statements.updateHouseholds);
  await loader.execute(statements.attachNewHouseholds);
  for (const statement of statements.insertPersons) await loader.execute(statement);
  await loader.execute(statements.updatePersons);
  const rejected = await loader.execute(statements.chunkRejections, [chunk]);
  return rejected.rows as unknown as SqlRejection[];
}

/** Takes back the effect of applied rows (duplicates found later, households left without one head). */
export async function undoRows(loader: BulkLoader, statements: ImportStatements, rows: readonly number[]) {
  if (rows.length === 0) return;
  await loader.execute('truncate ledger_undo');
  await loader.execute('insert into ledger_undo select unnest($1::int[]) on conflict do nothing', [rows]);
  for (const statement of statements.undo) await loader.execute(statement);
}

export type StagedRow = CopyRow;

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
export interface ExportRow {
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
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'M' | 'F';
  relationToHead: string;
  phone: string | null;
  education: string | null;
  labourAbility: string;
  health: string;
  disabilityGrade: number | null;
  skills: string[];
  wantsWork: boolean;
  wantsTraining: boolean;
  workAwayWillingness: string;
  employmentStatus: string;
  employmentForm: string | null;
  workLocation: string | null;
  workplace: string | null;
  employer: string | null;
  employmentStart: string | null;
  monthlyIncome: number | null;
  notWorkingReason: string | null;
  organizedByCooperation: boolean;
  cooperationName: string | null;
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

    listForUser(userId: number) {
      return db
        .selectFrom('ledgerImports')
        .select(['id', 'fileName', 'format', 'status', 'regionCode', 'createdAt', 'importedAt', 'error'])
        .where('userId', '=', userId)
        .orderBy('id', 'desc')
        .limit(50)
        .execute();
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

export const insertFinishedImportSql = `insert into ledger_imports (user_id, region_code, file_name, file_sha256,
  file_size, format, status, preview, report, imported_at)
  values ($1, $2, $3, $4, $5, $6, 'imported', $7::jsonb, $8::jsonb, now()) returning id`;
