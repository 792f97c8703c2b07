// The `bangfu` command: a thin wrapper over the same services the HTTP API uses.
import { randomBytes } from 'node:crypto';
import { copyFile, rm } from 'node:fs/promises';
import v8 from 'node:v8';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { scheduleMaintenance } from '../db/maintenance.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadDemo } from '../demo/demo.js';
import { createDemoAccounts, demoPassword } from '../demo/demo.loader.js';
import { type Role, roles } from '../modules/access/access.rules.js';
import { RegionScope, systemActor } from '../modules/access/scope.js';
import type { ImportProgress, ImportReport } from '../modules/ledger/ledger.service.js';
import { isMonth } from '../modules/monitoring/monitoring.rules.js';
import { regionsRepository, syncRegions } from '../modules/regions/regions.repository.js';
import { normalizeRegionCode } from '../modules/regions/regions.rules.js';
import { buildApp } from '../server/app.js';
import { buildServices, type Services } from '../server/context.js';
import { AppError } from '../shared/errors.js';
import { errorMessage, fieldMessage } from '../shared/i18n.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('须为正整数 (a positive whole number)');
  return n;
}

/** Opens the configured database, brings its schema and region data up to date. */
export async function openPreparedDatabase(
  config: Config,
  log: (line: string) => void = console.log,
): Promise<Database> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database.db as never);
  if (applied.length > 0) log(`数据库结构已更新 Migrations applied: ${applied.join(', ')}`);
  const regions = await syncRegions(database);
  if (regions > 0) log(`已载入行政区划 Regions loaded: ${regions}`);
  return database;
}

function describeDatabase(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}`
    : `PGlite (embedded) ${config.dataDir}`;
}

function progressPrinter(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (now - last < 500 && done < total) return;
    last = now;
    process.stderr.write(`\r${label} ${done.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')}`);
    if (done >= total) process.stderr.write('\n');
  };
}

