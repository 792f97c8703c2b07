// The monthly monitoring benchmark (docs/benchmarks.md, issue 5): a province's population with two
// years of monthly follow-ups on the PostgreSQL server, and a county's on PGlite, then what officials
// wait for, measured over HTTP against the real service (`bangfu serve`) in its own process:
//
//   (a) the statistics page of a region and month (GET /api/stats/monthly) at every level, random months
//   (b) "no change" for a village's month of ≥ 500 people in one action (POST …/confirm-unchanged)
//   (c) computing every warning of a month, county by county (POST /api/monitoring/warnings/compute)
//
//   npm run bench:monitoring                           both kinds at full scale (≈ 40 min on 2 cores)
//   node dist/bench/monitoring.bench.js --help         every option (also as BENCH_* variables)
//
// The data goes in through the application's own loaders: the demo population (COPY), the demo
// monitoring history (monitoring-history.ts simulates each county's months and streams them into
// COPY; each county's village-month figures are then refreshed set-based by the repository's
// refreshFigures, the statement every follow-up write runs), the registry brought up to the latest
// accepted month. Each database kind runs in its own child process; the service runs in another, so
// the measuring client never shares its event loop. Not a test: nothing here runs in `npm test`.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadDemoPopulation } from '../demo/demo.loader.js';
import { loadDemoMonitoring } from '../demo/demo.monitoring.js';
import { monthsUpTo } from '../demo/monitoring-history.js';
import { Rng } from '../demo/population.js';
import { systemActor } from '../modules/access/scope.js';
import type { Month } from '../modules/monitoring/monitoring.rules.js';
import { syncRegions } from '../modules/regions/regions.repository.js';
import { scopePrefix } from '../modules/regions/regions.rules.js';
import { settleRegionFigures } from '../modules/stats/stats.repository.js';
import { buildServices } from '../server/context.js';
import { localDay } from '../shared/dates.js';
import {
  adminQuery,
  type Latency,
  latency,
  mb,
  positiveInteger,
  recreateServerDatabase,
  thousands,
  withDatabase,
} from './support.js';

// ---------------------------------------------------------------------------------------------------
// Options

type Kind = 'pglite' | 'postgres';
const levels = ['province', 'city', 'county', 'town', 'village'] as const;
type Level = (typeof levels)[number];

interface Options {
  databases: Kind[];
  /** People loaded on the server, over the villages of `region`. */
  people: number;
  region: string;
  householdsPerVillage: number;
  /** People loaded on PGlite, over the villages of `county`. */
  countyPeople: number;
  county: string;
  months: number;
  seed: number;
  /** Villages of ≈ 500 people (163 households on average) loaded for (b), over `bigRegion`. */
  bigVillages: number;
  bigRegion: string;
  statsRequests: number;
  serverUrl: string;
  keep: boolean;
  /** Measure a database kept by an earlier run (--keep) instead of loading a new one. */
  reuse: boolean;
  /** Load and keep the database, measure nothing (then --reuse, e.g. under the benchmark lock). */
  loadOnly: boolean;
  json: string | undefined;
}

const usage = `node dist/bench/monitoring.bench.js [options]      (npm run bench:monitoring = build, then this)

  --databases LIST       postgres,pglite or one of them              BENCH_DATABASES      postgres,pglite
  --people N             people on the server (a province; 1,010,000 BENCH_PEOPLE         1010000
                         people make ≈ 24,000,000 follow-ups)
  --region CODE          the province whose villages they fill       BENCH_REGION         130000000000 (河北省)
  --households-per-village N   assisted households per village     BENCH_HPV            15
  --county-people N      people on PGlite (a county)                 BENCH_COUNTY_PEOPLE  100000
  --county CODE          the county whose villages they fill         BENCH_COUNTY         131127000000 (景县)
  --months N             months of follow-ups, ending this month     BENCH_MONTHS         24
  --seed N               population and history seed                 BENCH_SEED           2026
  --big-villages N       villages of ≈ 500 people for (b)            BENCH_BIG_VILLAGES   40
  --big-region CODE      where they are loaded (a county with no     BENCH_BIG_REGION     360730000000 (宁都县)
                         other people, so their month is open)
  --stats-requests N     statistics requests per level               BENCH_STATS_REQUESTS 100
  --server-url URL       PostgreSQL server; the bench re-creates     BENCH_SERVER_URL     postgres://postgres@127.0.0.1:5432/postgres
                         database bangfu_bench_monitoring there and drops it at the end
  --keep                 keep the databases (for profiling); a PGlite folder is kept as
                         $TMPDIR/bangfu-bench-monitoring-pglite
  --reuse                measure the database an earlier --keep run loaded (same options)
  --load-only            load and keep the database, measure nothing
  --json FILE            also write the results as JSON
`;

