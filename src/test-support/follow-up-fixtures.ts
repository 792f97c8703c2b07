// A month's follow-up sheet as a town office keeps one (科左中旗 保康镇, October 2026), for the
// follow-up import tests: a title row, 填报单位, the office's words for the columns (身份证号,
// 是否就业, 就业方式, 务工区域 …), extra columns, a footer, and one problem of each kind. `people`
// are registered by the test before the sheet is imported; `followUpExpected` says what the import
// must report, row by row (the row numbers Excel shows).
//
// test/fixtures/ledger/make-fixtures.ts writes the committed files from this (one converted by LibreOffice).
import ExcelJS from 'exceljs';
import { makeIdNumber } from './ledger-fixtures.js';

export const followUpMonth = '2026-10';

const id = (birth: string, sequence: number) => makeIdNumber('150521', birth, sequence);

/** Registered people the sheet reports on; `place` says which village the test registers them in. */
export const followUpPeople = {
  liuFang: { name: '刘芳', idNumber: id('19850312', 202), place: 'home', employed: true },
  chenGang: { name: '陈刚', idNumber: id('19790521', 213), place: 'home', employed: true },
  maLi: { name: '马莉', idNumber: id('19950903', 224), place: 'home', employed: false },
  heJun: { name: '何军', idNumber: id('19880226', 235), place: 'home', employed: false },
  guoQiang: { name: '郭强', idNumber: id('19750808', 246), place: 'home', employed: false },
  songMei: { name: '宋梅', idNumber: id('19900415', 257), place: 'home', employed: false },
  duBin: { name: '杜斌', idNumber: id('19830101', 268), place: 'home', employed: false },
  /** In a village of the town whose October is already accepted. */
  yangLin: { name: '杨林', idNumber: id('19810611', 279), place: 'locked', employed: false },
  /** Outside the town. */
  xuTao: { name: '许涛', idNumber: id('19870707', 281), place: 'elsewhere', employed: false },
} as const;

export const followUpHeaders = [
  '序号',
  '嘎查村',
  '姓名',
  '身份证号',
  '是否就业',
  '就业方式',
  '务工区域',
  '务工单位',
  '月均收入（元）',
  '未就业原因',
  '备注',
] as const;

type Cell = string | number | null;
const p = followUpPeople;
const unknownId = id('19910101', 292);

/** The data rows, from Excel row 4 on (title, 填报单位, header above). */
export const followUpRows: Cell[][] = [
  [
    1,
    '保西村',
    p.liuFang.name,
    p.liuFang.idNumber,
    '是',
    '外出务工',
    '省外',
    '北京某物流有限公司',
    4800,
    null,
    '涨薪',
  ],
  [2, '保西村', p.chenGang.name, p.chenGang.idNumber, '否', null, null, null, null, '务工回流', null],
  [
    3,
    '保西村',
    p.maLi.name,
    p.maLi.idNumber.toLowerCase(),
    '是',
    '公益性岗位',
    '县内',
    '保康镇人民政府',
    '1,000',
    null,
    null,
  ],
  [4, '保西村', '何俊', p.heJun.idNumber, '否', null, null, null, null, '在家闲置', '姓名写错'],
  [5, '保西村', '周平', unknownId, '否', null, null, null, null, '在家闲置', null],
  [6, '保西村', p.guoQiang.name, p.guoQiang.idNumber, '否', null, null, '某建筑公司', 3000, '在家闲置', null],
  [7, '保西村', p.songMei.name, p.songMei.idNumber, '是', '本地企业', '县内', '某服装厂', -500, null, null],
  [8, '保西村', p.duBin.name, p.duBin.idNumber, '否', null, null, null, null, '照顾家庭', null],
  [9, '保西村', p.duBin.name, p.duBin.idNumber, '否', null, null, null, null, '照顾家庭', '重复录入'],
  [10, '保南村', p.yangLin.name, p.yangLin.idNumber, '否', null, null, null, null, '照顾家庭', null],
  [11, '其他', p.xuTao.name, p.xuTao.idNumber, '否', null, null, null, null, '照顾家庭', null],
  [
    12,
    '保西村',
    '何君',
    `${p.heJun.idNumber.slice(0, 17)}${p.heJun.idNumber.endsWith('1') ? '2' : '1'}`,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
];

/** What an import of the sheet by the town's account must report. */
export const followUpExpected = {
  rows: 12,
  created: 3,
  rejected: 9,
  errors: [
    [7, '姓名', 'followUp.nameMismatch'],
    [8, '身份证号', 'followUp.personUnknown'],
    [9, '务工单位', 'employment.employerNotAllowed'],
    [9, '月均收入（元）', 'employment.incomeNotAllowed'],
    [10, '月均收入（元）', 'employment.incomeNegative'],
    [11, '身份证号', 'ledger.duplicateInFile'],
    [12, '身份证号', 'ledger.duplicateInFile'],
    [13, '是否就业', 'followUp.monthLocked'],
    [14, '身份证号', 'followUp.personElsewhere'],
    [15, '身份证号', 'idNumber.checkDigit'],
    [15, '是否就业', 'required'],
  ],
  ignoredColumns: ['序号', '嘎查村', '备注'],
};

/** The sheet as exceljs writes it; `withHeader` false: `rows` bring their own header. */
export async function writeFollowUpXlsx(
  file: string,
  rows: Cell[][] = followUpRows,
  withHeader = true,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('10月回访');
  sheet.addRow(['科左中旗保康镇脱贫劳动力2026年10月就业情况回访表']);
  sheet.mergeCells(1, 1, 1, followUpHeaders.length);
  sheet.addRow([
    '填报单位：保康镇人民政府',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    '填报日期：2026年11月5日',
  ]);
  if (withHeader) sheet.addRow([...followUpHeaders]);
  for (const row of rows) sheet.addRow(row);
  sheet.addRow([]);
  sheet.addRow(['制表人：王丽', null, null, null, '审核人：李明']);
  sheet.getColumn(4).numFmt = '@';
  await workbook.xlsx.writeFile(file);
}
