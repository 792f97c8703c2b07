// A town's month of follow-ups loaded from its spreadsheet, on both database kinds: exact counts and
// Excel row numbers for the file as exceljs and as LibreOffice write it; what lands (records, the
// village's monthly figures, audit events) and what does not (a dry run, a re-import, locked months,
// people outside the town); a changed row updates the record with its before/after; over HTTP, the
// report and the rejected rows as a spreadsheet, and a read-only account refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices, type Services } from '../../server/context.js';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { buildUser, personFields } from '../../test-support/factories.js';
import {
  followUpExpected,
  followUpMonth,
  followUpPeople,
  followUpRows,
  writeFollowUpXlsx,
} from '../../test-support/follow-up-fixtures.js';
import { buildTestApp, type Caller, call } from '../../test-support/http.js';
import { type Actor, RegionScope, systemActor } from '../access/scope.js';
import type { FollowUpImportReport } from './monitoring.import.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/ledger');
const fixture = (name: string) => path.join(fixtures, name);
const town = '150521100000'; // 保康镇
const baoxi = '150521100200';
const baonan = '150521100201';
const month = followUpMonth;

const brief = (report: FollowUpImportReport) => report.errors.map((e) => [e.row, e.column, e.code]);

describe.each(testDatabaseKinds())('follow-up sheet import (%s)', (kind) => {
  let database: TestDatabase;
  let services: Services;
  let work: string;
  let clerk: Actor;
  const personId = new Map<string, number>();

  async function actorFor(role: 'operator' | 'viewer', region: string): Promise<Actor> {
    const user = await buildUser(database, role, region);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role,
      scope: RegionScope.of(region),
    };
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    work = mkdtempSync(path.join(tmpdir(), 'follow-up-test-'));
    services = buildServices(database, {
      ...(await import('../../config.js')).loadConfig({}),
      ledgerDir: work,
    });
    const elsewhere = await database.db
      .selectFrom('regions')
      .select('code')
      .where('code', 'like', '150521%')
      .where('code', 'not like', '150521100%')
      .where('level', '=', 5)
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const villageOf = { home: baoxi, locked: baonan, elsewhere: elsewhere.code };
    for (const person of Object.values(followUpPeople)) {
      const created = await services.registry.createHousehold(systemActor(), {
        villageCode: villageOf[person.place],
        category: 'povertyExited',
        relocation: 'none',
        members: [
          personFields({
            name: person.name,
            idNumber: person.idNumber,
            ...(person.employed
              ? {}
              : {
                  employmentStatus: 'unemployed',
                  employmentForm: null,
                  workLocation: null,
                  workplace: null,
                  employer: null,
                  employmentStart: null,
                  monthlyIncome: null,
                  notWorkingReason: 'idle',
                }),
          }),
        ],
      });
      personId.set(person.idNumber, created.members[0]?.id as number);
    }
    await database.db
      .insertInto('villageMonths')
      .values({ villageCode: baonan, month, status: 'accepted' })
      .execute();
    clerk = await actorFor('operator', town);
  });
  afterAll(async () => {
    await database.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  const followUps = () =>
    database.db.selectFrom('followUps').selectAll().where('month', '=', month).orderBy('personId').execute();

  it.each(['follow-ups-2026-10.xlsx', 'follow-ups-2026-10.libreoffice.xlsx'])(
    'checks %s: exact counts, Excel row numbers, columns as written, nothing written',
    async (name) => {
      const report = await services.followUpImport.importFile(clerk, fixture(name), { month, dryRun: true });
      expect(brief(report)).toEqual(followUpExpected.errors);
      expect(report).toMatchObject({
        rows: followUpExpected.rows,
        created: followUpExpected.created,
        updated: 0,
        unchanged: 0,
        rejected: followUpExpected.rejected,
        dryRun: true,
        file: { headerRows: [3] },
      });
      expect(report.ignoredColumns.map((c) => c.header)).toEqual(followUpExpected.ignoredColumns);
      expect(report.errors[0]?.message).toMatch(/姓名与该身份证号码登记的姓名不一致/);
      expect(await followUps()).toEqual([]);
    },
  );

  it('imports the good rows with their figures and audit events; a re-import changes nothing', async () => {
    const report = await services.followUpImport.importFile(clerk, fixture('follow-ups-2026-10.xlsx'), {
      month,
    });
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 9, villages: 1 });

    const records = await followUps();
    const byPerson = new Map(records.map((r) => [r.personId, r]));
    const liu = byPerson.get(personId.get(followUpPeople.liuFang.idNumber) as number);
    expect(liu).toMatchObject({
      employmentStatus: 'employed',
      employmentForm: 'migrantWork',
      workLocation: 'outOfProvince',
      employer: '北京某物流有限公司',
      monthlyIncome: 4800,
      // Another job than the registry's (省外, another employer): the old job's place and start are not kept.
      workplace: null,
      employmentStart: null,
      villageCode: baoxi,
      recordedBy: clerk.userId,
    });
    const chen = byPerson.get(personId.get(followUpPeople.chenGang.idNumber) as number);
    // Not working: no job facts kept, even those the sheet does not have columns for.
    expect(chen).toMatchObject({
      employmentStatus: 'unemployed',
      notWorkingReason: 'returned',
      employer: null,
      workplace: null,
      employmentStart: null,
      monthlyIncome: null,
    });
    expect(byPerson.get(personId.get(followUpPeople.maLi.idNumber) as number)).toMatchObject({
      employmentForm: 'publicWelfarePost',
      monthlyIncome: 1000,
    });
    expect(records).toHaveLength(3);

    const figures = await database.db
      .selectFrom('villageMonthFigures')
      .selectAll()
      .where('month', '=', month)
      .execute();
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatchObject({ villageCode: baoxi, persons: 3, employed: 2 });

    const audit = await database.db
      .selectFrom('auditEvents')
      .select(['action', 'entityId', 'actorId'])
      .where('action', 'in', ['followUp.record', 'followUp.import'])
      .execute();
    expect(audit.filter((a) => a.action === 'followUp.record')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'followUp.import')).toHaveLength(1);
    expect(new Set(audit.map((a) => a.actorId))).toEqual(new Set([clerk.userId]));

    const again = await services.followUpImport.importFile(
      clerk,
      fixture('follow-ups-2026-10.libreoffice.xlsx'),
      {
        month,
      },
    );
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 9 });
    expect(await followUps()).toEqual(records);
  });

  it('updates a changed row, with the before and after in the audit log', async () => {
    const rows = followUpRows.map((r) => [...r]);
    (rows[0] as unknown[])[8] = 5200;
    const file = path.join(work, 'changed.xlsx');
    await writeFollowUpXlsx(file, rows);
    const liu = personId.get(followUpPeople.liuFang.idNumber) as number;
    // A fact the sheet has no column for, recorded in the workbench meanwhile.
    await database.db
      .updateTable('followUps')
      .set({ workplace: '北京市大兴区' })
      .where('month', '=', month)
      .where('personId', '=', liu)
      .execute();
    const report = await services.followUpImport.importFile(clerk, file, { month });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    // The same job with a new income: the column the sheet lacks keeps this month's value.
    expect(
      await database.db
        .selectFrom('followUps')
        .select(['workplace', 'monthlyIncome'])
        .where('month', '=', month)
        .where('personId', '=', liu)
        .executeTakeFirstOrThrow(),
    ).toEqual({ workplace: '北京市大兴区', monthlyIncome: 5200 });
    const event = await database.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('action', '=', 'followUp.record')
      .where('entityId', '=', String(liu))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.before).toMatchObject({ monthlyIncome: 4800 });
    expect(event.after).toMatchObject({ monthlyIncome: 5200 });
  });

  it('refuses a village clerk the rows of other villages, a read-only account, a future month and a sheet without status', async () => {
    const villageClerk = await actorFor('operator', baoxi);
    const report = await services.followUpImport.importFile(
      villageClerk,
      fixture('follow-ups-2026-10.xlsx'),
      {
        month,
        dryRun: true,
      },
    );
    expect(report.errors.filter((e) => e.row === 13).map((e) => e.code)).toEqual([
      'followUp.personElsewhere',
    ]);

    const viewer = await actorFor('viewer', town);
    await expect(
      services.followUpImport.importFile(viewer, fixture('follow-ups-2026-10.xlsx'), { month }),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(
      services.followUpImport.importFile(clerk, fixture('follow-ups-2026-10.xlsx'), { month: '2099-01' }),
    ).rejects.toMatchObject({ code: 'validation' });
    const namesOnly = path.join(work, 'names-only.xlsx');
    await writeFollowUpXlsx(
      namesOnly,
      [
        ['序号', '姓名', '身份证号', '联系电话', '就业形式'],
        [1, followUpPeople.liuFang.name, followUpPeople.liuFang.idNumber, '13800000000', '务农'],
      ],
      false,
    );
    await expect(services.followUpImport.importFile(clerk, namesOnly, { month })).rejects.toMatchObject({
      code: 'ledger.columnsMissing',
    });
  });
});

