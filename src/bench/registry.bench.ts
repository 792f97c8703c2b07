// The registry benchmark (docs/benchmarks.md): fills a province's villages with a synthetic population
// and times what officials do most — the bulk load, an ID-number lookup and a paged name search through
// the HTTP API, a count by town and status for a city — on PGlite and on the PostgreSQL server in the
// same run, with `psql \copy` of the very same rows as the floor of the load.
//
//   npm run bench                                   both kinds, 1,000,000 people over Hebei
//   node dist/bench/registry.bench.js --help        every option (also as BENCH_* variables)
//
// Each database kind runs in its own child process, so its peak RSS is its own and PGlite's memory
// (which grows and is not returned) does not weigh on the server's figures. Not a test: nothing here
// runs in `npm test`.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadDemoPopulation, spreadEvenly, villagesBelow } from '../demo/demo.loader.js';
import { generatePopulation, Rng } from '../demo/population.js';
import { RegionScope, systemActor } from '../modules/access/scope.js';
import { syncRegions } from '../modules/regions/regions.repository.js';
import { buildApp } from '../server/app.js';
import { buildServices } from '../server/context.js';
import { localDay } from '../shared/dates.js';
import {
  adminQuery,
  householdColumnList,
  type Latency,
  latency,
  mb,
  personColumnList,
  positiveInteger,
  psql,
  recreateServerDatabase,
  thousands,
  withDatabase,
} from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------------
// Options

type Kind = 'pglite' | 'postgres';
type AfterLoad = 'vacuum' | 'analyze' | 'none';

interface Options {
  people: number;
  databases: Kind[];
  seed: number;
  region: string;
  serverUrl: string;
  rounds: number;
  afterLoad: AfterLoad;
  lookups: number;
  searches: number;
  countRuns: number;
  provinceLists: number;
  floor: boolean;
  explain: boolean;
  /** Also time the requests against `bangfu serve` in a process of its own (server only). */
  separateServer: boolean;
  json: string | undefined;
}

const usage = `node dist/bench/registry.bench.js [options]      (npm run bench = build, then this)

  --people N          people to load (≈ 3.07 per household)   BENCH_PEOPLE          1000000
  --databases LIST    pglite,postgres or one of them          BENCH_DATABASES       pglite,postgres
  --seed N            population seed                         BENCH_SEED            2026
  --region CODE       province (or city) whose villages fill  BENCH_REGION          130000000000 (河北省)
  --server-url URL    PostgreSQL server; the bench drops and  BENCH_SERVER_URL      postgres://postgres@127.0.0.1:5432/postgres
                      re-creates database bangfu_bench there
  --rounds N          bulk loads (and \\copy floors) per kind, BENCH_ROUNDS          1
                      each into a fresh database; the best counts
  --after-load STEP   vacuum | analyze | none, before queries BENCH_AFTER_LOAD      vacuum
  --lookups N         ID-number lookups through HTTP          BENCH_LOOKUPS         1000
  --searches N        paged name searches through HTTP        BENCH_SEARCHES        1000
  --province-lists N  first pages of the province's list      BENCH_PROVINCE_LISTS  100
  --count-runs N      runs of the city count by town, status  BENCH_COUNT_RUNS      15
  --no-floor          skip the psql \\copy floor               BENCH_FLOOR=0
  --explain           print EXPLAIN ANALYZE of the slowest request's queries
  --no-separate-server  skip timing the requests against \`bangfu serve\` in its own process
  --json FILE         also write the results as JSON
`;

