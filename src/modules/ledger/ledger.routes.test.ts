// The ledger over HTTP as the web upload page will use it: upload (multipart or raw body) → preview
// and check → confirm → progress → report → rejected rows; the exports with masking by role.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { buildTestApp, type Caller, call } from '../../test-support/http.js';
import { ids, officeExpected } from '../../test-support/ledger-fixtures.js';
import { openLedgerSource } from './ledger.reader.js';
import { cellText } from './ledger.rules.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/ledger');
const town = '150521100000';

/** A multipart/form-data body with one file, as a browser's <input type="file"> sends it. */
function multipartBody(fileName: string, content: Buffer, contentType: string) {
  const boundary = `----bangfu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    // Browsers send the file name as raw UTF-8.
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function xlsxRows(body: Buffer): Promise<string[][]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ledger-http-'));
  try {
    const file = path.join(dir, 'download.xlsx');
    writeFileSync(file, body);
    const source = await openLedgerSource(file);
    const rows: string[][] = [];
    for await (const batch of source.rows())
      for (const r of batch) rows.push(r.cells.map((c) => cellText(c)));
    await source.close();
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testDatabaseKinds())('ledger API (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let operator: Caller;
  let viewer: Caller;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildTestApp(database);
    operator = await app.loginAs('operator', town);
    viewer = await app.loginAs('viewer', town);
  });
  afterAll(async () => {
    await app.services.ledger.idle();
    await app.app.close();
    await database.dispose();
  });

  async function settled(caller: Caller, id: number) {
    await app.services.ledger.idle();
    const response = await call(app.app, caller, { method: 'GET', url: `/api/ledger/imports/${id}` });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  it('uploads, previews, checks, confirms and reports an office ledger', async () => {
    const file = readFileSync(path.join(fixtures, 'office-ledger.xlsx'));
    const upload = await call(app.app, operator, {
      method: 'POST',
      url: '/api/ledger/imports',
      ...multipartBody(
        '保康镇台账2024.xlsx',
        file,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
    });
    expect(upload.statusCode, upload.body).toBe(202);
    const created = upload.json();
    expect(created).toMatchObject({ fileName: '保康镇台账2024.xlsx', format: 'xlsx', regionCode: town });
    expect(['checking', 'checked']).toContain(created.status);
    expect(created.preview).toMatchObject({ sheet: '脱贫劳动力台账', headerRows: [4, 5] });
    expect(created.preview.columns).toContainEqual({
      column: 'G',
      header: '公民身份号码',
      field: 'idNumber',
      fieldLabel: '身份证号码',
    });
    expect(created.preview.ignoredColumns.map((c: { header: string }) => c.header)).toEqual(['序号', '备注']);
    expect(created.preview.sampleRows[0]).toMatchObject({
      row: 7,
      cells: { 姓名: '张德胜', 旗县: '科左中旗' },
    });

    const checked = await settled(operator, created.id);
    expect(checked.status).toBe('checked');
    expect(checked.check).toMatchObject({ rows: 12, created: 5, rejected: 7, dryRun: true, errorCount: 7 });
    expect(checked.check.errors.map((e: { row: number }) => e.row)).toEqual(
      officeExpected.errors.map((e) => e.row),
    );
    expect(await database.db.selectFrom('persons').select('id').execute()).toEqual([]);

    // Someone else cannot see or confirm it.
    const other = await app.loginAs('operator', town);
    expect(
      (await call(app.app, other, { method: 'GET', url: `/api/ledger/imports/${created.id}` })).statusCode,
    ).toBe(404);

    const confirm = await call(app.app, operator, {
      method: 'POST',
      url: `/api/ledger/imports/${created.id}/confirm`,
    });
    expect(confirm.statusCode, confirm.body).toBe(202);
    expect(confirm.json().status).toBe('importing');
    const done = await settled(operator, created.id);
    expect(done.status).toBe('imported');
    expect(done.report).toMatchObject({
      rows: 12,
      created: 5,
      updated: 0,
      unchanged: 0,
      rejected: 7,
      dryRun: false,
    });
    const again = await call(app.app, operator, {
      method: 'POST',
      url: `/api/ledger/imports/${created.id}/confirm`,
    });
    expect(again.statusCode).toBe(409);

    const rejected = await call(app.app, operator, {
      method: 'GET',
      url: `/api/ledger/imports/${created.id}/rejected.xlsx`,
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.headers['content-type']).toContain('spreadsheetml');
    expect(rejected.headers['content-disposition']).toContain(
      encodeURIComponent('保康镇台账2024_未导入的行.xlsx'),
    );
    const rows = await xlsxRows(rejected.rawPayload);
    expect(rows.slice(2).map((r) => r.at(-2))).toEqual(['9', '12', '14', '15', '16', '17', '19']);

    const list = await call(app.app, operator, { method: 'GET', url: '/api/ledger/imports' });
    expect(list.json().items.map((i: { id: number }) => i.id)).toContain(created.id);

    // The problems page by page, for a long list.
    const page = await call(app.app, operator, {
      method: 'GET',
      url: `/api/ledger/imports/${created.id}?errors=3&errorOffset=3`,
    });
    expect(page.json().report.errors.map((e: { row: number }) => e.row)).toEqual([15, 16, 17]);
    expect(page.json().report.errorCount).toBe(7);
    // Counted by kind over the whole file, whatever the page.
    expect(page.json().report.codeCounts).toEqual({
      'ledger.duplicateInFile': 2,
      'idNumber.excelMangled': 1,
      'ledger.sexMismatch': 1,
      'employment.formRequired': 1,
      'household.headMissing': 1,
      'region.unknown': 1,
    });

    // The region's imports, by anyone in it, with who, the file and the counts; read-only accounts see them too.
    for (const [caller, mine] of [
      [operator, true],
      [other, false],
      [viewer, false],
    ] as const) {
      const region = await call(app.app, caller, {
        method: 'GET',
        url: `/api/ledger/imports?region=${town}`,
      });
      expect(region.statusCode, region.body).toBe(200);
      expect(region.json().uploadLimit).toBeGreaterThan(0);
      expect(region.json().items.find((i: { id: number }) => i.id === created.id)).toMatchObject({
        fileName: '保康镇台账2024.xlsx',
        userName: expect.any(String),
        status: 'imported',
        regionCode: town,
        rows: 12,
        created: 5,
        updated: 0,
        unchanged: 0,
        rejected: 7,
        mine,
      });
    }
    // Not the imports of a region outside the account's.
    const outside = await call(app.app, operator, {
      method: 'GET',
      url: '/api/ledger/imports?region=150522000000',
    });
    expect(outside.statusCode).toBe(403);
    const elsewhere = await app.loginAs('operator', '150522000000');
    const theirs = await call(app.app, elsewhere, { method: 'GET', url: '/api/ledger/imports' });
    expect(theirs.json().items.map((i: { id: number }) => i.id)).not.toContain(created.id);
  });

  it('accepts the raw file as the body (a GB18030 CSV) and says what is wrong with a bad file', async () => {
    const csv = readFileSync(path.join(fixtures, 'office-ledger.gb18030.csv'));
    const upload = await call(app.app, operator, {
      method: 'POST',
      url: `/api/ledger/imports?fileName=${encodeURIComponent('台账.csv')}`,
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(upload.statusCode, upload.body).toBe(202);
    const checked = await settled(operator, upload.json().id);
    expect(checked.check).toMatchObject({ rows: 12, created: 0, unchanged: 5, rejected: 7 });
    expect(checked.preview.encoding).toBe('gb18030');

    const noHeader = await call(app.app, operator, {
      method: 'POST',
      url: '/api/ledger/imports?fileName=x.csv',
      payload: Buffer.from('这不是台账\n只是一些文字\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(noHeader.statusCode).toBe(422);
    expect(noHeader.json()).toMatchObject({ code: 'ledger.headerNotFound' });
    expect(noHeader.json().title).toContain('表头');
    const xls = await call(app.app, operator, {
      method: 'POST',
      url: '/api/ledger/imports?fileName=old.xls',
      payload: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      headers: { 'content-type': 'application/vnd.ms-excel' },
    });
    expect(xls.statusCode).toBe(422);
    expect(xls.json().title).toContain('另存为 .xlsx');
    const readOnly = await call(app.app, viewer, {
      method: 'POST',
      url: '/api/ledger/imports?fileName=x.csv',
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(readOnly.statusCode).toBe(403);
  });

  it('exports the ledger with full numbers for operators (audited) and masked for read-only accounts', async () => {
    const full = await call(app.app, operator, {
      method: 'GET',
      url: `/api/ledger/export/ledger.xlsx?region=${town}`,
    });
    expect(full.statusCode, full.body).toBe(200);
    const fullRows = await xlsxRows(full.rawPayload);
    expect(fullRows[1]?.[12]).toBe('身份证号码');
    expect(fullRows.slice(2).map((r) => r[12])).toContain(ids.zhangDesheng);

    const masked = await call(app.app, viewer, { method: 'GET', url: '/api/ledger/export/ledger.xlsx' });
    expect(masked.statusCode).toBe(200);
    const maskedRows = await xlsxRows(masked.rawPayload);
    expect(maskedRows[0]?.[0]).toContain('已脱敏');
    expect(maskedRows.slice(2).map((r) => r[12])).toContain(
      `${ids.zhangDesheng.slice(0, 6)}********${ids.zhangDesheng.slice(-4)}`,
    );
    expect(maskedRows.flat().join()).not.toContain(ids.zhangDesheng);

    const forbidden = await call(app.app, viewer, {
      method: 'GET',
      url: '/api/ledger/export/persons.xlsx?unmasked=true',
    });
    expect(forbidden.statusCode).toBe(403);
    const list = await call(app.app, operator, {
      method: 'GET',
      url: '/api/ledger/export/persons.xlsx?employmentStatus=employed&page=1&pageSize=20',
    });
    expect(list.statusCode).toBe(200);
    const listRows = await xlsxRows(list.rawPayload);
    expect(listRows.slice(2).map((r) => r[10])).toEqual(['张德胜', '王秀兰', '李桂芝', '赵军']);
    expect(listRows.slice(2).every((r) => (r[12] ?? '').includes('*'))).toBe(true);
    const households = await call(app.app, operator, {
      method: 'GET',
      url: '/api/ledger/export/households.xlsx?category=monitored',
    });
    expect((await xlsxRows(households.rawPayload)).slice(2).map((r) => r[4])).toEqual(['0002']);

    const audit = await database.db
      .selectFrom('auditEvents')
      .select(['after', 'note'])
      .where('action', '=', 'ledger.export')
      .orderBy('id')
      .execute();
    expect(
      audit.map((a) => [(a.after as { kind: string }).kind, (a.after as { masked: boolean }).masked, a.note]),
    ).toEqual([
      ['ledger', false, '导出完整证件号码和电话（未脱敏）'],
      ['ledger', true, '导出（已脱敏）'],
      ['persons', true, '导出（已脱敏）'],
      ['households', true, '导出（已脱敏）'],
    ]);
  });

  it('refuses a file over the upload limit, as multipart and as the body, and keeps nothing of it', async () => {
    const small = await buildTestApp(database, { uploadLimit: 1024 });
    try {
      const caller = await small.loginAs('operator', town);
      const file = readFileSync(path.join(fixtures, 'office-ledger.utf8.csv'));
      expect(file.length).toBeGreaterThan(1024);
      for (const request of [
        { ...multipartBody('大台账.csv', file, 'text/csv') },
        { payload: file, headers: { 'content-type': 'text/csv' } },
      ]) {
        const response = await call(small.app, caller, {
          method: 'POST',
          url: '/api/ledger/imports?fileName=big.csv',
          ...request,
        });
        expect(response.statusCode, response.body).toBe(413);
        expect(response.json()).toMatchObject({ code: 'request.tooLarge' });
      }
      const list = await call(small.app, caller, { method: 'GET', url: '/api/ledger/imports' });
      expect(list.json().uploadLimit).toBe(1024);
      expect(list.json().items.map((i: { fileName: string }) => i.fileName)).not.toContain('大台账.csv');
    } finally {
      await small.services.ledger.idle();
      await small.app.close();
    }
  });

  it('refuses every ledger route to an anonymous caller', async () => {
    for (const url of ['/api/ledger/imports', '/api/ledger/imports/1', '/api/ledger/export/ledger.xlsx']) {
      expect((await call(app.app, null, { method: 'GET', url })).statusCode, url).toBe(401);
    }
  });
});