describe.each(testDatabaseKinds())('follow-up sheet import over HTTP (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let townUser: Caller;
  let viewer: Caller;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildTestApp(database);
    townUser = await app.loginAs('operator', town);
    viewer = await app.loginAs('viewer', town);
  });
  afterAll(async () => {
    await app.app.close();
    await database.dispose();
  });

  const upload = async (caller: Caller, url: string) =>
    call(app.app, caller, {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/octet-stream' },
      payload: await readFile(fixture('follow-ups-2026-10.xlsx')),
    });

  it('answers the report; nobody registered means every row is refused, with its reason', async () => {
    const response = await upload(
      townUser,
      `/api/ledger/follow-ups?month=${month}&dryRun=true&fileName=回访表.xlsx`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      rows: 12,
      created: 0,
      rejected: 12,
      dryRun: true,
      file: { name: '回访表.xlsx' },
    });
    expect(body.errors.find((e: { row: number }) => e.row === 4)).toMatchObject({
      column: '身份证号',
      code: 'followUp.personUnknown',
    });
  });

  it('sends the rejected rows as a spreadsheet with the reasons', async () => {
    const response = await upload(townUser, `/api/ledger/follow-ups/rejected.xlsx?month=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const header = (sheet.getRow(2).values as unknown[]).filter(Boolean);
    expect(header).toContain('未导入原因');
    // Title, header, then the 12 refused rows as they were, each with its reason.
    expect(sheet.rowCount).toBe(14);
    expect(String(sheet.getRow(3).getCell(header.length).value)).toMatch(/没有登记此身份证号码/);
  });

  it('refuses a read-only account and a bad month with a clear message', async () => {
    expect((await upload(viewer, `/api/ledger/follow-ups?month=${month}`)).statusCode).toBe(403);
    const bad = await upload(townUser, '/api/ledger/follow-ups?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors?.[0]?.field ?? bad.body).toMatch(/month/);
  });
});
