// The ledger import benchmark (docs/benchmarks.md, issue 4): a realistic ledger of N people over real
// villages (the demo generator) written as .csv and as .xlsx, then for each file
//   - parse only: the reader alone (openLedgerSheet + ledgerDataRows), the parse limit;
//   - parse + row checks: the reader and mapRow (the registry's rules), still no database;
//   - the import end to end: the real CLI (`bangfu import ledger FILE --json`) into a fresh PostgreSQL
//     server database, one transaction, audit events and all;
// and beside them `psql \copy` of the very same households and people into a fresh database with the
// same schema (the floor). Every measured step runs in a process of its own whose resident memory is
// sampled from /proc every 100 ms, and which reports process.resourceUsage().maxRSS at exit.
//
//   npm run bench:ledger                              1,000,000 rows, csv and xlsx
//   node dist/bench/ledger.bench.js --help            every option
//
// Not a test: nothing here runs in `npm test`. Wrap full-scale runs in `flock /tmp/bangfu-bench.lock`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { writeDemoLedger } from '../demo/demo.ledger.js';
import { spreadEvenly, villagesBelow } from '../demo/demo.loader.js';
import { mapRow } from '../modules/ledger/ledger.rules.js';
import { ledgerDataRows, openLedgerSheet } from '../modules/ledger/ledger.sheet.js';
import { syncRegions } from '../modules/regions/regions.repository.js';
import { localDay } from '../shared/dates.js';
import {
  adminQuery,
  householdColumnList,
  mb,
  personColumnList,
  positiveInteger,
  psql,
  recreateServerDatabase,
  thousands,
  withDatabase,
} from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

type Format = 'csv' | 'xlsx';

interface Options {
  rows: number;
  formats: Format[];
  seed: number;
  region: string;
  serverUrl: string;
  database: string;
  work: string;
  keepFiles: boolean;
  floor: boolean;
  parse: boolean;
  trace: boolean;
  /** Runs of every measured step; the median is reported. */
  repeat: number;
  json: string | undefined;
}

const usage = `node dist/bench/ledger.bench.js [options]      (npm run bench:ledger = compile, then this)

  --rows N            ledger rows (people)                       BENCH_ROWS        1000000
  --formats LIST      csv,xlsx or one of them                    BENCH_FORMATS     csv,xlsx
  --seed N            population seed                            BENCH_SEED        2026
  --region CODE       province (or city) whose villages fill     BENCH_REGION      130000000000 (河北省)
  --server-url URL    PostgreSQL server                          BENCH_SERVER_URL  postgres://postgres@127.0.0.1:5432/postgres
  --database NAME     database created, used and dropped there   BENCH_DATABASE    bangfu_bench_ledger
  --work DIR          where the ledger files are written (kept    BENCH_WORK        $TMPDIR/bangfu-bench-ledger
                      between runs with --keep-files and reused)
  --keep-files        keep the generated files for the next run
  --no-floor          skip the psql \\copy floor
  --no-parse          skip the parse-only and parse + checks runs
  --trace             BANGFU_LEDGER_TRACE=1: time per import statement, summed
  --repeat N          run every measured step N times (a fresh    BENCH_REPEAT      1
                      database each) and report the median run
  --json FILE         also write the results as JSON
`;

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      formats: { type: 'string' },
      seed: { type: 'string' },
      region: { type: 'string' },
      'server-url': { type: 'string' },
      database: { type: 'string' },
      work: { type: 'string' },
      'keep-files': { type: 'boolean' },
      'no-floor': { type: 'boolean' },
      'no-parse': { type: 'boolean' },
      trace: { type: 'boolean' },
      repeat: { type: 'string' },
      json: { type: 'string' },
      child: { type: 'string' },
      file: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const env = process.env;
  const formats = (values.formats ?? env.BENCH_FORMATS ?? 'csv,xlsx')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const f of formats) if (f !== 'csv' && f !== 'xlsx') throw new Error(`unknown format: ${f}`);
  const region = values.region ?? env.BENCH_REGION ?? '130000000000';
  if (!/^\d{12}$/.test(region)) throw new Error(`--region must be a 12-digit region code: ${region}`);
  const database = values.database ?? env.BENCH_DATABASE ?? 'bangfu_bench_ledger';
  if (!/^[a-z_][a-z0-9_]*$/.test(database))
    throw new Error(`--database: a plain lower-case name: ${database}`);
  const options: Options = {
    rows: positiveInteger('--rows', values.rows ?? env.BENCH_ROWS, 1_000_000),
    formats: formats as Format[],
    seed: positiveInteger('--seed', values.seed ?? env.BENCH_SEED, 2026),
    region,
    serverUrl: values['server-url'] ?? env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    database,
    work: path.resolve(values.work ?? env.BENCH_WORK ?? path.join(tmpdir(), 'bangfu-bench-ledger')),
    keepFiles: values['keep-files'] ?? false,
    floor: !values['no-floor'],
    parse: !values['no-parse'],
    trace: values.trace ?? false,
    repeat: positiveInteger('--repeat', values.repeat ?? env.BENCH_REPEAT, 1),
    json: values.json,
  };
  return { options, child: values.child, file: values.file, format: values.format as Format | undefined };
}

