// Damaged and odd files sent to the ledger upload, as they reach offices (a download cut short, a
// file saved by an unknown tool, the wrong file picked): never a 500 and nothing stored for a file
// that cannot be read; the office is told in Chinese what is wrong and what to do.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { buildTestApp, type Caller, call } from '../../test-support/http.js';
import { writeTownLedger } from '../../test-support/ledger-fixtures.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/ledger');
const town = '150521100000';
const xlsx = readFileSync(path.join(fixtures, 'office-ledger.xlsx'));
const csv = readFileSync(path.join(fixtures, 'office-ledger.utf8.csv'));
/** The fixture's ledger sheet (sheet1.xml is its 填表说明). */
const ledgerSheet = 'xl/worksheets/sheet2.xml';

/** The office ledger with one part of the zip changed. */
async function changed(change: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  await change(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
const part = async (zip: JSZip, name: string) => (await zip.file(name)?.async('string')) ?? '';

/** Files that cannot be read as a ledger, and the words the refusal must contain. */
async function unreadableFiles(): Promise<[string, Buffer, string][]> {
  const notAWorkbook = new JSZip();
  notAWorkbook.file('说明.txt', '这不是表格');
  return [
    ['空文件.csv', Buffer.alloc(0), '文件为空'],
    ['下载中断.xlsx', xlsx.subarray(0, Math.floor(xlsx.length * 0.6)), '文件已损坏'],
    ['压缩包.xlsx', await notAWorkbook.generateAsync({ type: 'nodebuffer' }), '不是 Excel 工作簿'],
    [
      '表格截断.xlsx',
      await changed(async (zip) => {
        const sheet = await part(zip, ledgerSheet);
        zip.file(ledgerSheet, sheet.slice(0, Math.floor(sheet.length * 0.7)));
      }),
      '另存为 .xlsx',
    ],
    [
      '坏实体.xlsx',
      await changed(async (zip) => {
        zip.file(ledgerSheet, (await part(zip, ledgerSheet)).replace('<v>', '<v>&bogus;'));
      }),
      '另存为 .xlsx',
    ],
    [
      '共享字符串截断.xlsx',
      await changed(async (zip) => {
        const strings = await part(zip, 'xl/sharedStrings.xml');
        zip.file('xl/sharedStrings.xml', strings.slice(0, Math.floor(strings.length / 2)));
      }),
      '另存为 .xlsx',
    ],
    [
      '乱码.csv',
      Buffer.concat([csv.subarray(0, 200), Buffer.from([0xff, 0xfe, 0xff, 0x00, 0x81]), csv.subarray(200)]),
      '文件编码有误',
    ],
    // "Unicode text" from Excel whose last character was cut in half.
    [
      'Unicode文本.csv',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(csv.toString('utf8'), 'utf16le'),
        Buffer.from([0x41]),
      ]),
      '文件编码有误',
    ],
    ['只有表头.csv', Buffer.from(csv.toString('utf8').split('\n')[0] ?? ''), '表头'],
  ];
}

describe.each(testDatabaseKinds())('damaged ledger files (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let operator: Caller;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildTestApp(database);
    operator = await app.loginAs('operator', town);
  });
  afterAll(async () => {
    await app.services.ledger.idle();
    await app.app.close();
    await database.dispose();
  });

  const upload = (fileName: string, body: Buffer) =>
    call(app.app, operator, {
      method: 'POST',
      url: `/api/ledger/imports?fileName=${encodeURIComponent(fileName)}`,
      payload: body,
      headers: { 'content-type': 'application/octet-stream' },
    });
  const importOf = async (id: number) =>
    (await call(app.app, operator, { method: 'GET', url: `/api/ledger/imports/${id}` })).json();
  const importCount = async () =>
    (await call(app.app, operator, { method: 'GET', url: '/api/ledger/imports' })).json().items.length;

  it('refuses a file it cannot read with what to do about it, and keeps nothing of it', async () => {
    for (const [fileName, body, words] of await unreadableFiles()) {
      const before = await importCount();
      const response = await upload(fileName, body);
      expect(response.statusCode, `${fileName}: ${response.body}`).toBe(422);
      const problem = response.json();
      expect(problem.code, fileName).toMatch(/^ledger\.(badFile|headerNotFound)$/);
      expect(problem.title, fileName).toContain(words);
      // In the office's language: no parser's English in it (the names of the programs aside).
      expect(problem.title.replace(/Excel|WPS|xlsx|gb18030|utf-(8|16le)/g, ''), fileName).not.toMatch(
        /[A-Za-z]{3,}/,
      );
      expect(await importCount(), fileName).toBe(before);
      // A month's follow-up sheet goes through the same readers.
      const followUps = await call(app.app, operator, {
        method: 'POST',
        url: `/api/ledger/follow-ups?month=2026-10&fileName=${encodeURIComponent(fileName)}`,
        payload: body,
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(followUps.statusCode, `${fileName}: ${followUps.body}`).toBe(422);
    }
    expect(await database.db.selectFrom('persons').select('id').execute()).toEqual([]);
  });

  it('a file damaged past its first rows passes the preview and fails the check, writing nothing', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'ledger-damaged-'));
    try {
      const file = path.join(work, 'ledger.xlsx');
      await writeTownLedger(database.db, file, { format: 'xlsx', households: 100, seed: 5 });
      const zip = await JSZip.loadAsync(readFileSync(file));
      const sheetPath = Object.keys(zip.files).find((f) => f.startsWith('xl/worksheets/sheet')) as string;
      const sheet = await part(zip, sheetPath);
      zip.file(sheetPath, sheet.slice(0, Math.floor(sheet.length * 0.8)));
      const response = await upload('下载中断的台账.xlsx', await zip.generateAsync({ type: 'nodebuffer' }));
      expect(response.statusCode, response.body).toBe(202);
      expect(response.json().preview.sampleRows.length).toBeGreaterThan(0);
      await app.services.ledger.idle();
      const checked = await importOf(response.json().id);
      expect(checked.status).toBe('failed');
      expect(checked.error).toContain('另存为 .xlsx');
      const confirm = await call(app.app, operator, {
        method: 'POST',
        url: `/api/ledger/imports/${response.json().id}/confirm`,
      });
      // A failed import may be confirmed again (an interrupted one then finishes); this file fails
      // again the same way, inside its transaction.
      expect(confirm.statusCode, confirm.body).toBe(202);
      await app.services.ledger.idle();
      const confirmed = await importOf(response.json().id);
      expect(confirmed.status).toBe('failed');
      expect(confirmed.error).toContain('另存为 .xlsx');
      expect(await database.db.selectFrom('persons').select('id').execute()).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('reads a file with an unclosed quote or stray NUL bytes, reporting the row it cannot take', async () => {
    const cases: [string, Buffer, { rows: number; created: number; rejected: number }][] = [
      // The quote runs to the end of the file: one more row, refused (its ID number is cut short).
      [
        '未闭合引号.csv',
        Buffer.concat([csv, Buffer.from('\n张三,"150521')]),
        { rows: 13, created: 5, rejected: 8 },
      ],
      [
        '尾部空字符.csv',
        Buffer.concat([csv, Buffer.from([0, 0, 0, 10])]),
        { rows: 12, created: 5, rejected: 7 },
      ],
    ];
    for (const [fileName, body, counts] of cases) {
      const response = await upload(fileName, body);
      expect(response.statusCode, `${fileName}: ${response.body}`).toBe(202);
      await app.services.ledger.idle();
      const checked = await importOf(response.json().id);
      expect(checked.status, fileName).toBe('checked');
      expect(checked.check, fileName).toMatchObject(counts);
    }
  });
});
