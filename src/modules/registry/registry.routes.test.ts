// The registry over the real HTTP stack and database: what officials do, what they get wrong, and
// what the audit log keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { personFields, validIdNumber, villages } from '../../test-support/factories.js';
import { buildTestApp, type Caller, call } from '../../test-support/http.js';

describe.each(testDatabaseKinds())('registry API (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let clerk: Caller;
  let viewer: Caller;
  let village: string;

  const post = (caller: Caller | null, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    call(app.app, caller, { method: 'POST', url, payload: payload as object, headers });
  const get = (caller: Caller, url: string) => call(app.app, caller, { method: 'GET', url });
  const count = async (table: 'persons' | 'households' | 'auditEvents') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newHousehold = (members = [personFields()], extra: Record<string, unknown> = {}) => ({
    villageCode: village,
    category: 'povertyExited',
    members,
    ...extra,
  });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildTestApp(database);
    [village] = (await villages(database, '150521000000', 1)) as [string];
    clerk = await app.loginAs('operator', village);
    viewer = await app.loginAs('viewer', village.slice(0, 6).padEnd(12, '0'));
  });
  afterAll(async () => {
    await app.app.close();
    await database.dispose();
  });

  it('creates a household with members, derives birth date and sex, and audits each record', async () => {
    const auditBefore = await count('auditEvents');
    const idNumber = validIdNumber({ birthDate: '1990-07-04', female: true });
    const response = await post(
      clerk,
      '/api/households',
      newHousehold([
        personFields({ name: '王秀英', idNumber: idNumber.toLowerCase() }),
        personFields({
          name: '王小明',
          relationToHead: 'child',
          idNumber: validIdNumber({ birthDate: '2015-02-01' }),
          labourAbility: 'none',
          employmentStatus: 'unemployed',
          employmentForm: null,
          workLocation: null,
          workplace: null,
          employer: null,
          employmentStart: null,
          monthlyIncome: null,
          notWorkingReason: 'inSchool',
        }),
      ]),
    );
    expect(response.statusCode, response.body).toBe(201);
    const household = response.json();
    expect(household.householdNo).toMatch(/^\d{4}$/);
    expect(household.members).toHaveLength(2);
    const head = household.members[0];
    expect(head).toMatchObject({
      name: '王秀英',
      birthDate: '1990-07-04',
      sex: 'F',
      masked: true,
      isLabourer: true,
    });
    expect(head.idNumber).toMatch(/^150521\*{8}\d{3}[\dX]$/);
    expect(household.members[1].isLabourer).toBe(false);
    // household + 2 persons, written with the change.
    expect((await count('auditEvents')) - auditBefore).toBe(3);
  });

  it('refuses a wrong check character, naming the member field, in Chinese, and writes nothing', async () => {
    const persons = await count('persons');
    const good = validIdNumber();
    const bad = `${good.slice(0, 17)}${good.endsWith('1') ? '2' : '1'}`;
    const response = await post(clerk, '/api/households', newHousehold([personFields({ idNumber: bad })]));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.errors).toEqual([
      expect.objectContaining({
        field: 'members.0.idNumber',
        code: 'idNumber.checkDigit',
        message: expect.stringContaining('校验位'),
      }),
    ]);
    expect(await count('persons')).toBe(persons);
  });

  it('answers in English when the client asks for it', async () => {
    const response = await post(
      clerk,
      '/api/households',
      newHousehold([personFields({ idNumber: '12345' })]),
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(response.json().errors[0].message).toMatch(/18 characters/);
  });

  it('refuses a birth date in the future and a malformed date inside the ID number', async () => {
    for (const [birth, code] of [
      ['20991231', 'idNumber.futureBirth'],
      ['19900230', 'idNumber.birthDate'],
    ] as const) {
      const first17 = `150521${birth}123`;
      const { idCheckCharacter } = await import('./registry.rules.js');
      const response = await post(
        clerk,
        '/api/households',
        newHousehold([personFields({ idNumber: `${first17}${idCheckCharacter(first17)}` })]),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].code).toBe(code);
    }
  });

  it('refuses a duplicate ID number, within the request and against the registry', async () => {
    const idNumber = validIdNumber();
    expect(
      (await post(clerk, '/api/households', newHousehold([personFields({ idNumber })]))).statusCode,
    ).toBe(201);
    const persons = await count('persons');
    const households = await count('households');
    const again = await post(clerk, '/api/households', newHousehold([personFields({ idNumber })]));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'conflict.idNumber',
      errors: [{ field: 'members.0.idNumber' }],
    });
    const twice = await post(
      clerk,
      '/api/households',
      newHousehold([
        personFields({ idNumber: validIdNumber() }),
        personFields({ relationToHead: 'spouse', idNumber: validIdNumber() }),
      ]),
    );
    expect(twice.statusCode).toBe(201);
    const inside = validIdNumber();
    const sameTwice = await post(
      clerk,
      '/api/households',
      newHousehold([
        personFields({ idNumber: inside }),
        personFields({ relationToHead: 'child', idNumber: inside }),
      ]),
    );
    expect(sameTwice.statusCode).toBe(400);
    expect(sameTwice.json().errors[0]).toMatchObject({
      field: 'members.1.idNumber',
      code: 'conflict.idNumber',
    });
    expect(await count('households')).toBe(households + 1);
    expect(await count('persons')).toBe(persons + 2);
  });

  it('refuses unknown regions, a town instead of a village, unknown fields, bad JSON, wrong media types and huge bodies', async () => {
    const unknown = await post(
      clerk,
      '/api/households',
      newHousehold(undefined, { villageCode: '150521999999' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'villageCode', code: 'region.unknown' });

    const town = await post(
      clerk,
      '/api/households',
      newHousehold(undefined, { villageCode: `${village.slice(0, 9)}000` }),
    );
    expect([400, 403]).toContain(town.statusCode);

    const extra = await post(clerk, '/api/households', newHousehold(undefined, { colour: 'red' }));
    expect(extra.json().errors).toEqual([expect.objectContaining({ field: 'colour', code: 'unknownField' })]);

    const badJson = await call(app.app, clerk, {
      method: 'POST',
      url: '/api/households',
      payload: '{"villageCode":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().code).toBe('request.badJson');

    const text = await call(app.app, clerk, {
      method: 'POST',
      url: '/api/households',
      payload: 'name=张三',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);

    const huge = await post(
      clerk,
      '/api/households',
      newHousehold([personFields({ name: 'x'.repeat(2_000_000) })]),
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('request.tooLarge');
  });

  it('refuses an employment record that contradicts itself and an absurd income', async () => {
    const notWorkingWithJob = await post(
      clerk,
      '/api/households',
      newHousehold([personFields({ employmentStatus: 'unemployed', notWorkingReason: 'idle' })]),
    );
    expect(notWorkingWithJob.statusCode).toBe(400);
    const fields = notWorkingWithJob.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['members.0.employer', 'members.0.monthlyIncome']));

    const absurd = await post(
      clerk,
      '/api/households',
      newHousehold([personFields({ monthlyIncome: 5_000_000 })]),
    );
    expect(absurd.json().errors[0]).toMatchObject({ field: 'members.0.monthlyIncome' });
    const negative = await post(
      clerk,
      '/api/households',
      newHousehold([personFields({ monthlyIncome: -1 })]),
    );
    expect(negative.statusCode).toBe(400);
  });

  it('refuses a household with two heads', async () => {
    const response = await post(
      clerk,
      '/api/households',
      newHousehold([
        personFields({ idNumber: validIdNumber() }),
        personFields({ idNumber: validIdNumber() }),
      ]),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toMatch(/^members/);
  });

  describe('changing and removing a person', () => {
    let personId: number;
    beforeAll(async () => {
      const created = await post(
        clerk,
        '/api/households',
        newHousehold([personFields({ name: '李四', idNumber: validIdNumber() })]),
      );
      personId = created.json().members[0].id;
    });

    it('updates only what was sent, audits the before and after of the changed fields, and refuses a stale version', async () => {
      const response = await call(app.app, clerk, {
        method: 'PATCH',
        url: `/api/persons/${personId}`,
        payload: { version: 1, employer: '通辽市某食品公司', monthlyIncome: 3800 },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        employer: '通辽市某食品公司',
        monthlyIncome: 3800,
        employmentStatus: 'employed',
        version: 2,
      });

      const stale = await call(app.app, clerk, {
        method: 'PATCH',
        url: `/api/persons/${personId}`,
        payload: { version: 1, employer: '别的' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('conflict.version');

      const history = (await get(clerk, `/api/persons/${personId}/history`)).json().items;
      expect(history[0]).toMatchObject({
        action: 'person.update',
        before: { employer: '呼和浩特市某建筑公司', monthlyIncome: 4200 },
        after: { employer: '通辽市某食品公司', monthlyIncome: 3800 },
      });
      expect(Object.keys(history[0].after).sort()).toEqual(['employer', 'monthlyIncome']);
    });

    it('masks ID and phone for everyone by default; reveals them only to permitted roles, and audits that', async () => {
      const masked = (await get(viewer, `/api/persons/${personId}`)).json();
      expect(masked.idNumber).toContain('********');
      expect(masked.phone).toBe('138****5678');
      expect((await post(viewer, `/api/persons/${personId}/reveal`, undefined)).statusCode).toBe(403);

      const revealed = await post(clerk, `/api/persons/${personId}/reveal`, undefined);
      expect(revealed.statusCode).toBe(200);
      expect(revealed.json().idNumber).toMatch(/^\d{17}[\dX]$/);
      const events = await database.db
        .selectFrom('auditEvents')
        .select(['action', 'actorId'])
        .where('entityType', '=', 'person')
        .where('entityId', '=', String(personId))
        .where('action', '=', 'person.reveal')
        .execute();
      expect(events).toHaveLength(1);
      expect(events[0]?.actorId).not.toBeNull();
    });

    it('refuses writes to a read-only account', async () => {
      const response = await call(app.app, viewer, {
        method: 'PATCH',
        url: `/api/persons/${personId}`,
        payload: { version: 2, employer: 'x' },
      });
      expect(response.statusCode).toBe(403);
    });

    it('removes a person only with a reason, and then no longer lists them', async () => {
      const noReason = await call(app.app, clerk, {
        method: 'DELETE',
        url: `/api/persons/${personId}`,
        payload: {},
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors[0]).toMatchObject({
        field: 'reason',
        code: 'required',
        message: '原因不能为空',
      });
      const removed = await call(app.app, clerk, {
        method: 'DELETE',
        url: `/api/persons/${personId}`,
        payload: { reason: '户籍迁出' },
      });
      expect(removed.statusCode).toBe(204);
      expect((await get(clerk, `/api/persons/${personId}`)).statusCode).toBe(404);
      expect((await get(clerk, '/api/persons?q=李四')).json().total).toBe(0);
    });
  });

  it('searches by name prefix, by ID number and by filters, with paging totals', async () => {
    const idNumber = validIdNumber();
    await post(clerk, '/api/households', newHousehold([personFields({ name: '赵搜索', idNumber })]));
    const byName = (await get(clerk, `/api/persons?q=${encodeURIComponent('赵搜')}`)).json();
    expect(byName.items.map((p: { name: string }) => p.name)).toEqual(['赵搜索']);
    const byId = (await get(clerk, `/api/persons?q=${idNumber}`)).json();
    expect(byId.total).toBe(1);
    const employed = (await get(clerk, '/api/persons?employmentStatus=employed&pageSize=1')).json();
    expect(employed.items).toHaveLength(1);
    expect(employed.total).toBeGreaterThan(1);
    const bad = await get(clerk, '/api/persons?employmentStatus=sometimes&pageSize=1000');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['employmentStatus', 'pageSize']);
  });
});