function parseOptions(argv: string[]): Options & { child: Kind | undefined } {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: 'string' },
      databases: { type: 'string' },
      seed: { type: 'string' },
      region: { type: 'string' },
      'server-url': { type: 'string' },
      rounds: { type: 'string' },
      'after-load': { type: 'string' },
      lookups: { type: 'string' },
      searches: { type: 'string' },
      'province-lists': { type: 'string' },
      'count-runs': { type: 'string' },
      'no-floor': { type: 'boolean' },
      explain: { type: 'boolean' },
      'no-separate-server': { type: 'boolean' },
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
  const databases = (values.databases ?? env.BENCH_DATABASES ?? 'pglite,postgres')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const d of databases)
    if (d !== 'pglite' && d !== 'postgres') throw new Error(`unknown database kind: ${d}`);
  const region = values.region ?? env.BENCH_REGION ?? '130000000000';
  if (!/^\d{12}$/.test(region)) throw new Error(`--region must be a 12-digit region code: ${region}`);
  const afterLoad = values['after-load'] ?? env.BENCH_AFTER_LOAD ?? 'vacuum';
  if (afterLoad !== 'vacuum' && afterLoad !== 'analyze' && afterLoad !== 'none')
    throw new Error(`--after-load must be vacuum, analyze or none: ${afterLoad}`);
  return {
    people: integer('--people', values.people ?? env.BENCH_PEOPLE, 1_000_000),
    databases: databases as Kind[],
    seed: integer('--seed', values.seed ?? env.BENCH_SEED, 2026),
    region,
    serverUrl: values['server-url'] ?? env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    rounds: integer('--rounds', values.rounds ?? env.BENCH_ROUNDS, 1),
    afterLoad,
    lookups: integer('--lookups', values.lookups ?? env.BENCH_LOOKUPS, 1000),
    searches: integer('--searches', values.searches ?? env.BENCH_SEARCHES, 1000),
    provinceLists: integer('--province-lists', values['province-lists'] ?? env.BENCH_PROVINCE_LISTS, 100),
    countRuns: integer('--count-runs', values['count-runs'] ?? env.BENCH_COUNT_RUNS, 15),
    floor: !values['no-floor'] && env.BENCH_FLOOR !== '0',
    explain: values.explain ?? false,
    separateServer: !values['no-separate-server'],
    json: values.json,
    child: values.child as Kind | undefined,
  };
}

// ---------------------------------------------------------------------------------------------------
// Figures

/** Requests through the HTTP API, and the page and count queries they sent replayed alone. */
interface Requests extends Latency {
  medianTotal: number;
  maxTotal: number;
  pageQuery: Latency;
  countQuery: Latency;
}

/** One bulk load into a fresh database, and (server) the \copy floor of the same rows right after it. */
interface LoadRound {
  seconds: number;
  /** CPU time of this Node process (both threads) during the load: generating rows, CSV, PGlite. */
  nodeCpuSeconds: number;
  /** 1-minute load average of the machine when the load started (other work running shows here). */
  loadAverage: number;
  floor?: { householdsSeconds: number; personsSeconds: number; seconds: number };
}

interface KindResult {
  kind: Kind;
  version: string;
  setupSeconds: number;
  load: {
    households: number;
    people: number;
    villages: number;
    rounds: LoadRound[];
    /** The fastest round. */
    seconds: number;
    peoplePerSecond: number;
    householdsPerSecond: number;
    peakRssMb: number;
    rssAfterMb: number;
    afterLoad: AfterLoad;
    afterLoadSeconds: number | null;
    databaseMb: number;
  };
  floor?: {
    /** The fastest round's \copy of households and persons. */
    seconds: number;
    householdsSeconds: number;
    personsSeconds: number;
    peoplePerSecond: number;
    /** Loader rate ÷ \copy rate, best against best. */
    ratio: number;
    csvMb: number;
  };
  lookup: Requests;
  search: Requests;
  provinceList: Requests;
  /** Server only: the same requests to `bangfu serve` in a process of its own. */
  separate?: { lookup: Latency; search: Latency; provinceList: Latency; serverRssMb: number };
  cityCount: {
    city: string;
    cityName: string;
    runs: number;
    min: number;
    median: number;
    max: number;
    groups: number;
    people: number;
  };
  peakRssMb: number;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));

function log(kind: string, line: string) {
  process.stderr.write(`[${kind}] ${line}\n`);
}

function progress(kind: string) {
  let last = 0;
  const started = performance.now();
  return (done: number, total: number) => {
    const now = performance.now();
    if (now - last < 5000 && done < total) return;
    last = now;
    const seconds = (now - started) / 1000;
    log(kind, `  ${thousands(done)} / ${thousands(total)} households (${seconds.toFixed(1)} s)`);
  };
}

// ---------------------------------------------------------------------------------------------------
// Query capture: the search's own SQL, replayed alone to see whether the page or the count costs more.

type SearchBody = { total: number; items: unknown[] };
type Timed = { url: string; elapsed: number; queries: CompiledQuery[] };

