// A month of monitoring over the real HTTP stack: the village records and submits, the town returns
// and accepts, the county reopens; warnings are raised and handled; targets are set and tracked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPopulation } from '../../demo/demo.loader.js';
import { localDay } from '../../shared/dates.js';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { buildTestApp, type Caller, call } from '../../test-support/http.js';
import { scopePrefix } from '../regions/regions.rules.js';
import { addMonths } from './monitoring.rules.js';

describe.each(testDatabaseKinds())('monthly monitoring (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let clerk: Caller & { user: { displayName: string } };
  let town: Caller & { user: { displayName: string } };
  let county: Caller;
  let city: Caller;
  let village: string;
  let people: { id: number; record: object | null }[];
  const month = localDay(new Date()).slice(0, 7);
  const lastMonth = addMonths(month, -1);
  const base = (m: string) => `/api/monitoring/villages/${village}/months/${m}`;
  const send = (caller: Caller, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    call(app.app, caller, { method, url, ...(payload ? { payload } : {}) });
  /** The village's town, county and city, each with its own official. */
  const aboveVillage = () =>
    [
      [town, `${village.slice(0, 9)}000`],
      [county, '150521000000'],
      [city, '150500000000'],
    ] as const;
  /** This month's statistics page of each region above the village. */
  const monthlyAbove = () =>
    Promise.all(
      aboveVillage().map(async ([caller, code]) => {
        const response = await send(caller, 'GET', `/api/stats/monthly?region=${code}&month=${month}`);
        expect(response.statusCode, response.body).toBe(200);
        return response.json();
      }),
    );

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    // 科左中旗: 120 households over 3 villages.
    await loadDemoPopulation(database, {
      households: 120,
      seed: 5,
      regionCode: '150521000000',
      householdsPerVillage: 40,
    });
    const first = await database.db
      .selectFrom('households')
      .select('villageCode')
      .orderBy('villageCode')
      .limit(1)
      .executeTakeFirstOrThrow();
    village = first.villageCode;
    app = await buildTestApp(database);
    clerk = await app.loginAs('operator', village);
    town = await app.loginAs('operator', `${village.slice(0, 9)}000`);
    county = await app.loginAs('admin', '150521000000');
    city = await app.loginAs('admin', '150500000000');
  });
  afterAll(async () => {
    await app.app.close();
    await database.dispose();
  });

  it('shows the village month as open with its deadlines and nobody recorded yet', async () => {
    const response = await send(clerk, 'GET', base(month));
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      status: 'open',
      submitBy: `${month}-15`,
      reviewBy: `${month}-25`,
      recorded: 0,
    });
    expect(body.people.length).toBeGreaterThan(50);
    expect(body.people[0].idNumber).toContain('********');
    // Each person with the registry's employment (what "no change" records), no record yet, and last month's.
    expect(body.people[0]).toMatchObject({ record: null, lastMonth: null });
    expect(body.people[0].registered.employmentStatus).toMatch(/employed|unemployed/);
    expect(body).toMatchObject({
      submittedAt: null,
      submittedBy: null,
      reviewedBy: null,
      reopenReason: null,
    });
    people = body.people;
  });

  it('"no change" carries last month\'s record when there is one, else the registry\'s employment', async () => {
    const [before, earlier] = [addMonths(month, -3), addMonths(month, -2)];
    const worker = await database.db
      .selectFrom('persons')
      .select(['id', 'employmentForm'])
      .where('villageCode', '=', village)
      .where('employmentStatus', '=', 'employed')
      .where('employmentForm', '<>', 'migrantWork')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const recorded = await send(clerk, 'POST', `${base(before)}/follow-ups`, {
      entries: [
        {
          personId: worker.id,
          employmentStatus: 'unemployed',
          notWorkingReason: 'caringForFamily',
          wantsWork: false,
        },
      ],
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const other = people.find((p) => p.id !== worker.id)?.id as number;
    const confirmed = await send(clerk, 'POST', `${base(earlier)}/confirm-unchanged`, {
      personIds: [worker.id, other],
    });
    expect(confirmed.json().confirmed).toBe(2);
    const view = (await send(clerk, 'GET', base(earlier))).json();
    const row = view.people.find((p: { id: number }) => p.id === worker.id);
    expect(row.lastMonth).toMatchObject({
      employmentStatus: 'unemployed',
      notWorkingReason: 'caringForFamily',
    });
    expect(row.record).toMatchObject({
      employmentStatus: 'unemployed',
      notWorkingReason: 'caringForFamily',
      wantsWork: false,
    });
    // The registry still says employed: that is what someone without last month's record gets.
    expect(row.registered).toMatchObject({
      employmentStatus: 'employed',
      employmentForm: worker.employmentForm,
    });
    const second = view.people.find((p: { id: number }) => p.id === other);
    expect(second.lastMonth).toBeNull();
    expect(second.record.employmentStatus).toBe(second.registered.employmentStatus);
    expect(second.record.employmentForm).toBe(second.registered.employmentForm);
  });

  it('confirms "no change" for everyone last month in one action', async () => {
    const response = await send(clerk, 'POST', `${base(lastMonth)}/confirm-unchanged`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().confirmed).toBe(people.length);
    // Confirming again adds nothing: everyone already has a record.
    expect((await send(clerk, 'POST', `${base(lastMonth)}/confirm-unchanged`, {})).json().confirmed).toBe(0);
  });

  let returnee: number;
  it('records a returned migrant worker this month and refuses contradictions', async () => {
    const migrant = await database.db
      .selectFrom('persons')
      .select('id')
      .where('villageCode', '=', village)
      .where('employmentForm', '=', 'migrantWork')
      .where('wantsWork', '=', true)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    returnee = migrant.id;
    const bad = await send(clerk, 'POST', `${base(month)}/follow-ups`, {
      entries: [
        {
          personId: returnee,
          employmentStatus: 'unemployed',
          employer: '某公司',
          monthlyIncome: 3000,
          wantsWork: true,
        },
        {
          personId: returnee,
          employmentStatus: 'employed',
          employmentForm: 'farming',
          workLocation: 'inCounty',
          monthlyIncome: -5,
          wantsWork: true,
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['entries.0.employer', 'entries.0.notWorkingReason', 'entries.1.monthlyIncome']),
    );
    expect(
      await database.db.selectFrom('followUps').select('personId').where('month', '=', month).execute(),
    ).toEqual([]);

    const future = await send(clerk, 'POST', `${base(addMonths(month, 1))}/follow-ups`, {
      entries: [
        { personId: returnee, employmentStatus: 'unemployed', notWorkingReason: 'idle', wantsWork: true },
      ],
    });
    expect(future.json().errors[0].code).toBe('monitoring.futureMonth');

    const good = await send(clerk, 'POST', `${base(month)}/follow-ups`, {
      entries: [
        { personId: returnee, employmentStatus: 'unemployed', notWorkingReason: 'returned', wantsWork: true },
      ],
    });
    expect(good.statusCode, good.body).toBe(200);
    const rest = await send(clerk, 'POST', `${base(month)}/confirm-unchanged`, {});
    expect(rest.json().confirmed).toBe(people.length - 1);

    // The month screen shows this month's record with who recorded it, beside last month's.
    const view = (await send(clerk, 'GET', base(month))).json();
    expect(view.recorded).toBe(people.length);
    const row = view.people.find((p: { id: number }) => p.id === returnee);
    expect(row.record).toMatchObject({
      employmentStatus: 'unemployed',
      notWorkingReason: 'returned',
      wantsWork: true,
      recordedBy: clerk.user.displayName,
    });
    expect(row.lastMonth).toMatchObject({ employmentStatus: 'employed', employmentForm: 'migrantWork' });
  });

  it("sums the month's figures at every level from its villages as each write lands", async () => {
    const levels = aboveVillage();
    const figures = async () => {
      const pages = await monthlyAbove();
      return Promise.all(
        levels.map(async ([caller, code], i) => {
          const trend = (
            await send(caller, 'GET', `/api/stats/trend?region=${code}&month=${month}&months=2`)
          ).json();
          return { ...pages[i], trend: trend.items.at(-1) };
        }),
      );
    };
    const recorded = () =>
      database.db
        .selectFrom('followUps')
        .select(['villageCode', 'employmentStatus', 'workLocation'])
        .where('month', '=', month)
        .execute();
    const before = await figures();
    const records = await recorded();
    levels.forEach(([, code], i) => {
      const below = records.filter((r) => r.villageCode.startsWith(scopePrefix(code)));
      const employed = below.filter((r) => r.employmentStatus === 'employed');
      expect(before[i]).toMatchObject({ persons: below.length, employed: employed.length });
      expect(before[i].byLocation.inCounty).toBe(
        employed.filter((r) => r.workLocation === 'inCounty').length,
      );
      expect(before[i].trend).toMatchObject({
        recorded: true,
        persons: below.length,
        employed: employed.length,
      });
    });

    // The returnee finds work in the county, then is recorded as returned again for the tests after.
    const entry = (record: object) => send(clerk, 'POST', `${base(month)}/follow-ups`, { entries: [record] });
    const working = await entry({
      personId: returnee,
      employmentStatus: 'employed',
      employmentForm: 'farming',
      workLocation: 'inCounty',
      monthlyIncome: 1800,
      wantsWork: false,
    });
    expect(working.statusCode, working.body).toBe(200);
    const after = await figures();
    levels.forEach((_, i) => {
      expect(after[i].employed).toBe(before[i].employed + 1);
      expect(after[i].byLocation.inCounty).toBe(before[i].byLocation.inCounty + 1);
      expect(after[i].trend.employed).toBe(before[i].trend.employed + 1);
    });
    await entry({
      personId: returnee,
      employmentStatus: 'unemployed',
      notWorkingReason: 'returned',
      wantsWork: true,
    });
    expect((await figures()).map((f) => f.employed)).toEqual(before.map((f) => f.employed));
  });

  it('expects a report from every village with live households, as households come and go', async () => {
    const expected = async () =>
      (await send(county, 'GET', `/api/stats/monthly?region=150521000000&month=${month}`)).json().reporting
        .expected;
    expect(await expected()).toBe(3);
    const other = await database.db
      .selectFrom('regions')
      .select('code')
      .where('code', 'like', '150521%')
      .where('level', '=', 5)
      .where('code', 'not in', (eb) => eb.selectFrom('households').select('villageCode'))
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const added = await database.db
      .insertInto('households')
      .values(
        ['9001', '9002'].map((householdNo) => ({
          villageCode: other.code,
          householdNo,
          category: 'povertyExited' as const,
          monitoringType: null,
          relocation: 'none' as const,
          resettlementSite: null,
          address: null,
          deletedAt: null,
          deletedReason: null,
        })),
      )
      .returning('id')
      .execute();
    expect(await expected()).toBe(4);
    const [first, second] = added.map((h) => h.id) as [number, number];
    await database.db
      .updateTable('households')
      .set({ deletedAt: new Date(), deletedReason: '迁出' })
      .where('id', '=', first)
      .execute();
    expect(await expected()).toBe(4);
    await database.db.deleteFrom('households').where('id', '=', second).execute();
    expect(await expected()).toBe(3);
    await database.db.deleteFrom('households').where('id', '=', first).execute();
    expect(await expected()).toBe(3);
  });

  it('runs the workflow: submit, locked, return with reason, resubmit, accept, reopen by the county', async () => {
    expect((await send(clerk, 'POST', `${base(month)}/actions`, { action: 'submit' })).json().status).toBe(
      'submitted',
    );
    const locked = await send(clerk, 'POST', `${base(month)}/follow-ups`, {
      entries: [
        { personId: returnee, employmentStatus: 'unemployed', notWorkingReason: 'idle', wantsWork: true },
      ],
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('monitoring.monthLocked');

    expect((await send(clerk, 'POST', `${base(month)}/actions`, { action: 'accept' })).statusCode).toBe(403);
    const noReason = await send(town, 'POST', `${base(month)}/actions`, { action: 'return' });
    expect(noReason.json().code).toBe('workflow.reasonRequired');
    expect(
      (
        await send(town, 'POST', `${base(month)}/actions`, { action: 'return', reason: '收入填写有误' })
      ).json().status,
    ).toBe('returned');
    expect((await send(clerk, 'GET', base(month))).json()).toMatchObject({
      returnReason: '收入填写有误',
      submittedBy: clerk.user.displayName,
      reviewedBy: town.user.displayName,
    });
    expect((await send(clerk, 'POST', `${base(month)}/actions`, { action: 'submit' })).json().status).toBe(
      'submitted',
    );
    expect((await send(town, 'POST', `${base(month)}/actions`, { action: 'accept' })).json().status).toBe(
      'accepted',
    );

    // Accepting makes the month the registry's current employment.
    const person = await database.db
      .selectFrom('persons')
      .select(['employmentStatus', 'notWorkingReason'])
      .where('id', '=', returnee)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ employmentStatus: 'unemployed', notWorkingReason: 'returned' });

    expect(
      (await send(town, 'POST', `${base(month)}/actions`, { action: 'reopen', reason: '更正' })).statusCode,
    ).toBe(403);
    const reopened = await send(county, 'POST', `${base(month)}/actions`, {
      action: 'reopen',
      reason: '核查发现错报',
    });
    expect(reopened.json().status).toBe('open');
    expect((await send(clerk, 'GET', base(month))).json()).toMatchObject({
      status: 'open',
      reopenReason: '核查发现错报',
    });
    const log = await database.db
      .selectFrom('auditEvents')
      .select(['action', 'note'])
      .where('entityType', '=', 'villageMonth')
      .where('entityId', '=', `${village}:${month}`)
      .orderBy('id')
      .execute();
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'villageMonth.submit',
        'villageMonth.return',
        'villageMonth.accept',
        'villageMonth.reopen',
      ]),
    );
    expect(log.find((e) => e.action === 'villageMonth.reopen')?.note).toBe('核查发现错报');
  });

  it('counts completeness and timeliness per town, listing the villages that have not reported', async () => {
    const response = await send(county, 'GET', `/api/monitoring/reporting?month=${lastMonth}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.expected).toBe(3);
    // Last month was recorded but never submitted, and its deadline has passed.
    expect(body.missing).toBe(3);
    expect(body.overdueVillages).toHaveLength(3);
    expect(body.children.reduce((a: number, c: { expected: number }) => a + c.expected, 0)).toBe(3);
  });

  it('lists the months of the villages below a region, filtered by state and timeliness, a page at a time', async () => {
    const list = await send(
      county,
      'GET',
      `/api/monitoring/village-months?month=${lastMonth}&timeliness=overdue`,
    );
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body).toMatchObject({ total: 3, byTimeliness: { missing: 3 }, byStatus: { open: 3 } });
    const own = body.items.find((v: { village: { code: string } }) => v.village.code === village);
    // Everyone was confirmed last month, but the month was never submitted.
    expect(own).toMatchObject({ status: 'open', timeliness: 'missing', submitBy: `${lastMonth}-15` });
    expect(own.recorded).toBe(people.length);
    expect(own.people).toBe(people.length);
    expect(own.town.name).toBeTruthy();

    const paged = await send(
      county,
      'GET',
      `/api/monitoring/village-months?month=${lastMonth}&pageSize=2&page=2`,
    );
    expect(paged.json()).toMatchObject({ total: 3, page: 2 });
    expect(paged.json().items).toHaveLength(1);
    const accepted = await send(
      county,
      'GET',
      `/api/monitoring/village-months?month=${lastMonth}&status=accepted`,
    );
    expect(accepted.json()).toMatchObject({ total: 0, items: [] });
    const bad = await send(county, 'GET', `/api/monitoring/village-months?month=${lastMonth}&status=done`);
    expect(bad.statusCode).toBe(400);
  });

  it('raises lostJob and returned for the returnee, and moves the warning through its states', async () => {
    const computed = await send(county, 'POST', '/api/monitoring/warnings/compute', { month });
    expect(computed.statusCode, computed.body).toBe(200);
    expect(computed.json().byRule.lostJob).toBeGreaterThanOrEqual(1);
    const list = await send(clerk, 'GET', `/api/monitoring/warnings?month=${month}&rule=lostJob`);
    const warning = list.json().items.find((w: { personId: number }) => w.personId === returnee);
    expect(warning).toMatchObject({ rule: 'lostJob', state: 'new', villageCode: village });

    const handling = await send(clerk, 'PATCH', `/api/monitoring/warnings/${warning.id}`, {
      state: 'handling',
      note: '已推荐3个岗位',
    });
    expect(handling.json().state).toBe('handling');
    const back = await send(clerk, 'PATCH', `/api/monitoring/warnings/${warning.id}`, { state: 'new' });
    expect(back.statusCode).toBe(409);
    // Recomputing keeps the handled warning and its state.
    await send(county, 'POST', '/api/monitoring/warnings/compute', { month });
    const again = await send(
      clerk,
      'GET',
      `/api/monitoring/warnings?month=${month}&rule=lostJob&state=handling`,
    );
    expect(again.json().items.map((w: { id: number }) => w.id)).toContain(warning.id);

    // The statistics count the open warnings of the month at every level, and stop counting a
    // resolved one.
    const levels = aboveVillage();
    const shown = async () => (await monthlyAbove()).map((m) => m.warningsOpen as number);
    const stored = async () => {
      const open = await database.db
        .selectFrom('warnings')
        .select('villageCode')
        .where('month', '=', month)
        .where('state', '<>', 'resolved')
        .execute();
      return levels.map(([, code]) => open.filter((w) => w.villageCode.startsWith(scopePrefix(code))).length);
    };
    const before = await stored();
    expect(before[0]).toBeGreaterThan(0);
    expect(await shown()).toEqual(before);
    const resolved = await send(clerk, 'PATCH', `/api/monitoring/warnings/${warning.id}`, {
      state: 'resolved',
      note: '已到县内企业就业',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(await shown()).toEqual(before.map((n) => n - 1));
    expect(await stored()).toEqual(before.map((n) => n - 1));
    await send(clerk, 'PATCH', `/api/monitoring/warnings/${warning.id}`, { state: 'handling' });
    expect(await shown()).toEqual(before);
  });

  it("takes seed 001's breakdown by the names officials write, and refuses one whose children exceed the parent", async () => {
    const year = Number(month.slice(0, 4));
    const annex = {
      year,
      measure: 'relocatedEmployed',
      region: '通辽市',
      value: 1000,
      children: [
        { region: '科左中旗', value: 400 },
        { region: '开鲁县', value: 20 },
        { region: '库伦旗', value: 30 },
        { region: '奈曼旗', value: 400 },
        { region: '扎鲁特旗', value: 150 },
      ],
      source: '通辽市2022年易地扶贫搬迁劳动力就业任务分解表',
    };
    const saved = await send(city, 'PUT', '/api/targets', annex);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ undistributed: 0, rows: 6 });

    const before = await database.db.selectFrom('targets').selectAll().execute();
    const over = await send(city, 'PUT', '/api/targets', {
      ...annex,
      children: [...annex.children.slice(0, 4), { region: '扎鲁特旗', value: 151 }],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0]).toMatchObject({ field: 'children', code: 'target.childrenExceedParent' });
    const unknown = await send(city, 'PUT', '/api/targets', {
      ...annex,
      children: [{ region: '不存在旗', value: 1 }],
    });
    expect(unknown.json().errors[0]).toMatchObject({ field: 'children.0.region', code: 'region.unknown' });
    expect(await database.db.selectFrom('targets').selectAll().execute()).toEqual(before);
    // A county cannot set the city's target.
    expect((await send(county, 'PUT', '/api/targets', annex)).statusCode).toBe(403);

    const progress = await send(county, 'GET', `/api/targets/progress?month=${month}`);
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json().items).toEqual([
      expect.objectContaining({
        measure: 'relocatedEmployed',
        target: 400,
        region: expect.objectContaining({ name: '科尔沁左翼中旗' }),
      }),
    ]);
  });

  it("keeps an accepted month's figures frozen when the registry changes later", async () => {
    await send(clerk, 'POST', `${base(month)}/actions`, { action: 'submit' });
    expect((await send(town, 'POST', `${base(month)}/actions`, { action: 'accept' })).json().status).toBe(
      'accepted',
    );
    const monthly = async () =>
      (await send(town, 'GET', `/api/stats/monthly?region=${village}&month=${month}`)).json();
    const live = async () => (await send(town, 'GET', `/api/stats/summary?region=${village}`)).json();
    const before = await monthly();
    expect(before.persons).toBe(people.length);
    // The pre-aggregated figures equal a direct count of the month's follow-ups.
    const records = await database.db
      .selectFrom('followUps')
      .selectAll()
      .where('month', '=', month)
      .where('villageCode', '=', village)
      .execute();
    expect(before.employed).toBe(records.filter((r) => r.employmentStatus === 'employed').length);
    expect(before.labourers).toBe(records.filter((r) => r.labourer).length);
    expect(before.byForm.migrantWork).toBe(
      records.filter((r) => r.employmentForm === 'migrantWork' && r.employmentStatus === 'employed').length,
    );
    expect(before.households).toBe(new Set(records.map((r) => r.householdId)).size);
    expect(before.reporting).toMatchObject({ expected: 1, submitted: 1 });
    expect(before.changeFromLastMonth).not.toBeNull();
    const liveBefore = await live();

    const labourer = await database.db
      .selectFrom('persons')
      .select(['id', 'version'])
      .where('villageCode', '=', village)
      .where('labourAbility', '<>', 'none')
      .where('employmentStatus', '=', 'unemployed')
      .where('birthDate', '>', '1970-01-01')
      .where('birthDate', '<', '2000-01-01')
      .limit(1)
      .executeTakeFirstOrThrow();
    const edit = await send(clerk, 'PATCH', `/api/persons/${labourer.id}`, {
      version: labourer.version,
      labourAbility: 'none',
    });
    expect(edit.statusCode, edit.body).toBe(200);

    expect((await live()).labourers).toBe(liveBefore.labourers - 1);
    expect(await monthly()).toEqual(before);
  });

  it('lets a county administrator set its own deadlines from a date on, and refuses bad or foreign ones', async () => {
    const policy = {
      regionCode: '150521000000',
      validFrom: `${month}-01`,
      villageSubmitDay: 10,
      townReviewDay: 20,
      source: '科左中旗人社局通知',
    };
    const bad = await send(county, 'POST', '/api/policies/reporting', { ...policy, townReviewDay: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'townReviewDay', code: 'policy.reviewBeforeSubmit' });
    expect((await send(clerk, 'POST', '/api/policies/reporting', policy)).statusCode).toBe(403);
    expect(
      (await send(county, 'POST', '/api/policies/reporting', { ...policy, regionCode: '150522000000' }))
        .statusCode,
    ).toBe(403);

    expect((await send(county, 'POST', '/api/policies/reporting', policy)).statusCode).toBe(201);
    const next = addMonths(month, 1);
    expect((await send(clerk, 'GET', base(next))).json()).toMatchObject({
      submitBy: `${next}-10`,
      reviewBy: `${next}-20`,
    });
    const listed = (await send(clerk, 'GET', '/api/policies')).json();
    expect(listed.reporting.map((p: { source: string }) => p.source)).toEqual(
      expect.arrayContaining(['科左中旗人社局通知']),
    );
  });

  it("accepting an older month again does not replace a later accepted month's employment in the registry", async () => {
    // This month is accepted (above): the returnee is registered as not working, returned home.
    await send(clerk, 'POST', `${base(lastMonth)}/actions`, { action: 'submit' });
    expect((await send(town, 'POST', `${base(lastMonth)}/actions`, { action: 'accept' })).json().status).toBe(
      'accepted',
    );
    const person = await database.db
      .selectFrom('persons')
      .select(['employmentStatus', 'notWorkingReason'])
      .where('id', '=', returnee)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ employmentStatus: 'unemployed', notWorkingReason: 'returned' });
  });
});