async function loadDemoData(database: Database, services: Services, households: number, seed: number) {
  const started = Date.now();
  const labels: Record<string, string> = {
    population: '生成演示人口 Loading demo population',
    monitoring: '生成月度回访 Loading monthly follow-ups (counties)',
  };
  const printers = new Map<string, ReturnType<typeof progressPrinter>>();
  const result = await loadDemo(database, services, {
    households,
    seed,
    months: 14,
    onProgress: (stage, done, total) => {
      if (!printers.has(stage)) printers.set(stage, progressPrinter(labels[stage] ?? stage));
      printers.get(stage)?.(done, total);
    },
  });
  console.log(
    `演示数据：${result.households} 户 ${result.persons} 人，分布在 ${result.villages} 个村；${result.months} 个月回访 ${result.followUps} 条（${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  return result;
}

function printDemoAccounts(accounts: { username: string; displayName: string }[]) {
  console.log(`演示账号（密码均为 ${demoPassword}） Demo accounts (password ${demoPassword}):`);
  for (const a of accounts) console.log(`  ${a.username.padEnd(10)} ${a.displayName}`);
}

export function buildProgram(): Command {
  const program = new Command()
    .name('bangfu')
    .description('帮扶 — 就业帮扶实名制台账与动态监测 / employment assistance registry')
    .showHelpAfterError();

  program
    .command('serve')
    .description('启动服务 Start the web service (port from PORT, default 3000)')
    .option(
      '--demo-if-empty',
      '数据库为空时载入演示数据和演示账号 Load demo data and accounts into an empty database',
    )
    .addOption(
      new Option('--demo-households <n>', '演示户数 Demo households')
        .argParser(positiveInteger)
        .default(3000),
    )
    .action(async (options: { demoIfEmpty?: boolean; demoHouseholds: number }) => {
      const config = loadConfig();
      console.log(`数据库 Database: ${describeDatabase(config)}`);
      const database = await openPreparedDatabase(config);
      const services = buildServices(database, config);
      const regionCount = await regionsRepository(database.db).count();
      if (options.demoIfEmpty && regionCount > 0) {
        const users = await database.db.selectFrom('users').select('id').limit(1).execute();
        if (users.length === 0) {
          await loadDemoData(database, services, options.demoHouseholds, 2026);
          printDemoAccounts(await createDemoAccounts(database));
        }
      }
      const { app } = await buildApp({ database, config, services }, { logger: true });
      const stopMaintenance = scheduleMaintenance(database, {
        log: (message, error) => (error ? app.log.error({ err: error }, message) : app.log.info(message)),
      });
      const shutdown = async () => {
        stopMaintenance();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      await app.listen({ port: config.port, host: config.host });
      console.log(
        `服务已启动 Listening: http://localhost:${config.port}/  API 文档: http://localhost:${config.port}/api/docs`,
      );
    });

  program
    .command('migrate')
    .description('更新数据库结构并载入行政区划 Apply migrations and load region data')
    .action(async () => {
      const config = loadConfig();
      console.log(`数据库 Database: ${describeDatabase(config)}`);
      const database = await openPreparedDatabase(config);
      await database.close();
      console.log('完成 Done');
    });

  program
    .command('demo')
    .description('载入演示人口（真实村庄、虚构人员） Load a synthetic population over real villages')
    .addOption(new Option('--households <n>', '户数 Households').argParser(positiveInteger).default(3000))
    .addOption(new Option('--seed <n>', '随机种子 Random seed').argParser(positiveInteger).default(2026))
    .option('--no-accounts', '不创建演示账号 Do not create demo accounts')
    .action(async (options: { households: number; seed: number; accounts: boolean }) => {
      const config = loadConfig();
      const database = await openPreparedDatabase(config);
      try {
        await loadDemoData(database, buildServices(database, config), options.households, options.seed);
        if (options.accounts) printDemoAccounts(await createDemoAccounts(database));
      } finally {
        await database.close();
      }
    });

  program
    .command('stats')
    .description('某地区某月的统计，含各下级地区 Monthly figures of a region, one entry per child region')
    .argument('<region>', '地区代码或名称（可用简称，如 科左中旗） Region code or name')
    .argument('<month>', '月份 YYYY-MM')
    .option('--json', '以 JSON 输出 Print JSON')
    .action(async (regionText: string, month: string, options: { json?: boolean }) => {
      if (!isMonth(month)) throw new InvalidArgumentError('月份应为 YYYY-MM (month as YYYY-MM)');
      const config = loadConfig();
      const database = await openPreparedDatabase(config, () => undefined);
      try {
        const region = await resolveRegion(database, regionText);
        const figures = await buildServices(database, config).stats.monthly(
          systemActor(),
          region.code,
          month,
        );
        if (options.json) {
          console.log(JSON.stringify(figures, null, 2));
          return;
        }
        console.log(
          `${figures.region.name} ${month}：劳动力 ${figures.labourers}，已就业 ${figures.employed}，零就业家庭 ${figures.zeroEmploymentHouseholds}，预警 ${figures.warningsOpen}，报送率 ${figures.reporting.reportingRate ?? '–'}%`,
        );
        for (const c of figures.children) {
          console.log(
            `  ${c.region.name.padEnd(6, '　')} 劳动力 ${String(c.labourers).padStart(7)}  已就业 ${String(c.employed).padStart(7)}  零就业家庭 ${String(c.zeroEmploymentHouseholds).padStart(5)}`,
          );
        }
      } finally {
        await database.close();
      }
    });

  const importCommand = program
    .command('import')
    .description('导入 Import')
    // A batch import keeps little alive between chunks (the region index, the chunk being read), but
    // V8 lets a large heap grow to about four times what is alive before collecting it; growing by
    // half keeps a million-row import's memory well under 500 MB for a little more GC work.
    .hook('preAction', () => v8.setFlagsFromString('--heap-growing-percent=50'));
  importCommand
    .command('ledger')
    .description(
      '导入台账（.xlsx 或 .csv，UTF-8/GB18030），一个文件一个事务 Import a ledger file in one transaction',
    )
    .argument('<file>', '台账文件 Ledger file')
    .option('--dry-run', '只检查，不写入数据库 Check only, change nothing')
    .option('--json', '以 JSON 输出报告 Print the report as JSON')
    .option('--region <region>', '只导入到该地区（代码或名称） Import into this region only')
    .option('--rejected <out.xlsx>', '把未导入的行及原因写到此文件 Write the rejected rows here')
    .action(
      async (
        file: string,
        options: { dryRun?: boolean; json?: boolean; region?: string; rejected?: string },
      ) => {
        const config = loadConfig();
        const database = await openPreparedDatabase(config, (line) => process.stderr.write(`${line}\n`));
        try {
          const services = buildServices(database, config);
          const region = options.region ? (await resolveRegion(database, options.region)).code : undefined;
          const report = await services.ledger.importFile(systemActor(), file, {
            dryRun: options.dryRun,
            region,
            onProgress: ledgerProgressPrinter(),
          });
          if (options.rejected && report.rejected > 0) {
            await services.ledger.writeRejectedRows(file, report, options.rejected);
          }
          if (options.json) {
            printJsonReport(report);
            return;
          }
          printLedgerReport(report, options.rejected);
        } finally {
          await database.close();
        }
      },
    );

  importCommand
    .command('follow-ups')
    .description(
      '导入某月的回访表（.xlsx 或 .csv；身份证号码、姓名和就业状况各列），一个文件一个事务 Import a month of follow-ups',
    )
    .argument('<file>', '回访表文件 Follow-up sheet')
    .requiredOption('--month <YYYY-MM>', '回访月份 The month the sheet reports')
    .option('--dry-run', '只检查，不写入数据库 Check only, change nothing')
    .option('--json', '以 JSON 输出报告 Print the report as JSON')
    .option('--region <region>', '只导入该地区的人员（代码或名称） Only people of this region')
    .option('--rejected <out.xlsx>', '把未导入的行及原因写到此文件 Write the rejected rows here')
    .action(
      async (
        file: string,
        options: { month: string; dryRun?: boolean; json?: boolean; region?: string; rejected?: string },
      ) => {
        if (!isMonth(options.month)) throw new InvalidArgumentError('月份应为 YYYY-MM (month as YYYY-MM)');
        const config = loadConfig();
        const database = await openPreparedDatabase(config, (line) => process.stderr.write(`${line}\n`));
        try {
          const services = buildServices(database, config);
          const region = options.region ? (await resolveRegion(database, options.region)).code : undefined;
          const report = await services.followUpImport.importFile(systemActor(), file, {
            month: options.month,
            dryRun: options.dryRun,
            region,
          });
          if (options.rejected && report.rejected > 0) {
            await services.ledger.writeRejectedRows(file, report, options.rejected);
          }
          if (options.json) {
            printJsonReport(report);
            return;
          }
          console.log(
            `${report.file.name}（${report.month} 月回访，表头第 ${report.file.headerRows.join('–')} 行）：共 ${report.rows} 行，新增 ${report.created}，更新 ${report.updated}，未变 ${report.unchanged}，未导入 ${report.rejected}，涉及 ${report.villages} 个村`,
          );
          printProblems(report, options.rejected);
        } finally {
          await database.close();
        }
      },
    );

  const exportCommand = program.command('export').description('导出 Export');
  exportCommand
    .command('ledger')
    .description('导出某地区的标准台账（.xlsx，可直接重新导入） Export the standard ledger of a region')
    .requiredOption('--region <region>', '地区（代码或名称，如 科左中旗） Region code or name')
    .requiredOption('--out <file.xlsx>', '输出文件 Output file')
    .option('--masked', '证件号码和电话脱敏 Mask ID and phone numbers')
    .action(async (options: { region: string; out: string; masked?: boolean }) => {
      const config = loadConfig();
      const database = await openPreparedDatabase(config, (line) => process.stderr.write(`${line}\n`));
      try {
        const region = await resolveRegion(database, options.region);
        const services = buildServices(database, config);
        const exported = await services.ledger.exportLedger(systemActor(), region.code, !options.masked);
        await copyFile(exported.file, options.out);
        await rm(exported.file, { force: true });
        console.log(
          `已导出 ${region.name} 台账 ${exported.rows.toLocaleString('zh-CN')} 人 → ${options.out}`,
        );
      } finally {
        await database.close();
      }
    });

  const user = program.command('user').description('账号管理 Accounts');
  user
    .command('add')
    .description('新建账号 Create an account')
    .requiredOption('--username <name>', '用户名 Login name')
    .requiredOption('--name <displayName>', '姓名 Display name')
    .requiredOption('--region <code>', '管辖地区（12 位代码） Region code (12 digits)')
    .addOption(new Option('--role <role>', '角色 Role').choices(roles).default('operator'))
    .option('--password <password>', '密码；不填则自动生成 Password; generated when left out')
    .action(
      async (options: { username: string; name: string; region: string; role: Role; password?: string }) => {
        const config = loadConfig();
        const database = await openPreparedDatabase(config);
        try {
          const password = options.password ?? `${randomBytes(6).toString('base64url')}7a`;
          const services = buildServices(database, config);
          const created = await services.access.createUser(systemActor(), {
            username: options.username,
            displayName: options.name,
            password,
            role: options.role,
            regionCode: options.region,
          });
          console.log(`已创建账号 Created: ${created.username} (${created.role}, ${created.regionCode})`);
          if (!options.password) console.log(`密码 Password: ${password}`);
        } finally {
          await database.close();
        }
      },
    );

  return program;
}