class CapturePlugin implements KyselyPlugin {
  captured: { node: RootOperationNode; queryId: QueryId }[] | null = null;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.captured?.push({ node: args.node, queryId: args.queryId });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

// ---------------------------------------------------------------------------------------------------
// Databases

const benchDatabase = 'bangfu_bench';
const floorDatabase = 'bangfu_bench_floor';

/** As the CLI prepares a database (openPreparedDatabase): migrations, then the region tree. */
async function prepare(database: Database) {
  await migrateToLatest(database.db as never);
  await syncRegions(database);
}

/** A fresh, migrated database of the kind: a new PGlite folder, or bangfu_bench dropped and re-created. */
async function openFresh(kind: Kind, options: Options, folders: Set<string>) {
  const started = performance.now();
  let database: Database;
  let folder: string | undefined;
  if (kind === 'pglite') {
    folder = mkdtempSync(path.join(tmpdir(), 'bangfu-bench-pglite-'));
    folders.add(folder);
    log(kind, `PGlite in ${folder}`);
    database = await openDatabase({ dataDir: folder });
  } else {
    log(kind, `re-creating database ${benchDatabase}`);
    await recreateServerDatabase(options.serverUrl, benchDatabase);
    database = await openDatabase({ url: withDatabase(options.serverUrl, benchDatabase), poolSize: 10 });
  }
  await prepare(database);
  const setupSeconds = (performance.now() - started) / 1000;
  return {
    database,
    setupSeconds,
    async dispose() {
      await database.close();
      if (folder) {
        rmSync(folder, { recursive: true, force: true });
        folders.delete(folder);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// One database kind, in its own process

async function runKind(kind: Kind, options: Options): Promise<KindResult> {
  const folders = new Set<string>();
  const removeFolders = () => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    folders.clear();
  };
  process.once('SIGINT', () => {
    removeFolders();
    process.exit(130);
  });
  const csvFolder = mkdtempSync(path.join(tmpdir(), 'bangfu-bench-copy-'));
  folders.add(csvFolder);
  try {
    const rounds: LoadRound[] = [];
    let loaded: { households: number; persons: number; villages: number } | undefined;
    let csvMb = 0;
    let fresh: Awaited<ReturnType<typeof openFresh>> | undefined;
    let setupSeconds = 0;
    let loadPeakRss = 0;
    for (let round = 1; round <= options.rounds; round++) {
      await fresh?.dispose();
      fresh = await openFresh(kind, options, folders);
      setupSeconds = fresh.setupSeconds;
      log(kind, `migrated and regions loaded in ${setupSeconds.toFixed(1)} s`);
      const database = fresh.database;

      // ---- (a) bulk load ---------------------------------------------------------------------------
      const households = await householdsFor(database, options);
      const label = options.rounds > 1 ? ` (round ${round} of ${options.rounds})` : '';
      log(
        kind,
        `loading ≈ ${thousands(options.people)} people as ${thousands(households)} households${label}…`,
      );
      if (kind === 'postgres') await sql`checkpoint`.execute(database.db);
      const loadAverage = loadavg()[0] ?? 0;
      if (loadAverage > 0.5)
        log(kind, `  note: load average ${loadAverage.toFixed(2)} — other work is running on this machine`);
      const cpu = process.cpuUsage();
      const started = performance.now();
      loaded = await loadDemoPopulation(database, {
        households,
        seed: options.seed,
        regionCode: options.region,
        onProgress: progress(kind),
      });
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      loadPeakRss = Math.max(loadPeakRss, peakRssMb());
      const thisRound: LoadRound = {
        seconds,
        nodeCpuSeconds: (used.user + used.system) / 1e6,
        loadAverage,
      };
      log(
        kind,
        `loaded ${thousands(loaded.persons)} people, ${thousands(loaded.households)} households in ` +
          `${seconds.toFixed(1)} s (${thousands(loaded.persons / seconds)} people/s; Node CPU ` +
          `${thisRound.nodeCpuSeconds.toFixed(1)} s), peak RSS ${loadPeakRss} MB`,
      );

      // ---- the floor: psql \copy of the same rows into a fresh database with the same schema -------
      if (kind === 'postgres' && options.floor) {
        if (round === 1) csvMb = await exportRows(options, csvFolder);
        thisRound.floor = await copyFloor(options, csvFolder);
        const floorRate = loaded.persons / thisRound.floor.seconds;
        log(
          kind,
          `\\copy floor: ${thisRound.floor.seconds.toFixed(1)} s, ${thousands(floorRate)} people/s; ` +
            `the loader reaches ${((thisRound.floor.seconds / seconds) * 100).toFixed(0)} % of it`,
        );
      }
      rounds.push(thisRound);
    }
    if (!fresh || !loaded) throw new Error('no round ran');
    const database = fresh.database;
    try {
      const version = String(
        (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db)).rows[0]
          ?.v,
      );
      const best = Math.min(...rounds.map((r) => r.seconds));
      const floors = rounds.flatMap((r) => r.floor ?? []);
      const bestFloor = [...floors].sort((a, b) => a.seconds - b.seconds)[0];

      // Statistics (and the visibility map) as autovacuum would leave them after such a load. PGlite
      // has no autovacuum: there only what the application runs happens.
      let afterLoadSeconds: number | null = null;
      if (options.afterLoad !== 'none') {
        const started = performance.now();
        if (options.afterLoad === 'vacuum')
          await sql`vacuum (analyze) households, persons`.execute(database.db);
        else await sql`analyze households, persons`.execute(database.db);
        afterLoadSeconds = (performance.now() - started) / 1000;
        log(
          kind,
          `${options.afterLoad === 'vacuum' ? 'vacuum (analyze)' : 'analyze'}: ${afterLoadSeconds.toFixed(1)} s`,
        );
      }
      const size = await sql<{
        bytes: number;
      }>`select pg_database_size(current_database()) as bytes`.execute(database.db);
      const queries = await measureQueries(kind, database, options);
      return {
        kind,
        version,
        setupSeconds,
        load: {
          households: loaded.households,
          people: loaded.persons,
          villages: loaded.villages,
          rounds,
          seconds: best,
          peoplePerSecond: loaded.persons / best,
          householdsPerSecond: loaded.households / best,
          peakRssMb: loadPeakRss,
          rssAfterMb: mb(process.memoryUsage().rss),
          afterLoad: options.afterLoad,
          afterLoadSeconds,
          databaseMb: mb(Number(size.rows[0]?.bytes ?? 0)),
        },
        ...(bestFloor
          ? {
              floor: {
                ...bestFloor,
                peoplePerSecond: loaded.persons / bestFloor.seconds,
                ratio: bestFloor.seconds / best,
                csvMb,
              },
            }
          : {}),
        ...queries,
        peakRssMb: peakRssMb(),
      };
    } finally {
      await fresh.dispose();
    }
  } finally {
    removeFolders();
  }
}

async function measureQueries(kind: Kind, database: Database, options: Options) {
  const db = database.db;

  // ---- the HTTP application, as a province-level official sees it -----------------------------------
  const capture = new CapturePlugin();
  const appDatabase: Database = { ...database, db: db.withPlugin(capture) };
  const config = { ...loadConfig({}), dataDir: 'memory://' };
  const services = buildServices(appDatabase, config);
  const password = `bench-${Math.random().toString(36).slice(2)}-Pw1`;
  const username = `bench_${Date.now()}`;
  await services.access.createUser(systemActor(), {
    username,
    displayName: '基准测试 省级账号',
    password,
    role: 'admin',
    regionCode: options.region,
  });
  const { app } = await buildApp({ database: appDatabase, config, services }, { web: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;
  try {
    const get = await httpClient(base, username, password);

    // Random existing people, drawn with a seeded generator from the id range.
    const rng = new Rng(options.seed, 0x6265_6e63);
    const range = await db
      .selectFrom('persons')
      .select((eb) => [eb.fn.min<number>('id').as('lo'), eb.fn.max<number>('id').as('hi')])
      .executeTakeFirstOrThrow();
    const sample = async (count: number) => {
      const ids = Array.from({ length: count }, () => rng.int(Number(range.lo), Number(range.hi)));
      const rows = await db
        .selectFrom('persons')
        .select(['id', 'idNumber', 'name', 'villageCode'])
        .where('id', 'in', ids)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    };
    const warmUp = 50;
    const executor = db.getExecutor();

    // Requests one after another over one keep-alive connection; the queries each request sends are
    // captured so that its page query and its count query can be replayed alone afterwards.
    const timeRequests = async (label: string, urls: string[], check: (body: SearchBody) => void) => {
      log(kind, `${label}: ${urls.length - warmUp} (+${warmUp} warm-up)…`);
      const times: number[] = [];
      const totals: number[] = [];
      const requests: Timed[] = [];
      for (const [i, url] of urls.entries()) {
        capture.captured = [];
        const { elapsed, body } = await get(url);
        const captured = capture.captured;
        capture.captured = null;
        check(body);
        if (i < warmUp) continue;
        times.push(elapsed);
        totals.push(body.total);
        requests.push({
          url,
          elapsed,
          queries: captured.map((c) => executor.compileQuery(c.node, c.queryId)),
        });
      }
      const stats = latency(times);
      totals.sort((a, b) => a - b);
      const medianTotal = totals[Math.floor(totals.length / 2)] ?? 0;
      const maxTotal = totals.at(-1) ?? 0;
      const { pageQuery, countQuery } = await replay(requests);
      log(
        kind,
        `  p50 ${ms(stats.p50)} ms, p95 ${ms(stats.p95)} ms, p99 ${ms(stats.p99)} ms; matches: median ` +
          `${thousands(medianTotal)}, max ${thousands(maxTotal)}; replayed alone: page query p50 ` +
          `${ms(pageQuery.p50)} / p95 ${ms(pageQuery.p95)} ms, count query p50 ${ms(countQuery.p50)} / ` +
          `p95 ${ms(countQuery.p95)} ms`,
      );
      if (options.explain) await explainSlowest(requests);
      return { ...stats, medianTotal, maxTotal, pageQuery, countQuery };
    };
    const isPage = (q: CompiledQuery) => /from "persons"/.test(q.sql) && /\blimit\b/.test(q.sql);
    const isCount = (q: CompiledQuery) => /from "persons"/.test(q.sql) && /count\(\*\)/.test(q.sql);
    const replay = async (requests: Timed[]) => {
      const pageTimes: number[] = [];
      const countTimes: number[] = [];
      for (const r of requests.slice(0, 300)) {
        for (const q of r.queries) {
          const bucket = isPage(q) ? pageTimes : isCount(q) ? countTimes : undefined;
          if (!bucket) continue;
          const started = performance.now();
          await db.executeQuery(q);
          bucket.push(performance.now() - started);
        }
      }
      return { pageQuery: latency(pageTimes), countQuery: latency(countTimes) };
    };
    const explainSlowest = async (requests: Timed[]) => {
      const slowest = [...requests].sort((a, b) => b.elapsed - a.elapsed)[0];
      if (!slowest) return;
      log(kind, `  slowest: ${slowest.url} (${ms(slowest.elapsed)} ms)`);
      for (const q of slowest.queries.filter((x) => isPage(x) || isCount(x))) {
        const plan = await db.executeQuery<Record<string, string>>({
          ...q,
          sql: `explain (analyze, buffers) ${q.sql}`,
        });
        for (const row of plan.rows) process.stderr.write(`    ${Object.values(row)[0]}\n`);
      }
    };

    // ---- (b) ID-number lookup --------------------------------------------------------------------
    const lookupPeople = await sample(options.lookups + warmUp);
    const lookupUrls = lookupPeople.map((p) => `/api/persons?q=${p.idNumber}`);
    const lookup = await timeRequests('ID-number lookups', lookupUrls, (body) => {
      if (body.total !== 1) throw new Error(`an ID-number lookup found ${body.total}`);
    });

    // ---- (c) paged name search within a county: a surname, or the first two characters of a name --
    const searchPeople = await sample(options.searches + warmUp);
    const searchUrls = searchPeople.map((p, i) => {
      const county = `${p.villageCode.slice(0, 6)}000000`;
      const q = i % 2 === 0 ? p.name.slice(0, 1) : p.name.slice(0, 2);
      return `/api/persons?region=${county}&q=${encodeURIComponent(q)}&page=1&pageSize=20`;
    });
    const search = await timeRequests('paged name searches within a county', searchUrls, (body) => {
      if (body.total < 1 || body.items.length < 1) throw new Error('a name search found nothing');
    });

    // ---- not a target: the first page of the whole province's list, no filter (an exact count of all)
    const provinceUrls = Array.from(
      { length: options.provinceLists + warmUp },
      () => '/api/persons?page=1&pageSize=20',
    );
    const provinceList = await timeRequests('first page of the province, no filter', provinceUrls, (body) => {
      if (body.items.length !== 20) throw new Error('the province list has fewer than 20 people');
    });

    // ---- the same requests to `bangfu serve` in its own process (server only): the client above shares
    // this process's event loop with the server it measures; here they are apart, as in production.
    let separate: KindResult['separate'];
    if (kind === 'postgres' && options.separateServer) {
      await app.close();
      separate = await measureSeparateServer(
        kind,
        withDatabase(options.serverUrl, benchDatabase),
        username,
        password,
        warmUp,
        [
          ['ID-number lookups', lookupUrls],
          ['paged name searches within a county', searchUrls],
          ['first page of the province, no filter', provinceUrls],
        ],
      );
    }

    // ---- (d) count by town and status for a city: one query through Kysely ------------------------
    const cities = await db
      .selectFrom('persons')
      .select([sql<string>`left(village_code, 4)`.as('prefix'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('deletedAt', 'is', null)
      .groupBy(sql`left(village_code, 4)`)
      .orderBy('n', 'desc')
      .execute();
    const city = `${cities[0]?.prefix ?? options.region.slice(0, 4)}00000000`;
    const cityName =
      (await db.selectFrom('regions').select('name').where('code', '=', city).executeTakeFirst())?.name ??
      city;
    const town = sql<string>`left(persons.village_code, 9)`;
    const countQueryOfCity = db
      .selectFrom('persons')
      .select([town.as('townCode'), 'persons.employmentStatus', (eb) => eb.fn.countAll<number>().as('n')])
      .where(RegionScope.of(city).filter('persons.villageCode'))
      .where('persons.deletedAt', 'is', null)
      .groupBy([town, 'persons.employmentStatus']);
    log(kind, `count by town and status for ${cityName} (${city}): ${options.countRuns} runs…`);
    const countTimesCity: number[] = [];
    let groups: { n: number }[] = [];
    for (let i = 0; i < options.countRuns; i++) {
      const started = performance.now();
      groups = await countQueryOfCity.execute();
      countTimesCity.push(performance.now() - started);
    }
    const sortedCity = [...countTimesCity].sort((a, b) => a - b);
    const cityCount = {
      city,
      cityName,
      runs: sortedCity.length,
      min: sortedCity[0] ?? 0,
      median: sortedCity[Math.floor(sortedCity.length / 2)] ?? 0,
      max: sortedCity.at(-1) ?? 0,
      groups: groups.length,
      people: groups.reduce((a, g) => a + Number(g.n), 0),
    };
    log(
      kind,
      `  ${thousands(cityCount.people)} people in ${cityCount.groups} groups: min ${ms(cityCount.min)} ms, ` +
        `median ${ms(cityCount.median)} ms, max ${ms(cityCount.max)} ms`,
    );

    return { lookup, search, provinceList, cityCount, ...(separate ? { separate } : {}) };
  } finally {
    if (app.server.listening) await app.close();
  }
}

/**
 * A GET client over one keep-alive connection (node:http, lighter than fetch), logged in with a
 * Bearer token; returns the wall time of each request and its parsed body.
 */
async function httpClient(base: string, username: string, password: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = (method: string, url: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(`${base}${url}`, { method, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const login = await request(
    'POST',
    '/api/auth/login',
    { 'content-type': 'application/json' },
    JSON.stringify({ username, password }),
  );
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  const { token } = JSON.parse(login.text) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  return async (url: string) => {
    const started = performance.now();
    const response = await request('GET', url, headers);
    const body = JSON.parse(response.text) as SearchBody;
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${response.text}`);
    return { elapsed, body };
  };
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `bangfu serve` (the real CLI, its own process, request logging as in production) on the
 * bench database and times the same requests from this process, one after another over one
 * keep-alive connection.
 */
async function measureSeparateServer(
  kind: Kind,
  benchUrl: string,
  username: string,
  password: string,
  warmUp: number,
  sets: [string, string[]][],
) {
  const port = await freePort();
  log(kind, `bangfu serve in its own process on port ${port}…`);
  const server = spawn(process.execPath, [path.join(root, 'bin/bangfu.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: benchUrl, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      const up = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 300 || server.exitCode !== null) throw new Error('bangfu serve did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const get = await httpClient(base, username, password);
    const results: Latency[] = [];
    for (const [label, urls] of sets) {
      log(kind, `  ${label}, separate server: ${urls.length - warmUp} (+${warmUp} warm-up)…`);
      const times: number[] = [];
      for (const [i, url] of urls.entries()) {
        const { elapsed } = await get(url);
        if (i >= warmUp) times.push(elapsed);
      }
      const stats = latency(times);
      log(kind, `    p50 ${ms(stats.p50)} ms, p95 ${ms(stats.p95)} ms, p99 ${ms(stats.p99)} ms`);
      results.push(stats);
    }
    let serverRssMb = 0;
    try {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      serverRssMb = Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // not Linux: leave 0
    }
    const [lookup, search, provinceList] = results as [Latency, Latency, Latency];
    return { lookup, search, provinceList, serverRssMb };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
  }
}

/** Households that make about `options.people` people, from the mean household size of a sample. */
async function householdsFor(database: Database, options: Options): Promise<number> {
  const villages = await villagesBelow(database, options.region);
  const sampleSize = Math.min(30_000, Math.ceil(options.people / 3));
  let people = 0;
  for (const h of generatePopulation({
    villages: spreadEvenly(villages, Math.ceil(sampleSize / 60)),
    households: sampleSize,
    seed: options.seed,
    today: localDay(new Date()),
  }))
    people += h.members.length;
  return Math.max(1, Math.round(options.people / (people / sampleSize)));
}

/** Writes the rows the loader put into bangfu_bench to CSV, in the order it wrote them. */
async function exportRows(options: Options, folder: string) {
  const benchUrl = withDatabase(options.serverUrl, benchDatabase);
  log('postgres', '\\copy floor: exporting the loaded rows to CSV…');
  await psql(
    benchUrl,
    `\\copy (select ${householdColumnList.join(', ')} from households order by id) to '${path.join(folder, 'households.csv')}' csv`,
  );
  await psql(
    benchUrl,
    `\\copy (select ${personColumnList.join(', ')} from persons order by id) to '${path.join(folder, 'persons.csv')}' csv`,
  );
  return mb(
    statSync(path.join(folder, 'households.csv')).size + statSync(path.join(folder, 'persons.csv')).size,
  );
}

/**
 * Times `psql \copy` of the exported rows into a fresh database migrated the same way (same tables,
 * constraints, foreign keys and indexes), households then persons, after a checkpoint as before the
 * loader; then drops that database.
 */
async function copyFloor(options: Options, folder: string) {
  const floorUrl = withDatabase(options.serverUrl, floorDatabase);
  try {
    await recreateServerDatabase(options.serverUrl, floorDatabase);
    const floorDb = await openDatabase({ url: floorUrl, poolSize: 2 });
    try {
      await prepare(floorDb);
      await sql`checkpoint`.execute(floorDb.db);
    } finally {
      await floorDb.close();
    }
    log('postgres', `\\copy floor: psql \\copy into ${floorDatabase}…`);
    const householdsSeconds = await psql(
      floorUrl,
      `\\copy households (${householdColumnList.join(', ')}) from '${path.join(folder, 'households.csv')}' csv`,
    );
    const personsSeconds = await psql(
      floorUrl,
      `\\copy persons (${personColumnList.join(', ')}) from '${path.join(folder, 'persons.csv')}' csv`,
    );
    return { householdsSeconds, personsSeconds, seconds: householdsSeconds + personsSeconds };
  } finally {
    await adminQuery(options.serverUrl, `drop database if exists ${floorDatabase} with (force)`).catch(
      () => undefined,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// The parent: one child per kind, then the table

function runChild(kind: Kind, argv: string[]): Promise<KindResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [...argv, '--child', kind], { stdio: 'inherit' });
    let result: KindResult | undefined;
    child.on('message', (message) => {
      result = message as KindResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the ${kind} run exited with code ${code} and no result`));
    });
  });
}

function report(results: KindResult[], options: Options, totalSeconds: number): string {
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(
    `Registry benchmark: ≈ ${thousands(options.people)} people over the villages of ${options.region}, ` +
      `seed ${options.seed}, ${new Date().toISOString().slice(0, 10)}, ${Math.round(totalSeconds)} s in all`,
    '',
  );
  row(
    'measure',
    ...results.map((r) =>
      r.kind === 'pglite'
        ? `PGlite (PostgreSQL ${r.version.split(' ')[0]})`
        : `PostgreSQL ${r.version.split(' ')[0]} server`,
    ),
  );
  row('---', ...results.map(() => '---:'));
  const each = (label: string, cell: (r: KindResult) => string) => row(label, ...results.map(cell));
  const s = (n: number) => `${n.toFixed(1)} s`;
  each('people / households loaded', (r) => `${thousands(r.load.people)} / ${thousands(r.load.households)}`);
  each(`bulk load, wall time${options.rounds > 1 ? ' (best; all rounds)' : ''}`, (r) =>
    options.rounds > 1
      ? `${s(r.load.seconds)} (${r.load.rounds.map((x) => x.seconds.toFixed(1)).join(', ')})`
      : s(r.load.seconds),
  );
  each('bulk load, people/s', (r) => thousands(r.load.peoplePerSecond));
  each('bulk load, households/s', (r) => thousands(r.load.householdsPerSecond));
  each('… Node CPU during the load', (r) => r.load.rounds.map((x) => s(x.nodeCpuSeconds)).join(', '));
  each('… machine load average at its start', (r) =>
    r.load.rounds.map((x) => x.loadAverage.toFixed(2)).join(', '),
  );
  each('peak RSS of the Node process during the load', (r) => `${r.load.peakRssMb} MB`);
  each('peak RSS of the Node process, whole run', (r) => `${r.peakRssMb} MB`);
  const floorResult = results.find((r) => r.floor)?.floor;
  if (floorResult) {
    const f = floorResult;
    each('psql \\copy of the same rows, wall time', (r) =>
      r.floor
        ? `${s(f.seconds)} (households ${s(f.householdsSeconds)} + persons ${s(f.personsSeconds)})`
        : '–',
    );
    each('psql \\copy, people/s', (r) => (r.floor ? thousands(f.peoplePerSecond) : '–'));
    each(
      'bulk load ÷ \\copy (rate)',
      (r) => `${((r.load.peoplePerSecond / f.peoplePerSecond) * 100).toFixed(0)} %`,
    );
  }
  each('after the load, before the queries', (r) =>
    r.load.afterLoadSeconds === null
      ? 'nothing'
      : `${r.load.afterLoad === 'vacuum' ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${s(r.load.afterLoadSeconds)}`,
  );
  each('database size', (r) => `${r.load.databaseMb} MB`);
  const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)} ms`;
  const requests = (label: string, pick: (r: KindResult) => Requests) => {
    each(`${label} over HTTP, p50 / p95 / p99 (n = ${results[0] ? pick(results[0]).n : 0})`, (r) =>
      lat(pick(r)),
    );
    each(
      '… matches, median / max',
      (r) => `${thousands(pick(r).medianTotal)} / ${thousands(pick(r).maxTotal)}`,
    );
    each(
      '… its page query alone, p50 / p95',
      (r) => `${ms(pick(r).pageQuery.p50)} / ${ms(pick(r).pageQuery.p95)} ms`,
    );
    each(
      '… its count query alone, p50 / p95',
      (r) => `${ms(pick(r).countQuery.p50)} / ${ms(pick(r).countQuery.p95)} ms`,
    );
  };
  const separate = (pick: (s: NonNullable<KindResult['separate']>) => Latency) => {
    if (!results.some((r) => r.separate)) return;
    each(`… the same, \`bangfu serve\` in its own process, p50 / p95 / p99`, (r) =>
      r.separate ? lat(pick(r.separate)) : '–',
    );
  };
  requests('ID-number lookup', (r) => r.lookup);
  separate((x) => x.lookup);
  requests('paged name search in a county', (r) => r.search);
  separate((x) => x.search);
  each(
    `city count by town × status, min / median / max (${options.countRuns} runs)`,
    (r) => `${ms(r.cityCount.min)} / ${ms(r.cityCount.median)} / ${ms(r.cityCount.max)} ms`,
  );
  each(
    '… people counted (groups)',
    (r) => `${thousands(r.cityCount.people)} in ${r.cityCount.cityName} (${r.cityCount.groups})`,
  );
  requests('(not a target) first page of the whole province', (r) => r.provinceList);
  separate((x) => x.provinceList);
  if (results.some((r) => r.separate))
    each('peak RSS of `bangfu serve`', (r) => (r.separate ? `${r.separate.serverRssMb} MB` : '–'));
  return lines.join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.child) {
    const result = await runKind(options.child, options);
    process.send?.(result, () => process.disconnect());
    return;
  }
  const started = performance.now();
  const results: KindResult[] = [];
  // The server first: its figures are the targets', taken before PGlite has loaded the machine.
  for (const kind of (['postgres', 'pglite'] as const).filter((k) => options.databases.includes(k))) {
    process.stderr.write(`\n== ${kind} ==\n`);
    results.push(await runChild(kind, argv));
  }
  const totalSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`\n${report(results, options, totalSeconds)}\n`);
  if (options.json) {
    writeFileSync(
      options.json,
      `${JSON.stringify({ date: new Date().toISOString(), options, totalSeconds, results }, null, 2)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