function parseOptions(argv: string[]): Options & { child: Kind | undefined } {
  const { values } = parseArgs({
    args: argv,
    options: {
      databases: { type: 'string' },
      people: { type: 'string' },
      region: { type: 'string' },
      'households-per-village': { type: 'string' },
      'county-people': { type: 'string' },
      county: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string' },
      'big-villages': { type: 'string' },
      'big-region': { type: 'string' },
      'stats-requests': { type: 'string' },
      'server-url': { type: 'string' },
      keep: { type: 'boolean' },
      reuse: { type: 'boolean' },
      'load-only': { type: 'boolean' },
      json: { type: 'string' },
      child: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const env = process.env;
  const integer = positiveInteger;
  const code = (name: string, value: string) => {
    if (!/^\d{12}$/.test(value)) throw new Error(`${name} must be a 12-digit region code: ${value}`);
    return value;
  };
  const databases = (values.databases ?? env.BENCH_DATABASES ?? 'postgres,pglite')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const d of databases)
    if (d !== 'pglite' && d !== 'postgres') throw new Error(`unknown database kind: ${d}`);
  return {
    databases: databases as Kind[],
    people: integer('--people', values.people ?? env.BENCH_PEOPLE, 1_010_000),
    region: code('--region', values.region ?? env.BENCH_REGION ?? '130000000000'),
    householdsPerVillage: integer(
      '--households-per-village',
      values['households-per-village'] ?? env.BENCH_HPV,
      15,
    ),
    countyPeople: integer('--county-people', values['county-people'] ?? env.BENCH_COUNTY_PEOPLE, 100_000),
    county: code('--county', values.county ?? env.BENCH_COUNTY ?? '131127000000'),
    months: integer('--months', values.months ?? env.BENCH_MONTHS, 24),
    seed: integer('--seed', values.seed ?? env.BENCH_SEED, 2026),
    bigVillages: integer('--big-villages', values['big-villages'] ?? env.BENCH_BIG_VILLAGES, 40),
    bigRegion: code('--big-region', values['big-region'] ?? env.BENCH_BIG_REGION ?? '360730000000'),
    statsRequests: integer('--stats-requests', values['stats-requests'] ?? env.BENCH_STATS_REQUESTS, 100),
    serverUrl: values['server-url'] ?? env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    keep: (values.keep ?? false) || (values['load-only'] ?? false),
    reuse: values.reuse ?? false,
    loadOnly: values['load-only'] ?? false,
    json: values.json,
    child: values.child as Kind | undefined,
  };
}

// ---------------------------------------------------------------------------------------------------
// Figures

interface Phase {
  seconds: number;
  /** 1-minute load average of the machine when the phase started. */
  loadAverage: number;
}

interface KindResult {
  kind: Kind;
  version: string;
  region: { code: string; name: string };
  population: Phase & { people: number; households: number; villages: number; labourers: number };
  bigVillages: Phase & { people: number; villages: number };
  history: Phase & { months: number; followUps: number; villageMonths: number; figureRows: number };
  vacuum: Phase;
  regionSums: Phase;
  sizes: { databaseMb: number; followUpsMb: number; followUpsIndexesMb: number };
  warnings: { first: WarningRun; again: WarningRun; vacuumSeconds: number | null };
  stats: { level: Level; regions: number; latency: Latency }[];
  statsAll: Latency;
  trend: Latency;
  confirm: { villages: number; minPeople: number; maxPeople: number; latency: Latency };
  confirmSmall: { villages: number; latency: Latency };
  peakRssMb: number;
}

interface WarningRun extends Phase {
  month: Month;
  people: number;
  raised: number;
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));

function log(kind: string, line: string) {
  process.stderr.write(`[${kind}] ${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T } & Phase> {
  const loadAverage = loadavg()[0] ?? 0;
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000, loadAverage };
}

// ---------------------------------------------------------------------------------------------------
// Databases

/** The server database the bench re-creates (BENCH_DATABASE_NAME to profile beside a kept one). */
const benchDatabase = process.env.BENCH_DATABASE_NAME || 'bangfu_bench_monitoring';

/** Where a kind's database lives: a server URL or a PGlite folder. */
interface Target {
  url?: string;
  dataDir?: string;
}

async function open(target: Target, poolSize = 4) {
  return openDatabase(target.url ? { url: target.url, poolSize } : { dataDir: target.dataDir });
}

// ---------------------------------------------------------------------------------------------------
// The service, in its own process: the real CLI (`bangfu serve`) over the loaded database.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startService(target: Target, logFile: string) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  delete env.BANGFU_DATA_DIR;
  if (target.url) env.DATABASE_URL = target.url;
  if (target.dataDir) env.BANGFU_DATA_DIR = target.dataDir;
  const child = spawn(process.execPath, [path.join(root, 'bin/bangfu.js'), 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(logFile);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const base = `http://127.0.0.1:${port}`;
  // Start-up runs pending migrations first, which on a kept province database can take minutes.
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bangfu serve exited (${child.exitCode}); see ${logFile}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`bangfu serve did not answer in 30 minutes; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid,
    async stop() {
      await stopChild(child);
      out.end();
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 15_000).unref();
  });
}

/** Peak RSS of a running process, from /proc (Linux), in MB. */
function peakRssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    return hwm ? Math.round(Number(hwm[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------------
// One database kind, in its own process

interface Account {
  username: string;
  password: string;
}

interface Samples {
  regions: Record<Level, string[]>;
  /** Each measured village with its own clerk, as a village clerk does it, and a month it has not recorded. */
  bigVillages: { code: string; people: number; month: Month; clerk: Account }[];
  smallVillages: { code: string; clerk: Account }[];
  months: Month[];
  /** The latest month without warnings yet (the latest month when every month has them). */
  warningsMonth: Month;
  /** An administrator of the province: statistics and warnings. */
  official: Account;
}

async function runKind(kind: Kind, options: Options): Promise<KindResult | undefined> {
  const folders: string[] = [];
  const cleanUp = async () => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    if (kind === 'postgres' && !options.keep)
      await adminQuery(options.serverUrl, `drop database if exists ${benchDatabase} with (force)`).catch(
        () => undefined,
      );
  };
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });
  const region = kind === 'postgres' ? options.region : options.county;
  const people = kind === 'postgres' ? options.people : options.countyPeople;
  const today = localDay(new Date());
  const months = monthsUpTo(today, options.months);
  const target: Target = {};
  if (kind === 'postgres') {
    if (!options.reuse) {
      log(kind, `re-creating database ${benchDatabase}`);
      await recreateServerDatabase(options.serverUrl, benchDatabase);
    }
    target.url = withDatabase(options.serverUrl, benchDatabase);
  } else {
    const kept = path.join(tmpdir(), 'bangfu-bench-monitoring-pglite');
    if (options.keep || options.reuse) {
      if (!options.reuse) rmSync(kept, { recursive: true, force: true });
      target.dataDir = kept;
    } else {
      target.dataDir = mkdtempSync(path.join(tmpdir(), 'bangfu-bench-monitoring-'));
      folders.push(target.dataDir);
    }
    log(kind, `PGlite in ${target.dataDir}`);
  }
  const logFolder = mkdtempSync(path.join(tmpdir(), 'bangfu-bench-monitoring-log-'));
  try {
    let database: Database = await open(target);
    await migrateToLatest(database.db as never);
    await syncRegions(database);
    const version = String(
      (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db)).rows[0]
        ?.v,
    );
    const regionName =
      (await database.db.selectFrom('regions').select('name').where('code', '=', region).executeTakeFirst())
        ?.name ?? region;

    let loaded: Loaded;
    if (options.reuse) {
      const kept = await sql<{ result: Loaded }>`select result from bench_load`.execute(database.db);
      const row = kept.rows[0];
      if (!row) throw new Error('--reuse: this database holds no load of an earlier run');
      loaded = row.result;
      log(kind, `reusing the load of ${loaded.date}: ${thousands(loaded.history.followUps)} follow-ups`);
    } else {
      loaded = await loadAll(kind, database, options, region, regionName, people, today, months);
      await sql`create table bench_load (result jsonb not null)`.execute(database.db);
      await sql`insert into bench_load values (${JSON.stringify(loaded)}::jsonb)`.execute(database.db);
    }
    // Every region's month sums, as the demo loader leaves them (on a database loaded before
    // migration 0006, all of them are pending: the first settle sums the whole history).
    log(kind, 'region sums: settling every month…');
    const regionSums = await timed(async () => {
      await settleRegionFigures(database.db, months);
      await sql`vacuum (analyze) figures_pending, region_month_figures, village_households, village_open_warnings`.execute(
        database.db,
      );
    });
    log(kind, `  ${regionSums.seconds.toFixed(1)} s`);
    if (options.loadOnly) {
      await database.close();
      log(kind, 'loaded and kept (--load-only); measure with --reuse');
      return undefined;
    }

    const samples = await drawSamples(database, options, region, months);
    await database.close();

    // ---- the service in its own process; the measurements over HTTP -------------------------------
    const service = await startService(target, path.join(logFolder, 'serve.log'));
    log(kind, `bangfu serve (pid ${service.pid}) on ${service.base}`);
    let measured: Awaited<ReturnType<typeof measure>>;
    let servicePeak = 0;
    try {
      measured = await measure(kind, service.base, samples, region, options, async () => {
        if (!target.url) return null;
        const started = performance.now();
        const side = await open(target, 1);
        try {
          await sql`vacuum (analyze) warnings, village_open_warnings`.execute(side.db);
        } finally {
          await side.close();
        }
        return (performance.now() - started) / 1000;
      });
      servicePeak = peakRssOf(service.pid);
    } finally {
      await service.stop();
    }

    database = await open(target);
    const finalSize = await sql<{ database: number }>`
      select pg_database_size(current_database()) as database`.execute(database.db);
    await database.close();
    return {
      kind,
      version,
      region: { code: region, name: regionName },
      ...loaded,
      regionSums: { seconds: regionSums.seconds, loadAverage: regionSums.loadAverage },
      sizes: { ...loaded.sizes, databaseMb: mb(Number(finalSize.rows[0]?.database ?? 0)) },
      ...measured,
      peakRssMb: Math.max(Math.round(process.resourceUsage().maxRSS / 1024), servicePeak),
    };
  } finally {
    await cleanUp();
    rmSync(logFolder, { recursive: true, force: true });
  }
}

/** What the loaders did, kept in the database (bench_load) so that --reuse can report it. */
interface Loaded {
  date: string;
  population: KindResult['population'];
  bigVillages: KindResult['bigVillages'];
  history: KindResult['history'];
  vacuum: Phase;
  sizes: KindResult['sizes'];
}

async function loadAll(
  kind: Kind,
  database: Database,
  options: Options,
  region: string,
  regionName: string,
  people: number,
  today: string,
  months: Month[],
): Promise<Loaded> {
  // ---- the population (registry loader, COPY in one transaction) ----------------------------------
  const households = Math.round(people / 3.07);
  log(
    kind,
    `population: ≈ ${thousands(people)} people as ${thousands(households)} households over ${regionName}…`,
  );
  const population = await timed(() =>
    loadDemoPopulation(database, {
      households,
      seed: options.seed,
      regionCode: region,
      householdsPerVillage: options.householdsPerVillage,
      today,
    }),
  );
  log(kind, `  ${thousands(population.value.persons)} people in ${population.seconds.toFixed(1)} s`);

  // ---- two years of follow-ups: the demo history, county by county ------------------------------
  log(kind, `history: ${options.months} months of follow-ups (${months[0]} to ${months.at(-1)})…`);
  let lastNote = 0;
  const history = await timed(() =>
    loadDemoMonitoring(database, {
      months: options.months,
      seed: options.seed,
      regionCode: region,
      today,
      onProgress: (done, total) => {
        if (performance.now() - lastNote < 30_000 && done < total) return;
        lastNote = performance.now();
        log(kind, `  ${done} / ${total} counties`);
      },
    }),
  );
  log(
    kind,
    `  ${thousands(history.value.followUps)} follow-ups in ${history.seconds.toFixed(0)} s ` +
      `(${thousands(history.value.followUps / history.seconds)}/s, figures and registry included)`,
  );

  // ---- villages of ≈ 500 people for (b), whose current month nobody has recorded yet -------------
  const bigHouseholds = Math.round((options.bigVillages * 500) / 3.07);
  log(kind, `big villages: ${options.bigVillages} villages, ${thousands(bigHouseholds)} households…`);
  const big = await timed(() =>
    loadDemoPopulation(database, {
      households: bigHouseholds,
      seed: options.seed + 1,
      regionCode: options.bigRegion,
      householdsPerVillage: Math.round(bigHouseholds / options.bigVillages),
      today,
    }),
  );

  // ---- statistics as autovacuum would leave them (PGlite has no autovacuum) -----------------------
  log(kind, 'vacuum (analyze)…');
  const vacuum = await timed(() => sql`vacuum (analyze)`.execute(database.db));
  log(kind, `  ${vacuum.seconds.toFixed(1)} s`);

  // (Result keys come back camelCased by the Kysely plugin.)
  const counts = await sql<{
    followUps: number;
    villageMonths: number;
    figures: number;
    labourers: number;
  }>`
    select (select count(*) from follow_ups) as follow_ups,
      (select count(*) from village_months) as village_months,
      (select count(*) from village_month_figures) as figures,
      (select sum(labourers) from village_month_figures where month = ${months.at(-2)}) as labourers`.execute(
    database.db,
  );
  const count = counts.rows[0];
  const sizes = await sql<{ database: number; table: number; indexes: number }>`
    select pg_database_size(current_database()) as database,
      pg_table_size('follow_ups') as table, pg_indexes_size('follow_ups') as indexes`.execute(database.db);
  const size = sizes.rows[0];
  log(
    kind,
    `database ${mb(Number(size?.database))} MB; follow_ups ${mb(Number(size?.table))} MB + indexes ` +
      `${mb(Number(size?.indexes))} MB`,
  );

  return {
    date: new Date().toISOString(),
    population: {
      seconds: population.seconds,
      loadAverage: population.loadAverage,
      people: population.value.persons,
      households: population.value.households,
      villages: population.value.villages,
      labourers: Number(count?.labourers ?? 0),
    },
    bigVillages: {
      seconds: big.seconds,
      loadAverage: big.loadAverage,
      people: big.value.persons,
      villages: big.value.villages,
    },
    history: {
      seconds: history.seconds,
      loadAverage: history.loadAverage,
      months: history.value.months,
      followUps: Number(count?.followUps ?? 0),
      villageMonths: Number(count?.villageMonths ?? 0),
      figureRows: Number(count?.figures ?? 0),
    },
    vacuum: { seconds: vacuum.seconds, loadAverage: vacuum.loadAverage },
    sizes: {
      databaseMb: mb(Number(size?.database)),
      followUpsMb: mb(Number(size?.table)),
      followUpsIndexesMb: mb(Number(size?.indexes)),
    },
  };
}

/** Regions at every level that have people, the big villages, small villages for comparison, and a login. */
async function drawSamples(database: Database, options: Options, region: string, months: Month[]) {
  const db = database.db;
  const rng = new Rng(options.seed, 0x6d6f_6e69);
  const prefix = scopePrefix(region);
  const villages = (
    await db
      .selectFrom('villageMonthFigures')
      .select('villageCode')
      .distinct()
      .where('villageCode', 'like', `${prefix}%`)
      .execute()
  ).map((r) => r.villageCode);
  const pick = (list: readonly string[], n: number) =>
    list.length <= n ? [...list] : Array.from({ length: n }, () => rng.pick(list));
  const distinct = (length: number, pad: number) => [
    ...new Set(villages.map((v) => v.slice(0, length) + '0'.repeat(pad))),
  ];
  const regions: Record<Level, string[]> = {
    province: [`${region.slice(0, 2)}0000000000`],
    city: distinct(4, 8),
    county: distinct(6, 6),
    town: distinct(9, 3),
    village: pick(villages, 2000),
  };
  const big = await sql<{ code: string; people: number }>`
    select village_code as code, count(*)::int as people from persons
    where village_code like ${`${scopePrefix(options.bigRegion)}%`} and deleted_at is null
    group by 1 having count(*) >= 500 order by 2 desc`.execute(db);
  const services = buildServices(database, { ...loadConfig({}), dataDir: 'memory://' });
  const password = `bench-${Math.random().toString(36).slice(2)}-Pw1`;
  let accounts = 0;
  const run = Date.now().toString(36);
  const account = async (regionCode: string, role: 'admin' | 'operator'): Promise<Account> => {
    const username = `bench_${run}_${++accounts}`;
    await services.access.createUser(systemActor(), {
      username,
      displayName: `基准测试 ${regionCode}`,
      password,
      role,
      regionCode,
    });
    return { username, password };
  };
  const official = await account(regions.province[0] as string, 'admin');
  // Villages of the province whose current month is still open: "no change" for a usual village.
  const open = await sql<{ code: string }>`
    select distinct f.village_code as code from village_month_figures f
    left join village_months m on m.village_code = f.village_code and m.month = ${months.at(-1)}
    where f.village_code like ${`${prefix}%`} and f.month = ${months.at(-2)}
      and coalesce(m.status, 'open') in ('open', 'returned')
      and not exists (select 1 from follow_ups x where x.month = ${months.at(-1)} and x.village_code = f.village_code)
    limit 200`.execute(db);
  // A month each big village has not recorded yet: the latest one on a first run, earlier on --reuse.
  const recorded = await sql<{ villageCode: string; month: Month }>`
    select distinct village_code, month from follow_ups
    where village_code like ${`${scopePrefix(options.bigRegion)}%`}`.execute(db);
  const done = new Set(recorded.rows.map((r) => `${r.villageCode}:${r.month}`));
  const bigVillages = [];
  for (const v of big.rows) {
    const month = [...months].reverse().find((m) => !done.has(`${v.code}:${m}`));
    if (month) bigVillages.push({ ...v, month, clerk: await account(v.code, 'operator') });
  }
  const warned = await sql<{ month: Month }>`
    select distinct month from warnings where village_code like ${`${prefix}%`}`.execute(db);
  const warnedMonths = new Set(warned.rows.map((r) => r.month));
  const warningsMonth = [...months].reverse().find((m) => !warnedMonths.has(m)) ?? (months.at(-1) as Month);
  const smallVillages = [];
  for (const code of new Set(
    pick(
      open.rows.map((r) => r.code),
      40,
    ),
  ))
    smallVillages.push({ code, clerk: await account(code, 'operator') });
  return { regions, bigVillages, smallVillages, months, warningsMonth, official } satisfies Samples;
}

async function measure(
  kind: Kind,
  base: string,
  samples: Samples,
  region: string,
  options: Options,
  afterWarnings: () => Promise<number | null>,
) {
  const login = async (account: Account) => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const { token } = (await response.json()) as { token: string };
    return token;
  };
  const officialToken = await login(samples.official);
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown, token = officialToken) => {
    const headers = { authorization: `Bearer ${token}`, connection: 'keep-alive' };
    const started = performance.now();
    const response = await fetch(`${base}${url}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 500)}`);
    return { elapsed, body: JSON.parse(text) as Record<string, unknown> };
  };
  const latest = samples.months.at(-1) as Month;
  const rng = new Rng(options.seed, 0x7374_6174);

  // ---- (c) every warning of the latest month, county by county; then recomputed ------------------
  const computeWarnings = async (label: string) => {
    const latest = samples.warningsMonth;
    log(kind, `(c) warnings of ${latest} below ${region}, ${label}…`);
    const loadAverage = loadavg()[0] ?? 0;
    const { elapsed, body } = await call('POST', '/api/monitoring/warnings/compute', {
      region,
      month: latest,
    });
    const run: WarningRun = {
      month: latest,
      seconds: elapsed / 1000,
      loadAverage,
      people: Number(body.people),
      raised: Number(body.raised),
    };
    log(
      kind,
      `  ${run.seconds.toFixed(1)} s: ${thousands(run.people)} people watched, ${thousands(run.raised)} warnings`,
    );
    return run;
  };
  const first = await computeWarnings('first run');
  const again = await computeWarnings('recomputed');
  // The statistics count open warnings: let the table be vacuumed and analysed as autovacuum would
  // after such a change (this server runs with autovacuum off; PGlite has none).
  const vacuumSeconds = await afterWarnings();

  // ---- (a) the statistics page: random regions at every level, random months ---------------------
  const warmUp = 20;
  for (let i = 0; i < warmUp; i++) {
    const level = rng.pick(levels);
    await call(
      'GET',
      `/api/stats/monthly?region=${rng.pick(samples.regions[level])}&month=${rng.pick(samples.months)}`,
    );
  }
  const stats: KindResult['stats'] = [];
  const everything: number[] = [];
  const slowest: { url: string; elapsed: number }[] = [];
  for (const level of levels) {
    const list = samples.regions[level];
    log(kind, `(a) statistics, ${level} level (${list.length} regions): ${options.statsRequests} requests…`);
    const times: number[] = [];
    for (let i = 0; i < options.statsRequests; i++) {
      const url = `/api/stats/monthly?region=${rng.pick(list)}&month=${rng.pick(samples.months)}`;
      const { elapsed } = await call('GET', url);
      times.push(elapsed);
      slowest.push({ url, elapsed });
    }
    const l = latency(times);
    everything.push(...times);
    stats.push({ level, regions: list.length, latency: l });
    log(kind, `  p50 ${ms(l.p50)} ms, p95 ${ms(l.p95)} ms, p99 ${ms(l.p99)} ms, max ${ms(l.max)} ms`);
  }
  slowest.sort((a, b) => b.elapsed - a.elapsed);
  for (const s of slowest.slice(0, 5)) log(kind, `  slowest: ${s.url} ${ms(s.elapsed)} ms`);

  // ---- not a target: the page's trend chart (13 months of totals) --------------------------------
  const trendTimes: number[] = [];
  for (let i = 0; i < Math.min(options.statsRequests, 50); i++) {
    const level = rng.pick(levels);
    const { elapsed } = await call(
      'GET',
      `/api/stats/trend?region=${rng.pick(samples.regions[level])}&month=${rng.pick(samples.months)}`,
    );
    trendTimes.push(elapsed);
  }

  // ---- (b) "no change" for a whole village's month in one action ---------------------------------
  const bigOnes = samples.bigVillages;
  log(
    kind,
    `(b) confirm-unchanged: ${bigOnes.length} villages of ≥ 500 people, months ${[...new Set(bigOnes.map((v) => v.month))].join(', ')}…`,
  );
  const confirmTimes: number[] = [];
  for (const village of bigOnes) {
    const token = await login(village.clerk);
    const { elapsed, body } = await call(
      'POST',
      `/api/monitoring/villages/${village.code}/months/${village.month}/confirm-unchanged`,
      {},
      token,
    );
    if (Number(body.confirmed) !== village.people)
      throw new Error(`confirmed ${String(body.confirmed)} of ${village.people} in ${village.code}`);
    confirmTimes.push(elapsed);
  }
  const confirm = {
    villages: bigOnes.length,
    minPeople: Math.min(...bigOnes.map((v) => v.people)),
    maxPeople: Math.max(...bigOnes.map((v) => v.people)),
    latency: latency(confirmTimes),
  };
  log(
    kind,
    `  p50 ${ms(confirm.latency.p50)} ms, p95 ${ms(confirm.latency.p95)} ms, max ${ms(confirm.latency.max)} ms`,
  );
  const smallTimes: number[] = [];
  for (const village of samples.smallVillages) {
    const token = await login(village.clerk);
    const { elapsed } = await call(
      'POST',
      `/api/monitoring/villages/${village.code}/months/${latest}/confirm-unchanged`,
      {},
      token,
    );
    smallTimes.push(elapsed);
  }
  const confirmSmall = { villages: samples.smallVillages.length, latency: latency(smallTimes) };

  return {
    warnings: { first, again, vacuumSeconds },
    stats,
    statsAll: latency(everything),
    trend: latency(trendTimes),
    confirm,
    confirmSmall,
  };
}

// ---------------------------------------------------------------------------------------------------
// The parent: one child per kind, then the table

function runChild(kind: Kind, argv: string[]): Promise<KindResult | undefined> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [...argv, '--child', kind], {
      stdio: 'inherit',
      execArgv: ['--max-old-space-size=8192'],
    });
    let result: KindResult | { loadOnly: true } | undefined;
    child.on('message', (message) => {
      result = message as KindResult | { loadOnly: true };
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result && 'loadOnly' in result) resolve(undefined);
      else if (result) resolve(result);
      else reject(new Error(`the ${kind} run exited with code ${code} and no result`));
    });
  });
}

function report(results: KindResult[], totalSeconds: number, loads: number[]): string {
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(
    `Monitoring benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
      `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ` +
      `${Math.round(totalSeconds)} s in all, machine load average ${loads.map((l) => l.toFixed(2)).join(' → ')}`,
    '',
  );
  row(
    'measure',
    ...results.map((r) =>
      r.kind === 'pglite'
        ? `PGlite (PostgreSQL ${r.version.split(' ')[0]}), ${r.region.name}`
        : `PostgreSQL ${r.version.split(' ')[0]} server, ${r.region.name}`,
    ),
  );
  row('---', ...results.map(() => '---:'));
  const each = (label: string, cell: (r: KindResult) => string) => row(label, ...results.map(cell));
  const s = (n: number) => `${n.toFixed(1)} s`;
  const la = (p: Phase) => `load ${p.loadAverage.toFixed(1)}`;
  const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)} / ${ms(l.max)} ms`;
  each(
    'people / households / villages',
    (r) =>
      `${thousands(r.population.people)} / ${thousands(r.population.households)} / ${thousands(r.population.villages)}`,
  );
  each('labourers (劳动力) recorded in the month before the latest', (r) =>
    thousands(r.population.labourers),
  );
  each('population load (COPY)', (r) => `${s(r.population.seconds)} (${la(r.population)})`);
  each(
    'follow-ups (months) / village months / figure rows',
    (r) =>
      `${thousands(r.history.followUps)} (${r.history.months}) / ${thousands(r.history.villageMonths)} / ${thousands(r.history.figureRows)}`,
  );
  each(
    'history load: simulate, COPY, refresh figures, registry',
    (r) =>
      `${s(r.history.seconds)}, ${thousands(r.history.followUps / r.history.seconds)} records/s (${la(r.history)})`,
  );
  each(
    'villages for (b): villages / people, load',
    (r) => `${r.bigVillages.villages} / ${thousands(r.bigVillages.people)}, ${s(r.bigVillages.seconds)}`,
  );
  each('VACUUM (ANALYZE)', (r) => s(r.vacuum.seconds));
  each('region sums of every month, settled', (r) => s(r.regionSums.seconds));
  each(
    'database size (follow_ups table + its indexes)',
    (r) =>
      `${thousands(r.sizes.databaseMb)} MB (${thousands(r.sizes.followUpsMb)} + ${thousands(r.sizes.followUpsIndexesMb)} MB)`,
  );
  each(
    '**(c) all warnings of a month, first run** (target < 60 s)',
    (r) =>
      `**${s(r.warnings.first.seconds)}** (${thousands(r.warnings.first.people)} people, ${thousands(r.warnings.first.raised)} warnings; ${la(r.warnings.first)})`,
  );
  each('(c) … recomputed', (r) => `${s(r.warnings.again.seconds)} (${la(r.warnings.again)})`);
  each('then VACUUM (ANALYZE) warnings, as autovacuum would', (r) =>
    r.warnings.vacuumSeconds === null ? '– (PGlite has no autovacuum)' : s(r.warnings.vacuumSeconds),
  );
  each(
    `**(a) statistics page, all levels, p50 / p95 / p99 / max** (target p95 < 300 ms)`,
    (r) => `**${lat(r.statsAll)}** (n = ${r.statsAll.n})`,
  );
  for (const level of levels)
    each(`(a) … ${level} level`, (r) => {
      const x = r.stats.find((t) => t.level === level);
      return x ? `${lat(x.latency)} (${thousands(x.regions)} regions)` : '–';
    });
  each('(not a target) trend chart, 13 months, p50 / p95 / p99 / max', (r) => lat(r.trend));
  each(
    '**(b) "no change" for a village of ≥ 500 people, p50 / p95 / max** (target < 1 s)',
    (r) =>
      `**${ms(r.confirm.latency.p50)} / ${ms(r.confirm.latency.p95)} / ${ms(r.confirm.latency.max)} ms** (${r.confirm.villages} villages of ${r.confirm.minPeople}–${r.confirm.maxPeople})`,
  );
  each(
    '(b) … a usual village of the province, p50 / p95 / max',
    (r) =>
      `${ms(r.confirmSmall.latency.p50)} / ${ms(r.confirmSmall.latency.p95)} / ${ms(r.confirmSmall.latency.max)} ms (${r.confirmSmall.villages} villages)`,
  );
  each('peak RSS (loader; service)', (r) => `${thousands(r.peakRssMb)} MB`);
  return lines.join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.child) {
    const result = await runKind(options.child, options);
    process.send?.(result ?? { loadOnly: true }, () => process.disconnect());
    return;
  }
  const started = performance.now();
  const loads = [loadavg()[0] ?? 0];
  const results: KindResult[] = [];
  for (const kind of (['postgres', 'pglite'] as const).filter((k) => options.databases.includes(k))) {
    process.stderr.write(`\n== ${kind} ==\n`);
    const result = await runChild(kind, argv);
    if (result) results.push(result);
    loads.push(loadavg()[0] ?? 0);
  }
  if (results.length === 0) return;
  const totalSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`\n${report(results, totalSeconds, loads)}\n`);
  if (options.json)
    writeFileSync(
      options.json,
      `${JSON.stringify({ date: new Date().toISOString(), options, totalSeconds, results }, null, 2)}\n`,
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
