// A ledger as a town office keeps one (科左中旗 保康镇), for the ledger import tests: a title row,
// 填报单位/填报日期, a two-row header with group headings and vertically merged headers, a row of
// column numbers, households whose region and household columns are merged down over their
// members, rich-text cells, a blank row, footer rows, an instructions sheet before the data sheet,
// the office's own words for columns and values, and one problem of each kind. `expected` says what
// an import must report for it, row by row (the row numbers Excel shows).
//
// test/fixtures/ledger/make-fixtures.ts writes the committed files from this (and converts some with
// LibreOffice); the tests read those files.
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { writeDemoLedger } from '../demo/demo.ledger.js';
import { idCheckCharacter } from '../modules/registry/registry.rules.js';

/** An ID number with a correct check character: county, birth date YYYYMMDD, 3-digit sequence. */
export function makeIdNumber(county: string, birth: string, sequence: number): string {
  const first17 = `${county}${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

/** The first ID number from `sequence` on whose check character is X (for the lower-case x case). */
export function idNumberEndingInX(county: string, birth: string, female: boolean): string {
  for (let s = female ? 2 : 1; s < 999; s += 2) {
    const id = makeIdNumber(county, birth, s);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID ending in X');
}

export const ids = {
  zhangDesheng: makeIdNumber('150521', '19680312', 151),
  wangXiulan: makeIdNumber('150521', '19700521', 162),
  zhangLei: makeIdNumber('150521', '20010903', 173),
  liGuizhi: idNumberEndingInX('150521', '19750114', true),
  liQiang: makeIdNumber('150521', '19980226', 195),
  zhaoJun: makeIdNumber('150521', '19720808', 117),
  zhaoLi: makeIdNumber('150521', '19990415', 128),
  sunHai: makeIdNumber('150521', '19650101', 139),
  sunMing: makeIdNumber('150521', '19920611', 141),
  qianFeng: makeIdNumber('150521', '19800707', 153),
  zhouYu: makeIdNumber('150521', '19780930', 164),
};

/** Columns of the data sheet, in the office's order and words (row 5 of the two header rows). */
export const officeHeaders = [
  '序号',
  '旗县',
  '苏木乡镇',
  '嘎查村',
  '户编号',
  '姓名',
  '公民身份号码',
  '性别',
  '与户主关系',
  '户类型',
  '易地扶贫搬迁',
  '劳动技能',
  '联系电话',
  '就业状态',
  '就业形式',
  '务工地域',
  '务工地点',
  '务工单位',
  '务工时间',
  '月均收入（元）',
  '未就业原因',
  '备注',
] as const;

type Value = string | number | Date | null | { richText: { text: string; font?: Partial<ExcelJS.Font> }[] };
type Person = Record<(typeof officeHeaders)[number], Value>;

const rich = (...parts: [string, boolean?][]): Value => ({
  richText: parts.map(([text, bold]) =>
    bold ? { text, font: { bold: true, color: { argb: 'FFC00000' } } } : { text },
  ),
});

/** Households of the sheet: region and household values (merged down in the .xlsx), then the members. */
export const officeHouseholds: {
  region: [string, string, string];
  no: string;
  type: string;
  moved: string;
  members: Partial<Person>[];
  blankAfter?: boolean;
}[] = [
  {
    region: ['科左中旗', '保康镇', '保西村'],
    no: '0001',
    type: '脱贫户',
    moved: '否',
    members: [
      {
        姓名: rich(['张', true], ['德胜']),
        公民身份号码: ids.zhangDesheng,
        性别: '男',
        与户主关系: '户主',
        劳动技能: '普通劳动力',
        联系电话: '13847501234',
        就业状态: '已就业',
        就业形式: '外出务工',
        务工地域: '省外',
        务工地点: '北京市大兴区',
        务工单位: '北京某物流有限公司',
        务工时间: '2022年6月',
        '月均收入（元）': 4500,
      },
      {
        姓名: '王秀兰',
        公民身份号码: ids.wangXiulan,
        性别: '女',
        与户主关系: '妻',
        劳动技能: '普通',
        联系电话: '13847502345',
        就业状态: '已就业',
        就业形式: '公益岗位',
        务工地域: '县内',
        务工地点: '保康镇',
        务工单位: '保康镇人民政府',
        务工时间: new Date(Date.UTC(2023, 2, 1)),
        '月均收入（元）': 1000,
      },
      {
        姓名: '张磊',
        公民身份号码: ids.zhangLei,
        性别: '男',
        与户主关系: '之子',
        劳动技能: '普通劳动力',
        就业状态: '未就业',
        未就业原因: '在校',
        备注: '在读大专',
      },
    ],
    blankAfter: true,
  },
  {
    region: ['科左中旗', '保康镇', '保西村'],
    no: '0002',
    type: '边缘易致贫户',
    moved: '集中安置',
    members: [
      {
        姓名: '李桂芝',
        公民身份号码: ids.liGuizhi.toLowerCase(),
        性别: '女',
        与户主关系: '户主',
        劳动技能: '普通劳动力',
        联系电话: '１３９４７５０５６７８',
        就业状态: '已就业',
        就业形式: '扶贫车间',
        务工地域: '县内',
        务工地点: '保康镇',
        务工单位: '保康镇扶贫车间',
        务工时间: 2022.6,
        '月均收入（元）': '３２００',
      },
      // Typed as a number: Excel kept 15 significant digits.
      {
        姓名: '李强',
        公民身份号码: Number(ids.liQiang),
        性别: '男',
        与户主关系: '之子',
        劳动技能: '普通劳动力',
        就业状态: '未就业',
        未就业原因: '在家闲置',
      },
    ],
  },
  {
    region: ['科左中旗', '保康镇', '保西村'],
    no: '0003',
    type: '脱贫户',
    moved: '否',
    members: [
      {
        姓名: ' 赵军 ',
        公民身份号码: ` ${ids.zhaoJun} `,
        性别: '男',
        与户主关系: '户主',
        劳动技能: '技能劳动力',
        联系电话: '0475-3212345',
        就业状态: '  已就业 ',
        就业形式: '本地企业',
        务工地域: '县内',
        务工地点: '科左中旗',
        务工单位: '科左中旗某农牧业公司',
        务工时间: '2022-06',
        '月均收入（元）': ' 4,800 ',
      },
      {
        姓名: '赵丽',
        公民身份号码: ids.zhaoLi,
        性别: '男',
        与户主关系: '之女',
        劳动技能: '普通劳动力',
        就业状态: '未就业',
        未就业原因: '照顾家庭',
      },
    ],
  },
  {
    // The village as its 12-digit code (保南村).
    region: ['科左中旗', '保康镇', '150521100201'],
    no: '0004',
    type: '脱贫户',
    moved: '否',
    members: [
      {
        姓名: '孙海',
        公民身份号码: ids.sunHai,
        性别: '男',
        与户主关系: '户主',
        劳动技能: '普通劳动力',
        就业状态: '已就业',
        务工地域: '县内',
      },
      {
        姓名: '孙明',
        公民身份号码: ids.sunMing,
        性别: '男',
        与户主关系: '之子',
        劳动技能: '普通劳动力',
        就业状态: '未就业',
        未就业原因: '务工回流',
      },
    ],
  },
  {
    region: ['科左中旗', '保康镇', '不存在嘎查'],
    no: '0005',
    type: '脱贫户',
    moved: '否',
    members: [
      {
        姓名: '钱峰',
        公民身份号码: ids.qianFeng,
        性别: '男',
        与户主关系: '户主',
        劳动技能: '弱劳动力',
        就业状态: '未就业',
        未就业原因: '因病',
      },
    ],
  },
  {
    region: ['科左中旗', '保康镇', '150521100201'],
    no: '0006',
    type: '脱贫户',
    moved: '否',
    members: [
      {
        姓名: '周玉',
        公民身份号码: ids.zhouYu,
        性别: '女',
        与户主关系: '户主',
        劳动技能: '半劳动力',
        就业状态: '未就业',
        未就业原因: '因病',
      },
      // The same ID number as 张磊 in row 9.
      {
        姓名: '周磊',
        公民身份号码: ids.zhangLei,
        性别: '男',
        与户主关系: '之子',
        劳动技能: '普通劳动力',
        就业状态: '未就业',
        未就业原因: '在校',
      },
    ],
  },
];

/** What an import of the office ledger must report (rows as Excel shows them in the .xlsx). */
export const officeExpected = {
  rows: 12,
  created: 5,
  rejected: 7,
  households: 4,
  /** Excel row → the column (as written) and code of each problem. */
  errors: [
    { row: 9, column: '公民身份号码', code: 'ledger.duplicateInFile' },
    { row: 12, column: '公民身份号码', code: 'idNumber.excelMangled' },
    { row: 14, column: '性别', code: 'ledger.sexMismatch' },
    { row: 15, column: '就业形式', code: 'employment.formRequired' },
    { row: 16, column: '与户主关系', code: 'household.headMissing' },
    { row: 17, column: '嘎查村', code: 'region.unknown' },
    { row: 19, column: '公民身份号码', code: 'ledger.duplicateInFile' },
  ],
  ignoredColumns: ['序号', '备注'],
};

/** Data rows in sheet order, each a full row of cells (household values repeated). */
export function officeRows(): { household: number; first: boolean; cells: Value[] }[] {
  const rows: { household: number; first: boolean; cells: Value[] }[] = [];
  let n = 0;
  officeHouseholds.forEach((h, index) => {
    h.members.forEach((m, i) => {
      n++;
      const cells = officeHeaders.map((header): Value => {
        switch (header) {
          case '序号':
            return n;
          case '旗县':
            return h.region[0];
          case '苏木乡镇':
            return h.region[1];
          case '嘎查村':
            return h.region[2];
          case '户编号':
            return h.no;
          case '户类型':
            return h.type;
          case '易地扶贫搬迁':
            return h.moved;
          default:
            return m[header] ?? null;
        }
      });
      rows.push({ household: index, first: i === 0, cells });
    });
  });
  return rows;
}

const HOUSEHOLD_COLUMNS = ['旗县', '苏木乡镇', '嘎查村', '户编号', '户类型', '易地扶贫搬迁'] as const;

/** The office ledger as Excel would hold it (written with exceljs). */
export async function writeOfficeXlsx(file: string, change?: (rows: Value[][]) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const help = workbook.addWorksheet('填表说明');
  help.addRow(['填表说明']);
  help.addRow(['1. 身份证号码请设为文本格式录入。']);
  help.addRow(['2. 每户成员连续填写，户主在前。']);
  const sheet = workbook.addWorksheet('脱贫劳动力台账');
  const width = officeHeaders.length;
  sheet.addRow(['科尔沁左翼中旗保康镇脱贫人口就业帮扶实名制台账']);
  sheet.mergeCells(1, 1, 1, width);
  sheet.getRow(1).font = { bold: true, size: 16 };
  const unit = sheet.addRow(['填报单位：保康镇人民政府（盖章）']);
  unit.getCell(15).value = '填报日期：2024年5月20日';
  sheet.mergeCells(2, 1, 2, 8);
  sheet.addRow([]);
  // Two header rows: group headings over region and employment, the rest merged down over both.
  const groups = new Map<number, string>([
    [officeHeaders.indexOf('旗县'), '所在地区'],
    [officeHeaders.indexOf('就业状态'), '就业情况'],
  ]);
  const top = sheet.getRow(4);
  const bottom = sheet.getRow(5);
  officeHeaders.forEach((header, i) => {
    const grouped = (i >= 1 && i <= 3) || (i >= 13 && i <= 19);
    if (grouped) {
      bottom.getCell(i + 1).value = header;
      if (groups.has(i)) top.getCell(i + 1).value = groups.get(i) as string;
    } else {
      top.getCell(i + 1).value =
        header === '公民身份号码'
          ? {
              richText: [
                { text: '公民身份', font: { bold: true, color: { argb: 'FFFF0000' } } },
                { text: '号码' },
              ],
            }
          : header;
      sheet.mergeCells(4, i + 1, 5, i + 1);
    }
  });
  sheet.mergeCells(4, 2, 4, 4);
  sheet.mergeCells(4, 14, 4, 20);
  // Official forms number their columns under the header.
  sheet.addRow(officeHeaders.map((_, i) => i + 1));
  sheet.getColumn(7).numFmt = '@';

  const rows = officeRows();
  const cells = rows.map((r) => r.cells);
  change?.(cells);
  let rowNumber = 6;
  let start = 0;
  rows.forEach((r, i) => {
    const excelRow = sheet.addRow(cells[i] as ExcelJS.CellValue[]);
    rowNumber = excelRow.number;
    if (r.first) start = rowNumber;
    const next = rows[i + 1];
    if (!next || next.first) {
      // Household columns merged down over the household's members, as offices lay them out.
      if (rowNumber > start) {
        for (const header of HOUSEHOLD_COLUMNS) {
          const c = officeHeaders.indexOf(header) + 1;
          sheet.mergeCells(start, c, rowNumber, c);
        }
      }
      if (officeHouseholds[r.household]?.blankAfter) sheet.addRow([]);
    }
  });
  sheet.addRow([]);
  const footer = sheet.addRow([
    '审核人：王建国',
    null,
    null,
    null,
    null,
    null,
    '制表人：李红梅',
    null,
    null,
    null,
    '联系电话：0475-3211111',
  ]);
  footer.font = { italic: true };
  sheet.addRow(['填表说明：本表由嘎查村级填报，乡镇审核汇总。']);
  await workbook.xlsx.writeFile(file);
}

/** The same ledger saved as CSV by an office (one header row, household values on every row). */
export async function writeOfficeCsv(file: string, encoding: 'utf-8-bom' | 'gb18030'): Promise<void> {
  const quote = (v: Value): string => {
    if (v === null) return '';
    let text: string;
    if (v instanceof Date) text = v.toISOString().slice(0, 10);
    else if (typeof v === 'object') text = v.richText.map((r) => r.text).join('');
    else if (typeof v === 'number' && v >= 1e17) text = v.toExponential(5).toUpperCase();
    else text = String(v);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    '科尔沁左翼中旗保康镇脱贫人口就业帮扶实名制台账,,,,',
    '填报单位：保康镇人民政府（盖章）,,,,,,,,,,,,,,填报日期：2024年5月20日',
    '',
    officeHeaders.join(','),
  ];
  const rows = officeRows();
  rows.forEach((r, i) => {
    lines.push(r.cells.map(quote).join(','));
    const next = rows[i + 1];
    if ((!next || next.first) && officeHouseholds[r.household]?.blankAfter) lines.push('');
  });
  lines.push('', '审核人：王建国,,,,,,制表人：李红梅', '"填表说明：本表由嘎查村级填报，\n乡镇审核汇总。"');
  const text = `${lines.join('\r\n')}\r\n`;
  if (encoding === 'utf-8-bom') await writeFile(file, `\uFEFF${text}`, 'utf8');
  else await writeFile(file, encodeGb18030(text));
}

/** GB18030 bytes of a text (Node has a decoder but no encoder; the characters here are all in GBK). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  const chars = new Set(Array.from(text).filter((c) => c.charCodeAt(0) > 0x7f));
  // Walk the two-byte GBK range once and keep the characters the text needs.
  for (let lead = 0x81; lead <= 0xfe && table.size < chars.size; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([lead, trail]));
      if (chars.has(ch) && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code <= 0x7f) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GB18030 two-byte code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/**
 * A generated ledger of the whole of 保康镇 (科左中旗) over its villages in the shipped region tree,
 * for tests that need more rows than the office's fixture (progress, crashes, damage past the
 * preview); returns the number of person rows.
 */
export async function writeTownLedger(
  db: Kysely<DB>,
  file: string,
  options: { format: 'csv' | 'xlsx'; households: number; seed: number },
): Promise<number> {
  const villages = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'like', '150521100%')
    .where('level', '=', 5)
    .orderBy('code')
    .execute();
  return writeDemoLedger(file, {
    ...options,
    today: '2026-05-01',
    villages,
    placeOf: () => ({ county: '科尔沁左翼中旗', town: '保康镇' }),
  });
}