// ---------------------------------------------------------------------------------------------------
// Figures

interface Step {
  seconds: number;
  rows: number;
  rowsPerSecond: number;
  /** Highest VmRSS sampled every 100 ms from /proc. */
  sampledPeakMb: number;
  /** process.resourceUsage().maxRSS of the process, at its exit (on Linux at least the spawner's RSS). */
  maxRssMb: number;
  /** The kernel's high-water mark of the process's own resident memory (VmHWM), at its exit. */
  hwmMb: number;
  /** CPU time of the process (user + system). */
  cpuSeconds: number;
  /** 1-minute load average at the start and at the end. */
  load: [number, number];
  /** Wall time of every run (--repeat), in the order run; the step is the median one. */
  runs: number[];
}

interface ImportStep extends Step {
  report: { rows: number; created: number; updated: number; unchanged: number; rejected: number };
  households: number;
  auditEvents: number;
  databaseMb: number;
  /** --trace: milliseconds per statement kind, summed over the chunks. */
  trace?: { statement: string; ms: number; count: number }[];
}

interface FormatResult {
  format: Format;
  fileMb: number;
  generateSeconds: number | null;
  parse?: Step;
  parseChecks?: Step;
  import: ImportStep;
}

interface Floor {
  householdsSeconds: number;
  personsSeconds: number;
  seconds: number;
  rowsPerSecond: number;
  load: [number, number];
  runs: number[];
}

/**
 * Runs a measured step `times` times and keeps the median run, with the wall time of every run: on
 * this machine the same million-row import has taken 79 s and 94 s minutes apart, so one run can
 * decide a target by chance.
 */
async function medianRun<T extends { seconds: number; runs: number[] }>(
  times: number,
  run: () => Promise<T>,
): Promise<{ median: T; all: T[] }> {
  const all: T[] = [];
  for (let attempt = 1; attempt <= times; attempt++) all.push(await run());
  const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as T;
  return { median: { ...median, runs: all.map((r) => r.seconds) }, all };
}

/** medianRun for a step whose memory is measured: the highest peak of any run is the one reported. */
async function medianStep<T extends Step>(times: number, run: () => Promise<T>): Promise<T> {
  const { median, all } = await medianRun(times, run);
  const highest = (pick: (x: Step) => number) => Math.max(...all.map(pick));
  return {
    ...median,
    sampledPeakMb: highest((x) => x.sampledPeakMb),
    hwmMb: highest((x) => x.hwmMb),
    maxRssMb: highest((x) => x.maxRssMb),
  };
}

const load1 = () => Number((loadavg()[0] ?? 0).toFixed(2));
const log = (line: string) => process.stderr.write(`[ledger bench] ${line}\n`);

/** A fresh database on the server, migrated and with the region tree, as `bangfu migrate` leaves it. */
async function freshDatabase(options: Options, name: string): Promise<string> {
  await recreateServerDatabase(options.serverUrl, name);
  const url = withDatabase(options.serverUrl, name);
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    await migrateToLatest(database.db as never);
    await syncRegions(database);
    await sql`checkpoint`.execute(database.db);
  } finally {
    await database.close();
  }
  return url;
}

/** Resident set of a process now, in MB, from /proc (0 once it is gone). */
function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds of a process so far (user + system), from /proc (clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return -1;
  }
}