/** Progress of a ledger import on stderr: rows read and share of the file, at most twice a second. */
function ledgerProgressPrinter() {
  let last = 0;
  let phase = '';
  return (p: ImportProgress) => {
    const now = Date.now();
    if (p.phase === phase && now - last < 500) return;
    last = now;
    phase = p.phase;
    const line =
      p.phase === 'reading'
        ? `读取并写入 Reading: ${p.rows.toLocaleString('zh-CN')} 行 (${Math.round(p.fraction * 100)}%)`
        : `全文件核对（重复号码、户主）并提交 Checking the whole file and committing: ${p.rows.toLocaleString('zh-CN')} 行`;
    process.stderr.write(`${line}\n`);
  };
}

function printLedgerReport(report: ImportReport, rejectedFile: string | undefined) {
  const where = report.file.sheet
    ? `工作表“${report.file.sheet}”，`
    : report.file.encoding
      ? `编码 ${report.file.encoding}，`
      : '';
  console.log(
    `${report.file.name}（${where}表头第 ${report.file.headerRows.join('–')} 行）：共 ${report.rows} 行，新增 ${report.created}，更新 ${report.updated}，未变 ${report.unchanged}，未导入 ${report.rejected}`,
  );
  console.log(`家庭：新增 ${report.households.created}，更新 ${report.households.updated}`);
  printProblems(report, rejectedFile);
}