interface Measured {
  seconds: number;
  sampledPeakMb: number;
  maxRssMb: number;
  hwmMb: number;
  cpuSeconds: number;
  load: [number, number];
  stdout: string;
  traceLines: string[];
}

/**
 * Runs `node [--import maxrss] args…` and measures it: wall time, RSS sampled every 100 ms, maxRSS
 * at exit, CPU time. Its stderr goes to ours, except trace lines, which are collected.
 */
function measure(args: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  const maxRssFile = path.join(tmpdir(), `bangfu-bench-maxrss-${process.pid}-${Date.now()}`);
  return new Promise((resolve, reject) => {
    const loadStart = load1();
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', path.join(here, 'maxrss.js'), ...args], {
      cwd: root,
      env: { ...process.env, ...env, BENCH_MAXRSS_FILE: maxRssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid ?? 0;
    let peak = 0;
    let cpu = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, rssOf(pid));
      const c = cpuOf(pid);
      if (c >= 0) cpu = c;
    }, 100);
    let stdout = '';
    let pending = '';
    const traceLines: string[] = [];
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('[trace]')) traceLines.push(line);
        else if (/Reading: [\d,]+ 行/.test(line)) {
          // Progress: one line in ten is enough in the log.
          if (Math.random() < 0.1) process.stderr.write(`  ${line}\n`);
        } else process.stderr.write(`  ${line}\n`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`node ${args.join(' ')} exited with ${code ?? signal}`));
        return;
      }
      let maxRssMb = 0;
      let hwmMb = 0;
      try {
        const r = JSON.parse(readFileSync(maxRssFile, 'utf8')) as { maxRssKb: number; hwmKb: number };
        maxRssMb = r.maxRssKb / 1024;
        hwmMb = r.hwmKb / 1024;
        rmSync(maxRssFile, { force: true });
      } catch {
        // no report: leave 0
      }
      resolve({
        seconds,
        sampledPeakMb: Math.round(peak),
        maxRssMb: Math.round(maxRssMb),
        hwmMb: Math.round(hwmMb),
        cpuSeconds: cpu,
        load: [loadStart, load1()],
        stdout,
        traceLines,
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// The ledger files

/**
 * Writes the file in a child process: exceljs keeps much of a large workbook's memory, and on Linux a
 * child's maxRSS starts at its parent's RSS, so the measuring parent must stay small.
 */
async function generate(options: Options, format: Format, file: string): Promise<number | null> {
  const marker = `${file}.rows`;
  if (options.keepFiles && existsSync(file) && existsSync(marker)) {
    log(`reusing ${file}`);
    return null;
  }
  const started = performance.now();
  await measure(
    [
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
      '--child',
      'generate',
      '--file',
      file,
      '--format',
      format,
    ],
    {},
  );
  return (performance.now() - started) / 1000;
}

async function childGenerate(options: Options, format: Format, file: string) {
  const url = await freshDatabase(options, options.database);
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    const all = await villagesBelow(database, options.region);
    // About 60 households per village, as the registry benchmark spreads them.
    const households = Math.ceil(options.rows / 2.9);
    const villages = spreadEvenly(all, Math.ceil(households / 60));
    const names = new Map(
      (
        await database.db
          .selectFrom('regions')
          .select(['code', 'name'])
          .where('level', 'in', [3, 4])
          .where('code', 'like', `${options.region.replace(/(00)+$/, '')}%`)
          .execute()
      ).map((r) => [r.code, r.name]),
    );
    log(`writing ${thousands(options.rows)} rows as ${format} over ${thousands(villages.length)} villages…`);
    const started = performance.now();
    const temporary = `${file}.partial`;
    const written = await writeDemoLedger(temporary, {
      format,
      households,
      seed: options.seed,
      today: localDay(new Date()),
      villages,
      maxRows: options.rows,
      placeOf: (code) => ({
        county: names.get(`${code.slice(0, 6)}000000`) ?? '',
        town: names.get(`${code.slice(0, 9)}000`) ?? '',
      }),
    });
    if (written !== options.rows) throw new Error(`wrote ${written} rows, not ${options.rows}`);
    renameSync(temporary, file);
    writeFileSync(`${file}.rows`, String(written));
    const seconds = (performance.now() - started) / 1000;
    log(`  ${file}: ${mb(statSync(file).size)} MB in ${seconds.toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Children: parse only, parse + checks

async function childParse(file: string, checks: boolean) {
  const { source, layout } = await openLedgerSheet(file);
  const context = { today: localDay(new Date()), maxMonthlyIncome: 100_000 };
  let rows = 0;
  let problems = 0;
  try {
    for await (const batch of ledgerDataRows(source, layout)) {
      rows += batch.length;
      if (checks) for (const row of batch) problems += mapRow(row, layout, context).problems.length;
    }
  } finally {
    await source.close();
  }
  process.stdout.write(`${JSON.stringify({ rows, problems })}\n`);
}

async function parseStep(format: Format, file: string, checks: boolean): Promise<Step> {
  log(`${format}: ${checks ? 'parse + row checks' : 'parse only'}…`);
  const m = await measure(
    [fileURLToPath(import.meta.url), '--child', checks ? 'checks' : 'parse', '--file', file],
    {},
  );
  const { rows, problems } = JSON.parse(m.stdout.trim().split('\n').at(-1) ?? '{}') as {
    rows: number;
    problems: number;
  };
  if (checks && problems > 0) throw new Error(`the generated ledger has ${problems} problems`);
  const step = stepOf(m, rows);
  log(`  ${s1(step)}`);
  return step;
}

function stepOf(m: Measured, rows: number): Step {
  return {
    seconds: m.seconds,
    rows,
    rowsPerSecond: rows / m.seconds,
    sampledPeakMb: m.sampledPeakMb,
    maxRssMb: m.maxRssMb,
    hwmMb: m.hwmMb,
    cpuSeconds: m.cpuSeconds,
    load: m.load,
    runs: [m.seconds],
  };
}

// ---------------------------------------------------------------------------------------------------
// The import, as the CLI does it

function summariseTrace(lines: string[]) {
  const sums = new Map<string, { ms: number; count: number }>();
  for (const line of lines) {
    const m = /\[trace\] (\d+) ms (.*)$/.exec(line);
    if (!m) continue;
    const what = (m[2] ?? '')
      .replace(/^copy (\S+) \d+/, 'copy $1')
      .replace(/\s+/g, ' ')
      .slice(0, 60);
    const entry = sums.get(what) ?? { ms: 0, count: 0 };
    entry.ms += Number(m[1]);
    entry.count++;
    sums.set(what, entry);
  }
  return [...sums.entries()].map(([statement, v]) => ({ statement, ...v })).sort((a, b) => b.ms - a.ms);
}

async function importStep(options: Options, format: Format, file: string): Promise<ImportStep> {
  log(`${format}: fresh database ${options.database}…`);
  const url = await freshDatabase(options, options.database);
  log(`${format}: bangfu import ledger ${path.basename(file)} --json (load average ${load1()})…`);
  const m = await measure([path.join(root, 'bin/bangfu.js'), 'import', 'ledger', file, '--json'], {
    DATABASE_URL: url,
    ...(options.trace ? { BANGFU_LEDGER_TRACE: '1' } : {}),
  });
  const report = JSON.parse(m.stdout) as ImportStep['report'];
  if (report.rows !== options.rows || report.created !== options.rows || report.rejected !== 0)
    throw new Error(`unexpected import report: ${JSON.stringify({ ...report, errors: undefined })}`);
  const counts = await adminQuery(
    url,
    `select (select count(*) from persons) as persons, (select count(*) from households) as households,
      (select count(*) from audit_events) as audit, pg_database_size(current_database()) as bytes`,
  );
  const c = counts.rows[0] as { persons: string; households: string; audit: string; bytes: string };
  if (Number(c.persons) !== options.rows) throw new Error(`${c.persons} people in the database`);
  const step: ImportStep = {
    ...stepOf(m, report.rows),
    report: {
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected,
    },
    households: Number(c.households),
    auditEvents: Number(c.audit),
    databaseMb: mb(Number(c.bytes)),
    ...(options.trace ? { trace: summariseTrace(m.traceLines) } : {}),
  };
  log(
    `${format}: imported ${thousands(step.rows)} rows in ${step.seconds.toFixed(1)} s ` +
      `(${thousands(step.rowsPerSecond)} rows/s), peak RSS ${step.sampledPeakMb} MB sampled / ` +
      `${step.hwmMb} MB VmHWM / ${step.maxRssMb} MB maxRSS, Node CPU ${step.cpuSeconds.toFixed(1)} s, load ${step.load.join(' → ')}`,
  );
  if (step.trace) {
    for (const t of step.trace.slice(0, 14))
      log(`    ${(t.ms / 1000).toFixed(1).padStart(7)} s  ×${String(t.count).padStart(4)}  ${t.statement}`);
  }
  return step;
}

// ---------------------------------------------------------------------------------------------------
// The floor: psql \copy of the same rows

/** Exports what the import wrote, then times \copy of it into a fresh database with the same schema. */
async function floorStep(options: Options): Promise<Floor> {
  const url = withDatabase(options.serverUrl, options.database);
  const households = path.join(options.work, 'floor-households.csv');
  const persons = path.join(options.work, 'floor-persons.csv');
  log('\\copy floor: exporting the imported households and people…');
  await psql(
    url,
    `\\copy (select ${householdColumnList.join(', ')} from households order by id) to '${households}' csv`,
  );
  await psql(
    url,
    `\\copy (select ${personColumnList.join(', ')} from persons order by id) to '${persons}' csv`,
  );
  try {
    const { median } = await medianRun(options.repeat, async () => {
      const floorUrl = await freshDatabase(options, options.database);
      const loadStart = load1();
      log(`\\copy floor: psql \\copy into a fresh ${options.database} (load average ${loadStart})…`);
      const householdsSeconds = await psql(
        floorUrl,
        `\\copy households (${householdColumnList.join(', ')}) from '${households}' csv`,
      );
      const personsSeconds = await psql(
        floorUrl,
        `\\copy persons (${personColumnList.join(', ')}) from '${persons}' csv`,
      );
      const seconds = householdsSeconds + personsSeconds;
      const floor: Floor = {
        householdsSeconds,
        personsSeconds,
        seconds,
        rowsPerSecond: options.rows / seconds,
        load: [loadStart, load1()],
        runs: [seconds],
      };
      log(
        `\\copy floor: ${seconds.toFixed(1)} s (households ${householdsSeconds.toFixed(1)} s + people ` +
          `${personsSeconds.toFixed(1)} s), ${thousands(floor.rowsPerSecond)} rows/s`,
      );
      return floor;
    });
    return median;
  } finally {
    rmSync(households, { force: true });
    rmSync(persons, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// The table

function report(options: Options, results: FormatResult[], floor: Floor | undefined, totalSeconds: number) {
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
  const s = (n: number) => `${n.toFixed(1)} s`;
  // The median run, and with --repeat every run's wall time beside it.
  const wall = (x: { seconds: number; runs: number[] }, detail = '') =>
    `${s(x.seconds)}${detail}${x.runs.length > 1 ? ` (runs: ${x.runs.map((r) => r.toFixed(1)).join(', ')})` : ''}`;
  const memory = (x: Step) => `${x.sampledPeakMb} / ${x.hwmMb} / ${x.maxRssMb} MB`;
  const loads = (x: { load: [number, number] }) => `${x.load[0].toFixed(2)} → ${x.load[1].toFixed(2)}`;
  lines.push(
    `Ledger import benchmark: ${thousands(options.rows)} rows over the villages of ${options.region}, ` +
      `seed ${options.seed}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
      `${Math.round(totalSeconds)} s in all` +
      (options.repeat > 1 ? `, every step run ${options.repeat} times (the median run shown)` : ''),
    '',
  );
  row(
    'step',
    'wall time',
    'rows/s',
    'peak RSS: sampled / VmHWM / maxRSS',
    'CPU of the process',
    'load average start → end',
  );
  row('---', '---:', '---:', '---:', '---:', '---');
  if (floor)
    row(
      `psql \\copy of the same households + people (floor)`,
      wall(floor, ` (${s(floor.householdsSeconds)} + ${s(floor.personsSeconds)})`),
      thousands(floor.rowsPerSecond),
      '–',
      '–',
      loads(floor),
    );
  for (const r of results) {
    const step = (label: string, x: Step | undefined) => {
      if (!x) return;
      row(label, wall(x), thousands(x.rowsPerSecond), memory(x), s(x.cpuSeconds), loads(x));
    };
    step(`${r.format} (${r.fileMb} MB): parse only (reader)`, r.parse);
    step(`${r.format}: parse + row checks (no database)`, r.parseChecks);
    step(`${r.format}: import end to end (CLI)`, r.import);
  }
  lines.push('');
  row('target', 'figure', 'met?');
  row('---', '---', '---');
  for (const r of results) {
    const x = r.import;
    if (r.format === 'csv' && floor) {
      const share = x.rowsPerSecond / floor.rowsPerSecond;
      row('CSV import ≥ 40 % of `\\copy`', `${(share * 100).toFixed(0)} %`, share >= 0.4 ? 'yes' : '**no**');
    }
    if (r.format === 'xlsx' && r.parse) {
      const factor = x.seconds / r.parse.seconds;
      row('XLSX import ≤ 1.5 × parse only', `${factor.toFixed(2)} ×`, factor <= 1.5 ? 'yes' : '**no**');
    }
    const peak = Math.max(x.sampledPeakMb, x.hwmMb, x.maxRssMb);
    row(`${r.format.toUpperCase()} import peak memory < 500 MB`, `${peak} MB`, peak < 500 ? 'yes' : '**no**');
  }
  lines.push('');
  for (const r of results) {
    const x = r.import;
    lines.push(
      `${r.format}: ${thousands(x.report.created)} people and ${thousands(x.households)} households created, ` +
        `${thousands(x.auditEvents)} audit events, database ${x.databaseMb} MB after the import.`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const { options, child, file, format } = parseOptions(process.argv.slice(2));
  if (child === 'parse' || child === 'checks') {
    if (!file) throw new Error('--file is required');
    await childParse(file, child === 'checks');
    return;
  }
  if (child === 'generate') {
    if (!file || !format) throw new Error('--file and --format are required');
    await childGenerate(options, format, file);
    return;
  }
  const started = performance.now();
  mkdirSync(options.work, { recursive: true });
  const results: FormatResult[] = [];
  let floor: Floor | undefined;
  try {
    const files = new Map<Format, { file: string; generateSeconds: number | null }>();
    for (const format of options.formats) {
      const file = path.join(
        options.work,
        `ledger-${options.rows}-${options.seed}-${options.region}.${format}`,
      );
      files.set(format, { file, generateSeconds: await generate(options, format, file) });
    }
    for (const format of options.formats) {
      const { file, generateSeconds } = files.get(format) as { file: string; generateSeconds: number | null };
      const result: Partial<FormatResult> = { format, fileMb: mb(statSync(file).size), generateSeconds };
      if (options.parse) {
        result.parse = await medianStep(options.repeat, () => parseStep(format, file, false));
        result.parseChecks = await medianStep(options.repeat, () => parseStep(format, file, true));
      }
      result.import = await medianStep(options.repeat, () => importStep(options, format, file));
      // The floor right after the first import, from what that import wrote.
      if (options.floor && !floor) floor = await floorStep(options);
      results.push(result as FormatResult);
    }
  } finally {
    await adminQuery(options.serverUrl, `drop database if exists ${options.database} with (force)`).catch(
      () => undefined,
    );
    if (!options.keepFiles) rmSync(options.work, { recursive: true, force: true });
  }
  const totalSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`\n${report(options, results, floor, totalSeconds)}\n`);
  if (options.trace) {
    for (const r of results) {
      process.stdout.write(`\n${r.format}: time per import statement (BANGFU_LEDGER_TRACE), summed\n\n`);
      process.stdout.write('| statement | calls | seconds |\n| --- | ---: | ---: |\n');
      for (const t of r.import.trace?.slice(0, 20) ?? [])
        process.stdout.write(
          `| \`${t.statement.replaceAll('|', '\\|')}\` | ${t.count} | ${(t.ms / 1000).toFixed(1)} |\n`,
        );
    }
  }
  if (options.json) {
    writeFileSync(
      options.json,
      `${JSON.stringify({ date: new Date().toISOString(), options, totalSeconds, floor, results }, null, 2)}\n`,
    );
  }
}

function s1(x: Step) {
  return (
    `${thousands(x.rows)} rows in ${x.seconds.toFixed(1)} s (${thousands(x.rowsPerSecond)} rows/s), ` +
    `peak RSS ${x.sampledPeakMb} MB sampled / ${x.hwmMb} MB VmHWM / ${x.maxRssMb} MB maxRSS, load ${x.load.join(' → ')}`
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