/** An import report as JSON, the counts first (the shape scripts read). */
function printJsonReport<
  R extends Pick<ImportReport, 'rows' | 'created' | 'updated' | 'unchanged' | 'rejected' | 'errors'>,
>(report: R) {
  const { rows, created, updated, unchanged, rejected, errors, ...rest } = report;
  console.log(JSON.stringify({ rows, created, updated, unchanged, rejected, errors, ...rest }, null, 2));
}

/** The ignored columns, the first problems, and where the rejected rows went. */
function printProblems(
  report: Pick<ImportReport, 'errors' | 'rejected' | 'dryRun' | 'ignoredColumns'>,
  rejectedFile: string | undefined,
) {
  if (report.ignoredColumns.length > 0) {
    console.log(
      `未使用的列：${report.ignoredColumns.map((c) => `${c.header}（${c.column} 列）`).join('、')}`,
    );
  }
  const shown = report.errors.slice(0, 50);
  if (shown.length > 0) console.log('问题：');
  for (const e of shown) console.log(`  第 ${e.row} 行 ${e.column}：${e.message}`);
  if (report.errors.length > shown.length) console.log(`  …… 另有 ${report.errors.length - shown.length} 条`);
  if (rejectedFile && report.rejected > 0) console.log(`未导入的行已写入 ${rejectedFile}`);
  if (report.dryRun) console.log('（试导入：数据库未作改动）');
}

/** A region from a 12-digit code or a name as officials write it (科左中旗); refuses ambiguous names. */
async function resolveRegion(database: Database, text: string) {
  const regions = regionsRepository(database.db);
  const code = normalizeRegionCode(text);
  const found = code
    ? [await regions.get(code)].filter((r) => r !== undefined)
    : await regions.findByName(text, RegionScope.everything());
  if (found.length === 1 && found[0]) return found[0];
  if (found.length === 0) throw new AppError('region.unknown', { params: { region: text } });
  throw new Error(
    `“${text}”对应多个地区：${found.map((r) => `${r.name}(${r.code})`).join('、')}，请使用代码`,
  );
}

/** Prints domain errors the way the API words them, in Chinese, and exits non-zero. */
export async function runCli(argv: string[]): Promise<void> {
  // `bangfu stats … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`错误：${errorMessage(error.code, 'zh', error.details.params)}`);
      for (const f of error.fields)
        console.error(`  ${f.field}: ${fieldMessage(f.field, f.code, 'zh', f.params)}`);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    process.exitCode = 1;
  }
}
