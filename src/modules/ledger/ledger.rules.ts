// Rules of the ledger (台账) import and export as plain functions over plain data: the standard column
// layout, recognising the header row and the words offices use for each column, reading the values
// as offices write them, and turning one spreadsheet row into a household and a person. No file, no
// database, no clock: the reader (ledger.reader.ts) hands rows in, the service hands "today" in.
//
// The same table (`ledgerColumns`) drives the export and the import, and every coded value is
// written as its Chinese label and read back from that label, so an exported ledger re-imports with
// no change by construction (ledger.rules.test.ts checks the round trip).
import { characterCount, compactText, foldWidth, withoutSpaces } from '../../shared/text.js';
import { normalizeRegionCode, normalizeRegionName, regionLevel } from '../regions/regions.rules.js';
import {
  type CodeLabel,
  education,
  employmentFields,
  employmentForm,
  employmentStatus,
  health,
  householdCategory,
  labourAbility,
  monitoringType,
  notWorkingReason,
  relationToHead,
  relocation,
  workAwayWillingness,
  workLocation,
} from '../registry/registry.codes.js';
import {
  checkEmploymentSnapshot,
  checkHousehold,
  isDateText,
  looksLikeExcelMangledIdNumber,
  normalizePhone,
  parseIdNumber,
} from '../registry/registry.rules.js';

// ---------------------------------------------------------------------------------------------------
// Cells

/** A cell holding a date (a date-formatted number in .xlsx), as `YYYY-MM-DD`. */
export class LedgerDate {
  constructor(readonly iso: string) {}
}

/** One cell as the readers produce it: text, number, boolean, date, or nothing. */
export type Cell = string | number | boolean | LedgerDate | null;

/** A row of a sheet: the row number Excel shows (1-based) and its cells by column (0-based). */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

/** The text of a cell as a person reads it, trimmed; '' for an empty cell. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  if (cell instanceof LedgerDate) return cell.iso;
  return numberText(cell);
}

/** A number as Excel's General format shows it for the sizes a ledger holds (no 1e+21 notation). */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

function isBlank(cell: Cell | undefined): boolean {
  return cellText(cell) === '';
}

// ---------------------------------------------------------------------------------------------------
// The standard ledger layout

/** Where a column belongs: the region of the household, the household, the person, or derived from the ID. */
export type ColumnLevel = 'region' | 'household' | 'person' | 'derived';

export interface LedgerColumnSpec {
  key: string;
  /** The header written by the export, as officials know it. */
  header: string;
  /** Other headers offices write for the same column (compared after normalizeHeader). */
  synonyms: readonly string[];
  level: ColumnLevel;
  /** Export column width in Excel character units (a Chinese character counts two). */
  width: number;
  /** Written as text in the export so Excel keeps every digit (ID, phone, codes). */
  text?: boolean;
  /** Only read on import, never written (a city column helps find a county by name). */
  importOnly?: boolean;
}

// biome-ignore format: a table, one column per line
/**
 * The standard ledger (实名制台账) columns in export order, with the other words offices use for each
 * header. Headers are compared after normalizeHeader, which drops parenthesised parts, so
 * 县(市、区) and 月均收入（元） need no entry of their own beyond 县 and 月均收入.
 */
export const ledgerColumns = [
  { key: 'city', header: '市', synonyms: ['市', '盟市', '地市', '市州', '所在市'], level: 'region', width: 10, importOnly: true },
  { key: 'county', header: '县(市、区)', synonyms: ['县', '县区', '区县', '旗县', '县市区', '旗县区', '县旗', '所在县', '县级'], level: 'region', width: 16 },
  { key: 'town', header: '乡镇(街道)', synonyms: ['乡镇', '乡', '镇', '苏木乡镇', '乡镇街道', '乡镇苏木', '苏木', '街道', '所在乡镇'], level: 'region', width: 16 },
  { key: 'village', header: '村(社区)', synonyms: ['村', '村社区', '嘎查村', '行政村', '村居', '村委会', '嘎查', '社区', '所在村', '村名称'], level: 'region', width: 18 },
  { key: 'villageCode', header: '村代码', synonyms: ['村代码', '村编码', '行政区划代码', '区划代码', '村级区划代码', '统计用区划代码', '村区划代码'], level: 'region', width: 15, text: true },
  { key: 'householdNo', header: '户编号', synonyms: ['户编号', '户号', '家庭编号', '户码', '户编码'], level: 'household', width: 12, text: true },
  { key: 'category', header: '帮扶对象类别', synonyms: ['帮扶对象类别', '户类型', '户属性', '对象类别', '帮扶类别', '人员类别', '户类别', '脱贫户属性'], level: 'household', width: 16 },
  { key: 'monitoringType', header: '监测对象类型', synonyms: ['监测对象类型', '监测类型', '监测对象类别', '监测户类型'], level: 'household', width: 16 },
  { key: 'relocation', header: '易地搬迁', synonyms: ['易地搬迁', '易地扶贫搬迁', '是否易地扶贫搬迁', '是否易地搬迁', '搬迁类型', '安置方式', '是否搬迁'], level: 'household', width: 11 },
  { key: 'resettlementSite', header: '安置点', synonyms: ['安置点', '安置点名称', '安置区', '集中安置点'], level: 'household', width: 18 },
  { key: 'address', header: '家庭住址', synonyms: ['家庭住址', '住址', '详细地址', '家庭地址', '现住址'], level: 'household', width: 24 },
  { key: 'name', header: '姓名', synonyms: ['姓名', '人员姓名', '劳动力姓名', '成员姓名', '名字'], level: 'person', width: 10 },
  { key: 'sex', header: '性别', synonyms: ['性别'], level: 'derived', width: 6 },
  { key: 'idNumber', header: '身份证号码', synonyms: ['身份证号码', '身份证号', '证件号码', '公民身份号码', '身份证件号码', '居民身份证号码', '身份证', '证件号', '公民身份证号码'], level: 'person', width: 21, text: true },
  { key: 'birthDate', header: '出生日期', synonyms: ['出生日期', '出生年月', '出生年月日'], level: 'derived', width: 12 },
  { key: 'relationToHead', header: '与户主关系', synonyms: ['与户主关系', '与户主的关系', '家庭关系', '关系'], level: 'person', width: 11 },
  { key: 'phone', header: '联系电话', synonyms: ['联系电话', '电话', '手机号', '手机号码', '联系方式', '电话号码', '手机'], level: 'person', width: 14, text: true },
  { key: 'education', header: '文化程度', synonyms: ['文化程度', '学历'], level: 'person', width: 12 },
  { key: 'labourAbility', header: '劳动能力', synonyms: ['劳动能力', '劳动技能', '劳动力类型', '劳动力状况'], level: 'person', width: 12 },
  { key: 'health', header: '健康状况', synonyms: ['健康状况', '健康状态', '身体状况'], level: 'person', width: 12 },
  { key: 'disabilityGrade', header: '残疾等级', synonyms: ['残疾等级', '残疾级别'], level: 'person', width: 9 },
  { key: 'skills', header: '技能', synonyms: ['技能', '掌握技能', '技能特长', '专业技能', '技能情况'], level: 'person', width: 14 },
  { key: 'wantsWork', header: '就业意愿', synonyms: ['就业意愿', '是否有就业意愿', '务工意愿'], level: 'person', width: 9 },
  { key: 'wantsTraining', header: '培训意愿', synonyms: ['培训意愿', '是否有培训意愿', '培训需求'], level: 'person', width: 9 },
  { key: 'workAwayWillingness', header: '外出意愿', synonyms: ['外出意愿', '外出务工意愿'], level: 'person', width: 10 },
  { key: 'employmentStatus', header: '就业状态', synonyms: ['就业状态', '是否就业', '就业情况'], level: 'person', width: 9 },
  { key: 'employmentForm', header: '就业形式', synonyms: ['就业形式', '就业方式', '就业类型'], level: 'person', width: 12 },
  { key: 'workLocation', header: '务工地域', synonyms: ['务工地域', '务工区域', '就业地域', '就业区域', '务工范围'], level: 'person', width: 10 },
  { key: 'workplace', header: '务工地点', synonyms: ['务工地点', '就业地点', '务工地址', '就业地址', '务工所在地'], level: 'person', width: 22 },
  { key: 'employer', header: '就业单位', synonyms: ['就业单位', '务工单位', '工作单位', '用工单位', '就业单位名称'], level: 'person', width: 24 },
  { key: 'employmentStart', header: '就业开始时间', synonyms: ['就业开始时间', '就业开始日期', '务工时间', '就业时间', '开始务工时间', '务工开始时间'], level: 'person', width: 13 },
  { key: 'monthlyIncome', header: '月收入（元）', synonyms: ['月收入', '月均收入', '月工资', '月均工资', '月均工资收入', '月务工收入', '月均务工收入'], level: 'person', width: 12 },
  { key: 'notWorkingReason', header: '未就业原因', synonyms: ['未就业原因', '未务工原因'], level: 'person', width: 12 },
  { key: 'organizedByCooperation', header: '劳务协作组织输出', synonyms: ['劳务协作组织输出', '是否劳务协作', '劳务协作', '是否组织化输出', '劳务协作输出'], level: 'person', width: 10 },
  { key: 'cooperationName', header: '劳务协作名称', synonyms: ['劳务协作名称', '协作名称', '劳务协作项目'], level: 'person', width: 14 },
] as const satisfies readonly LedgerColumnSpec[];

export type LedgerKey = (typeof ledgerColumns)[number]['key'];
export type LedgerColumn = (typeof ledgerColumns)[number];

export const columnByKey: ReadonlyMap<LedgerKey, LedgerColumn> = new Map(
  ledgerColumns.map((c) => [c.key, c]),
);

/** The columns the export writes, in order. */
export const exportColumns: readonly LedgerColumn[] = ledgerColumns.filter(
  (c) => !(c as LedgerColumnSpec).importOnly,
);

/** A file without these columns cannot be read as a ledger of people. */
export const requiredKeys: readonly LedgerKey[] = ['name', 'idNumber'];

/**
 * A header as written → comparable: full-width folded (（）→ ()), whitespace and line breaks removed,
 * parenthesised notes dropped (县(市、区) → 县, 月均收入（元） → 月均收入), required-field stars and
 * trailing colons removed.
 */
export function normalizeHeader(text: string): string {
  return compactText(text)
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '')
    .replace(/^[*※]+|[*※]+$/g, '')
    .replace(/[:：]+$/, '');
}

const headerIndex: ReadonlyMap<string, LedgerKey> = (() => {
  const map = new Map<string, LedgerKey>();
  for (const column of ledgerColumns) {
    for (const word of [column.header, ...column.synonyms]) map.set(normalizeHeader(word), column.key);
  }
  return map;
})();

/** The ledger column a header names, or null. */
export function headerKey(text: string): LedgerKey | null {
  const normalized = normalizeHeader(text);
  return normalized === '' ? null : (headerIndex.get(normalized) ?? null);
}

/** Excel's column letters for a 0-based index (0 → A, 27 → AB). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------------
// The header row

export interface MappedColumn {
  key: LedgerKey;
  /** 0-based column index in the sheet. */
  index: number;
  /** The header as written in the file (reported with every problem of the column). */
  header: string;
}

export interface HeaderLayout {
  /** Row numbers of the header (two when a second row carries sub-headers). */
  headerRows: number[];
  columns: MappedColumn[];
  /** Columns with a header the ledger does not store: ignored, and reported. */
  ignored: { index: number; header: string }[];
  /** Required columns the file lacks ([] when the file can be imported). */
  missing: LedgerKey[];
}

/** How many rows from the top are searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

function layoutOf(headerRows: number[], labels: { index: number; text: string }[]): HeaderLayout {
  const columns: MappedColumn[] = [];
  const ignored: HeaderLayout['ignored'] = [];
  const seen = new Set<LedgerKey>();
  for (const { index, text } of labels) {
    const key = headerKey(text);
    // A second column with the same meaning (two 联系电话 columns) is ignored and reported, not merged.
    if (key && !seen.has(key)) {
      seen.add(key);
      columns.push({ key, index, header: text });
    } else if (text !== '') {
      ignored.push({ index, header: text });
    }
  }
  return { headerRows, columns, ignored, missing: requiredKeys.filter((k) => !seen.has(k)) };
}

function labelsOf(upper: SheetRow, lower?: SheetRow): { index: number; text: string }[] {
  const width = Math.max(upper.cells.length, lower?.cells.length ?? 0);
  const labels: { index: number; text: string }[] = [];
  for (let index = 0; index < width; index++) {
    const top = withoutSpaces(cellText(upper.cells[index]));
    const bottom = lower ? withoutSpaces(cellText(lower.cells[index])) : '';
    // Sub-headers win (就业情况 over 就业状态/就业形式); a header merged down over both rows (序号, 姓名)
    // has its text in the upper row only.
    const text = bottom !== '' && (headerKey(bottom) || !headerKey(top)) ? bottom : top;
    labels.push({ index, text });
  }
  return labels;
}

/**
 * Finds the header among the first rows: the row (or pair of rows, for a sub-header row under
 * group headings) naming the most ledger columns, which must include 姓名 or 身份证号码 and at least
 * three columns in all. Title rows, 填报单位/填报日期 rows and blank rows above it are skipped by this.
 */
export function detectHeader(rows: readonly SheetRow[]): HeaderLayout | null {
  const top = rows.slice(0, HEADER_SEARCH_ROWS);
  const usable = (layout: HeaderLayout) => {
    const keys = new Set(layout.columns.map((c) => c.key));
    return (keys.has('idNumber') || keys.has('name')) && layout.columns.length >= 3;
  };
  const singles = top.map((row) => layoutOf([row.number], labelsOf(row)));
  let best: HeaderLayout | null = null;
  const consider = (layout: HeaderLayout) => {
    if (usable(layout) && layout.columns.length > (best?.columns.length ?? 0)) best = layout;
  };
  top.forEach((row, i) => {
    const single = singles[i] as HeaderLayout;
    consider(single);
    const next = top[i + 1];
    if (next && next.number === row.number + 1) {
      // Two rows count as one header only when together they name more columns than either alone.
      const pair = layoutOf([row.number, next.number], labelsOf(row, next));
      const below = singles[i + 1]?.columns.length ?? 0;
      if (pair.columns.length > Math.max(single.columns.length, below)) consider(pair);
    }
  });
  return best;
}

// ---------------------------------------------------------------------------------------------------
// Rows that are not data

const FOOTER_WORDS =
  /^(审核人|审核|制表人|制表|填表人|填表|填报人|填报单位|填报日期|负责人|单位负责人|分管领导|主要领导|经办人|统计人|联系人|联系电话|合计|总计|小计|备注|说明|注[:：]|注意)/;

/** True when the row holds nothing in any mapped column other than 序号-like numbering. */
export function isBlankRow(row: SheetRow, layout: HeaderLayout): boolean {
  return layout.columns.every((c) => isBlank(row.cells[c.index]));
}

/**
 * A footer or note row (审核人：… 制表人：…, 合计, 填报说明): no name and no ID number, and a cell
 * starting with one of the footer words. It is skipped and not counted.
 */
export function isFooterRow(row: SheetRow, layout: HeaderLayout): boolean {
  const at = (key: LedgerKey) => layout.columns.find((c) => c.key === key)?.index;
  const nameIndex = at('name');
  const idIndex = at('idNumber');
  if (
    nameIndex !== undefined &&
    !isBlank(row.cells[nameIndex]) &&
    !FOOTER_WORDS.test(cellText(row.cells[nameIndex]))
  )
    return false;
  if (
    idIndex !== undefined &&
    !isBlank(row.cells[idIndex]) &&
    !FOOTER_WORDS.test(cellText(row.cells[idIndex]))
  )
    return false;
  return row.cells.some((c) => FOOTER_WORDS.test(compactText(cellText(c))));
}

/**
 * A repeat of the header (ledgers printed over several pages repeat it) or a row of column numbers
 * (1 2 3 … under the header of official forms): skipped and not counted.
 */
export function isHeaderLikeRow(row: SheetRow, layout: HeaderLayout): boolean {
  // Quick answer for ordinary data rows: their ID number cell is neither a header word nor a small number.
  const id = layout.columns.find((c) => c.key === 'idNumber') ?? layout.columns[0];
  const probe = id ? cellText(row.cells[id.index]) : '';
  if (probe.length > 6 && !/[^\d\sXx]/.test(probe)) return false;
  const texts = layout.columns.map((c) => cellText(row.cells[c.index]));
  const repeats = layout.columns.filter((c, i) => headerKey(texts[i] ?? '') === c.key).length;
  if (repeats >= Math.max(2, Math.ceil(layout.columns.length / 2))) return true;
  const numbers = texts.filter((t) => t !== '').map(Number);
  return (
    numbers.length >= 3 &&
    numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === (numbers[i - 1] ?? 0) + 1))
  );
}

// ---------------------------------------------------------------------------------------------------
// Values as offices write them

// biome-ignore format: word lists
const YES_WORDS = new Set(['是', '有', '√', '✓', '✔', 'y', 'yes', 'true', '1', '愿意', '需要', '要', '已', '对', '已组织']);
// biome-ignore format: word lists
const NO_WORDS = new Set(['否', '无', '×', '✗', '✘', 'n', 'no', 'false', '0', '不愿意', '不需要', '不', '没有', '未', '非']);

/** 是/否, 有/无, √/×, 愿意/不愿意 …; null for blank, undefined when the text is none of them. */
export function parseYesNo(cell: Cell | undefined): boolean | null | undefined {
  if (typeof cell === 'boolean') return cell;
  const text = compactText(cellText(cell)).toLowerCase();
  if (text === '') return null;
  if (YES_WORDS.has(text)) return true;
  if (NO_WORDS.has(text)) return false;
  return undefined;
}

/** A code list of the registry plus the other words offices write for its values. */
export interface CodeReader<C extends string> {
  read(cell: Cell | undefined): C | null | undefined;
  label(code: C): string;
  labels: string[];
}

function codeReader<C extends string>(
  list: { labels: Record<C, CodeLabel>; codes: readonly C[] },
  variants: Record<string, C> = {},
): CodeReader<C> {
  const words = new Map<string, C>();
  const key = (text: string) => compactText(text).toLowerCase();
  for (const code of list.codes) {
    words.set(key(code), code);
    words.set(key(list.labels[code].zh), code);
  }
  for (const [word, code] of Object.entries(variants)) words.set(key(word), code);
  return {
    read(cell) {
      const raw = cellText(cell);
      if (raw === '') return null;
      // Most cells are written exactly as a label: look that up before normalising.
      return words.get(raw) ?? words.get(key(raw));
    },
    label: (code) => list.labels[code].zh,
    labels: list.codes.map((c) => list.labels[c].zh),
  };
}

// biome-ignore format: word lists
/** Each coded column: the registry's labels plus the variants seen in office ledgers. */
export const codeReaders = {
  category: codeReader(householdCategory, {
    脱贫人口: 'povertyExited', 脱贫户家庭: 'povertyExited', 已脱贫户: 'povertyExited', 建档立卡脱贫户: 'povertyExited',
    监测户: 'monitored', 监测对象: 'monitored', 防返贫监测户: 'monitored', 防止返贫监测对象: 'monitored',
    低收入户: 'lowIncome', 农村低收入人口: 'lowIncome', 低收入人口: 'lowIncome',
  }),
  monitoringType: codeReader(monitoringType, {
    不稳定户: 'unstableExited', 脱贫不稳定: 'unstableExited', 边缘户: 'marginal', 边缘易致贫: 'marginal',
    突发困难户: 'suddenHardship', 突发严重困难: 'suddenHardship',
  }),
  relocation: codeReader(relocation, {
    否: 'none', 无: 'none', 非易地搬迁: 'none', 未搬迁: 'none', 不是: 'none',
    集中: 'centralized', 集中安置户: 'centralized', 分散: 'dispersed', 分散安置户: 'dispersed',
  }),
  relationToHead: codeReader(relationToHead, {
    本人: 'head', 户主本人: 'head',
    妻: 'spouse', 夫: 'spouse', 妻子: 'spouse', 丈夫: 'spouse', 之妻: 'spouse', 之夫: 'spouse', 配偶: 'spouse',
    子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child', 之子: 'child', 之女: 'child', 长子: 'child', 次子: 'child',
    三子: 'child', 长女: 'child', 次女: 'child', 三女: 'child', 独生子: 'child', 独生女: 'child', 养子: 'child', 养女: 'child', 继子: 'child', 继女: 'child',
    儿媳: 'childInLaw', 女婿: 'childInLaw', 之儿媳: 'childInLaw', 之女婿: 'childInLaw', 儿媳妇: 'childInLaw',
    孙子: 'grandchild', 孙女: 'grandchild', 之孙子: 'grandchild', 之孙女: 'grandchild', 外孙子: 'grandchild', 外孙女: 'grandchild', 孙子女: 'grandchild',
    父亲: 'parent', 母亲: 'parent', 之父: 'parent', 之母: 'parent', 父: 'parent', 母: 'parent', 公公: 'parent', 婆婆: 'parent', 岳父: 'parent', 岳母: 'parent',
    兄: 'sibling', 弟: 'sibling', 姐: 'sibling', 妹: 'sibling', 兄弟: 'sibling', 姐妹: 'sibling', 哥哥: 'sibling', 弟弟: 'sibling', 姐姐: 'sibling', 妹妹: 'sibling',
    其它: 'other',
  }),
  education: codeReader(education, {
    文盲: 'illiterate', 半文盲: 'illiterate', 不识字: 'illiterate', 文盲半文盲: 'illiterate',
    小学文化: 'primary', 初中文化: 'juniorHigh', 高中文化: 'seniorHigh',
    中专: 'vocational', 技校: 'vocational', 职高: 'vocational', '中专/技校/职高': 'vocational', 中专技校: 'vocational',
    专科: 'college', 高职: 'college', 本科: 'bachelorOrAbove', 研究生: 'bachelorOrAbove', 硕士: 'bachelorOrAbove', 博士: 'bachelorOrAbove',
  }),
  labourAbility: codeReader(labourAbility, {
    普通: 'ordinary', 普通劳动能力: 'ordinary', 有劳动能力: 'ordinary', 劳动力: 'ordinary',
    技能: 'skilled', 技能劳动能力: 'skilled', 半: 'partial', 部分丧失劳动能力: 'partial', 半劳动能力: 'partial',
    弱: 'weak', 弱劳动能力: 'weak', 无: 'none', 无劳动能力: 'none', 丧失劳动力: 'none', 丧失劳动能力: 'none',
  }),
  health: codeReader(health, {
    良好: 'healthy', 正常: 'healthy', 慢性病: 'chronicIllness', 长期慢性病患者: 'chronicIllness',
    大病: 'seriousIllness', 患大病: 'seriousIllness', 重病: 'seriousIllness', 残疾人: 'disabled',
  }),
  workAwayWillingness: codeReader(workAwayWillingness, {
    不愿意: 'none', 不愿意外出: 'none', 否: 'none', 无: 'none', 本县: 'inCounty', 县内务工: 'inCounty',
    省内务工: 'inProvince', 区内: 'inProvince', 省外: 'anywhere', 不限: 'anywhere', 都可以: 'anywhere', 愿意: 'anywhere',
  }),
  employmentStatus: codeReader(employmentStatus, {
    就业: 'employed', 是: 'employed', 务工: 'employed', 在岗: 'employed', 已务工: 'employed',
    未务工: 'unemployed', 否: 'unemployed', 失业: 'unemployed', 无业: 'unemployed', 待业: 'unemployed',
  }),
  employmentForm: codeReader(employmentForm, {
    务工: 'migrantWork', 外出: 'migrantWork', 企业就业: 'localEnterprise', 本地企业就业: 'localEnterprise', 就近就业: 'localEnterprise',
    扶贫车间: 'assistanceWorkshop', 就业帮扶车间: 'assistanceWorkshop', 公益岗位: 'publicWelfarePost', 公益岗: 'publicWelfarePost',
    乡村公益性岗位: 'publicWelfarePost', 以工代赈项目: 'workRelief', 创业: 'selfEmployed', 自主经营: 'selfEmployed',
    个体经营: 'selfEmployed', 个体: 'selfEmployed', 务农: 'farming', 农业生产: 'farming', 种养殖: 'farming',
  }),
  workLocation: codeReader(workLocation, {
    本县: 'inCounty', 县内务工: 'inCounty', 省内县外: 'inProvince', 省内: 'inProvince', 区内县外: 'inProvince',
    跨省: 'outOfProvince', 出省: 'outOfProvince', 省外务工: 'outOfProvince', 区外: 'outOfProvince',
  }),
  notWorkingReason: codeReader(notWorkingReason, {
    返乡: 'returned', 务工返乡: 'returned', 回流: 'returned', 闲置: 'idle', 在家: 'idle', 照顾家人: 'caringForFamily',
    照料家庭: 'caringForFamily', 因病: 'ill', 患病: 'ill', 在校: 'inSchool', 上学: 'inSchool', 学生: 'inSchool',
    丧失劳动能力: 'unable', 无劳动能力: 'unable',
  }),
};

/** 脱贫不稳定户 and the other monitoring types are written in the category column too. */
function categoryAndType(cell: Cell | undefined) {
  const category = codeReaders.category.read(cell);
  if (category !== undefined) return { category, monitoringType: undefined };
  const type = codeReaders.monitoringType.read(cell);
  if (type) return { category: 'monitored' as const, monitoringType: type };
  return undefined;
}

/**
 * A date from an Excel serial day number. In the 1900 system day 1 is 1900-01-01 and day 60 is the
 * 29 February 1900 that never was (kept for Lotus 1-2-3), so later days are one too many; in the
 * 1904 system (old Mac workbooks) day 0 is 1904-01-01. The time of day is dropped.
 */
export function excelSerialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial >= 2958466) return null;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const offset = days >= 60 ? days - 1 : days;
  return new Date(Date.UTC(1899, 11, 31) + offset * 86_400_000).toISOString().slice(0, 10);
}

function ymd(year: number, month: number, day: number): string | null {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return year >= 1900 && year <= 2100 && isDateText(text) ? text : null;
}

/**
 * A date as offices write it: a real date cell, an Excel serial number, or text — 2022-06-15,
 * 2022/6/15, 2022.6.15, 2022年6月15日, 20220615, and month-only forms 2022年6月, 2022.6, 2022-06,
 * 202206 (taken as the first of the month). Null for blank, undefined when unreadable.
 */
export function parseLedgerDate(cell: Cell | undefined): string | null | undefined {
  if (cell instanceof LedgerDate) return cell.iso;
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 21001231) {
      return ymd(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100) ?? undefined;
    }
    if (Number.isInteger(cell) && cell >= 190001 && cell <= 210012) {
      return ymd(Math.floor(cell / 100), cell % 100, 1) ?? undefined;
    }
    if (cell >= 1900 && cell < 2101 && !Number.isInteger(cell)) {
      // 2022.6 typed into a number cell: year.month (2022.1 is January; 2022.10 cannot be told apart).
      const [year = '', month = ''] = String(cell).split('.');
      return ymd(Number(year), Number(month), 1) ?? undefined;
    }
    if (cell >= 1 && cell < 80_000) return excelSerialToDate(cell) ?? undefined;
    return undefined;
  }
  const text = compactText(cellText(cell));
  if (text === '') return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined;
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), 1) ?? undefined;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined;
  m = /^(\d{4})(\d{2})$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), 1) ?? undefined;
  m = /^(\d{4}-\d{2}-\d{2})T[\d:.]+Z?$/.exec(text);
  if (m) return isDateText(m[1] ?? '') ? m[1] : undefined;
  return undefined;
}

/** An amount of yuan: 4200, 4,200, ４２００, 4200元, 4200.50. Null for blank, undefined when unreadable. */
export function parseAmount(cell: Cell | undefined): number | null | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  const raw = cellText(cell);
  if (PLAIN_AMOUNT.test(raw)) return Number(raw);
  const text = foldWidth(raw)
    .replace(/[\s,，]/g, '')
    .replace(/(元|元\/月|￥|¥)$/, '')
    .replace(/^[￥¥]/, '');
  if (text === '') return null;
  if (!PLAIN_AMOUNT.test(text)) return undefined;
  return Number(text);
}
const PLAIN_AMOUNT = /^-?\d+(\.\d+)?$/;

// biome-ignore format: word list
const GRADE_WORDS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4, 壹: 1, 贰: 2, 叁: 3, 肆: 4 };

/** 残疾等级: 1–4, 一级 … 四级, 1级. Null for blank, undefined when unreadable. */
export function parseDisabilityGrade(cell: Cell | undefined): number | null | undefined {
  const text = compactText(cellText(cell))
    .replace(/^(残疾)?/, '')
    .replace(/级$/, '');
  if (text === '') return null;
  return GRADE_WORDS[text];
}

/** 技能: words separated by 、 , ， ; ； or line breaks. */
export function parseSkills(cell: Cell | undefined): string[] {
  return cellText(cell)
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** 性别: 男/女 (also M/F); null for blank, undefined when unreadable. */
export function parseSex(cell: Cell | undefined): 'M' | 'F' | null | undefined {
  const text = compactText(cellText(cell)).toUpperCase();
  if (text === '') return null;
  if (text === '男' || text === 'M' || text === '男性') return 'M';
  if (text === '女' || text === 'F' || text === '女性') return 'F';
  return undefined;
}

/**
 * Text of an ID number cell, or the problem with it. A number cell of 18 digits has already lost its
 * last digits in Excel (15 significant digits kept), and so has text like 150521198403151000 copied
 * from such a cell: both are refused with the "re-enter as text" message, never repaired.
 */
export function idNumberText(
  cell: Cell | undefined,
): { text: string } | { problem: 'idNumber.excelMangled' } {
  if (looksLikeExcelMangledIdNumber(cell)) return { problem: 'idNumber.excelMangled' };
  if (typeof cell === 'number') return { text: numberText(cell) };
  return { text: cellText(cell) };
}

/** Text of a 户编号 cell; a number of 16 or more digits has lost digits in Excel. */
export function householdNoText(
  cell: Cell | undefined,
): { text: string } | { problem: 'ledger.householdNoMangled' } {
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || Math.abs(cell) >= 1e15) return { problem: 'ledger.householdNoMangled' };
    return { text: numberText(cell) };
  }
  const text = compactText(cellText(cell));
  if (/^\d(\.\d+)?E\+?\d+$/i.test(text)) return { problem: 'ledger.householdNoMangled' };
  return { text };
}

// ---------------------------------------------------------------------------------------------------
// One row → a household and a person

/** A person as the registry stores one, without keys and bookkeeping. */
export interface PersonValues {
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'M' | 'F';
  relationToHead: string;
  phone: string | null;
  education: string | null;
  labourAbility: string;
  health: string;
  disabilityGrade: number | null;
  skills: string[];
  wantsWork: boolean;
  wantsTraining: boolean;
  workAwayWillingness: string;
  employmentStatus: string;
  employmentForm: string | null;
  workLocation: string | null;
  workplace: string | null;
  employer: string | null;
  employmentStart: string | null;
  monthlyIncome: number | null;
  notWorkingReason: string | null;
  organizedByCooperation: boolean;
  cooperationName: string | null;
}

export interface HouseholdValues {
  category: string;
  /** undefined: the row does not say (a plain 监测户 without a 监测对象类型 column) — keep what is stored. */
  monitoringType: string | null | undefined;
  relocation: string | undefined;
  resettlementSite: string | null | undefined;
  address: string | null | undefined;
}

export interface RegionText {
  code: string;
  city: string;
  county: string;
  town: string;
  village: string;
}

export interface RowProblem {
  key: LedgerKey;
  code: string;
  params?: Record<string, string | number>;
}

export interface MappedRow {
  row: number;
  /** The valid ID number, even when other cells have problems (for duplicate checks). */
  idNumber: string | null;
  region: RegionText;
  /** null: blank or no 户编号 column (the person's stored household is kept). */
  householdNo: string | null;
  /** Household values stated on this row (its 帮扶对象类别 cell is filled), or null. */
  household: HouseholdValues | null;
  /** Values of the person columns the file has; columns it lacks are left out (kept / defaulted). */
  person: Partial<PersonValues>;
  problems: RowProblem[];
}

/** Groups of columns that are checked together; a file lacking part of a group is checked after merging. */
export const checkGroups = {
  employment: employmentFields,
  health: ['health', 'disabilityGrade'],
  household: ['category', 'monitoringType', 'relocation', 'resettlementSite'],
} as const satisfies Record<string, readonly LedgerKey[]>;
export type CheckGroup = keyof typeof checkGroups;

/** Values a new person takes for columns the file lacks or leaves blank. */
export const personDefaults = {
  phone: null,
  education: null,
  health: 'healthy',
  disabilityGrade: null,
  skills: [] as string[],
  wantsWork: false,
  wantsTraining: false,
  workAwayWillingness: 'none',
  employmentStatus: 'unemployed',
  employmentForm: null,
  workLocation: null,
  workplace: null,
  employer: null,
  employmentStart: null,
  monthlyIncome: null,
  notWorkingReason: null,
  organizedByCooperation: false,
  cooperationName: null,
} satisfies Partial<PersonValues>;

/** Person fields without a default: a new person needs them. */
export const personRequired = ['name', 'idNumber', 'relationToHead', 'labourAbility'] as const;

/** Maximum lengths of free-text fields (registry.dto.ts). */
const maxLengths: Partial<Record<LedgerKey, number>> = {
  name: 50,
  workplace: 100,
  employer: 100,
  cooperationName: 50,
  resettlementSite: 100,
  address: 200,
  householdNo: 40,
};

export interface MapContext {
  today: string;
  maxMonthlyIncome: number;
}

/** Which check groups the file's columns cover completely (those are checked row by row). */
export function completeGroups(keys: ReadonlySet<LedgerKey>): Set<CheckGroup> {
  const complete = new Set<CheckGroup>();
  for (const [group, members] of Object.entries(checkGroups) as [CheckGroup, readonly LedgerKey[]][]) {
    if (members.every((k) => keys.has(k))) complete.add(group);
  }
  return complete;
}

const preparedLayouts = new WeakMap<
  HeaderLayout,
  { indexOf: Partial<Record<LedgerKey, number>>; complete: Set<CheckGroup> }
>();

/** What mapRow needs of a layout, worked out once per file rather than once per row. */
function prepared(layout: HeaderLayout) {
  let found = preparedLayouts.get(layout);
  if (!found) {
    const indexOf: Partial<Record<LedgerKey, number>> = {};
    for (const c of layout.columns) indexOf[c.key] = c.index;
    found = { indexOf, complete: completeGroups(new Set(layout.columns.map((c) => c.key))) };
    preparedLayouts.set(layout, found);
  }
  return found;
}

/**
 * Reads one data row through the header layout: every value parsed the way offices write it, every
 * problem listed with the column it is in. The registry's rules decide what is valid (ID number,
 * phone, employment consistency, household flags); groups of columns the file has only in part are
 * checked later against the stored record (see checkMergedGroups).
 */
export function mapRow(row: SheetRow, layout: HeaderLayout, context: MapContext): MappedRow {
  const { indexOf, complete } = prepared(layout);
  const problems: RowProblem[] = [];
  const has = (key: LedgerKey) => indexOf[key] !== undefined;
  const cell = (key: LedgerKey): Cell => {
    const index = indexOf[key];
    return index === undefined ? null : (row.cells[index] ?? null);
  };
  const problem = (key: LedgerKey, code: string, params?: Record<string, string | number>) =>
    problems.push(params ? { key, code, params } : { key, code });
  const text = (key: LedgerKey): string | null => {
    const value = cellText(cell(key));
    if (value === '') return null;
    const max = maxLengths[key];
    if (max !== undefined && characterCount(value) > max) problem(key, 'tooLong', { maximum: max });
    return value;
  };
  const coded = <C extends string>(key: LedgerKey, reader: CodeReader<C>): C | null => {
    const value = reader.read(cell(key));
    if (value === undefined) {
      problem(key, 'ledger.unknownValue', { value: cellText(cell(key)), allowed: reader.labels.join('、') });
      return null;
    }
    return value;
  };
  const yesNo = (key: LedgerKey, fallback: boolean): boolean => {
    const value = parseYesNo(cell(key));
    if (value === undefined) {
      problem(key, 'ledger.notYesNo', { value: cellText(cell(key)) });
      return fallback;
    }
    return value ?? fallback;
  };

  const person: Partial<PersonValues> = {};

  // Identity: name, ID number, and the sex and birth date it carries.
  const name = text('name');
  if (name === null) problem('name', 'required');
  else person.name = name;
  let idNumber: string | null = null;
  const idText = idNumberText(cell('idNumber'));
  if ('problem' in idText) problem('idNumber', idText.problem);
  else {
    const parsed = parseIdNumber(idText.text, context.today);
    if (parsed.ok) {
      idNumber = parsed.idNumber;
      person.idNumber = parsed.idNumber;
      person.birthDate = parsed.birthDate;
      person.sex = parsed.sex;
      if (has('sex')) {
        const sex = parseSex(cell('sex'));
        if (sex === undefined)
          problem('sex', 'ledger.unknownValue', { value: cellText(cell('sex')), allowed: '男、女' });
        else if (sex !== null && sex !== parsed.sex)
          problem('sex', 'ledger.sexMismatch', {
            value: cellText(cell('sex')),
            expected: parsed.sex === 'M' ? '男' : '女',
          });
      }
      if (has('birthDate')) {
        const birth = parseLedgerDate(cell('birthDate'));
        if (birth === undefined)
          problem('birthDate', 'ledger.badDate', { value: cellText(cell('birthDate')) });
        else if (
          birth !== null &&
          (isMonthOnly(cell('birthDate'))
            ? birth.slice(0, 7) !== parsed.birthDate.slice(0, 7)
            : birth !== parsed.birthDate)
        )
          problem('birthDate', 'ledger.birthDateMismatch', {
            value: cellText(cell('birthDate')),
            expected: parsed.birthDate,
          });
      }
    } else {
      const mangled =
        parsed.code === 'idNumber.checkDigit' && /^\d{15}000$/.test(idText.text.replace(/\s/g, ''));
      problem('idNumber', mangled ? 'idNumber.excelMangled' : parsed.code);
    }
  }

  // Region and household key.
  const region: RegionText = {
    code: compactText(cellText(cell('villageCode'))),
    city: normalizeRegionName(cellText(cell('city'))),
    county: normalizeRegionName(cellText(cell('county'))),
    town: normalizeRegionName(cellText(cell('town'))),
    village: normalizeRegionName(cellText(cell('village'))),
  };
  let householdNo: string | null = null;
  if (has('householdNo')) {
    const no = householdNoText(cell('householdNo'));
    if ('problem' in no) problem('householdNo', no.problem);
    else if (no.text !== '') {
      if (no.text.length > 40) problem('householdNo', 'tooLong', { maximum: 40 });
      else householdNo = no.text;
    }
  }

  // Household values, when the row states them (its category cell is filled).
  let household: HouseholdValues | null = null;
  if (has('category') && !isBlank(cell('category'))) {
    const read = categoryAndType(cell('category'));
    if (!read || read.category === null) {
      problem('category', 'ledger.unknownValue', {
        value: cellText(cell('category')),
        allowed: [...codeReaders.category.labels, ...codeReaders.monitoringType.labels].join('、'),
      });
    } else {
      let type: string | null | undefined = read.monitoringType;
      if (has('monitoringType') && !isBlank(cell('monitoringType')))
        type = coded('monitoringType', codeReaders.monitoringType);
      else if (has('monitoringType') && type === undefined) type = null;
      if (read.category !== 'monitored' && type === undefined) type = null;
      household = {
        category: read.category,
        monitoringType: type,
        relocation: has('relocation') ? (coded('relocation', codeReaders.relocation) ?? 'none') : undefined,
        resettlementSite: has('resettlementSite') ? text('resettlementSite') : undefined,
        address: has('address') ? text('address') : undefined,
      };
    }
  }

  // Person columns: a blank cell means the default (or no value); a missing column keeps what is stored.
  if (has('relationToHead')) {
    const relation = coded('relationToHead', codeReaders.relationToHead);
    if (relation === null && isBlank(cell('relationToHead'))) problem('relationToHead', 'required');
    if (relation) person.relationToHead = relation;
  }
  if (has('phone')) {
    const raw =
      typeof cell('phone') === 'number' ? numberText(cell('phone') as number) : cellText(cell('phone'));
    if (raw === '') person.phone = null;
    else {
      const phone = normalizePhone(raw);
      if (phone.ok) person.phone = phone.phone;
      else problem('phone', phone.code);
    }
  }
  if (has('education')) person.education = coded('education', codeReaders.education);
  if (has('labourAbility')) {
    const ability = coded('labourAbility', codeReaders.labourAbility);
    if (ability === null && isBlank(cell('labourAbility'))) problem('labourAbility', 'required');
    if (ability) person.labourAbility = ability;
  }
  if (has('health')) person.health = coded('health', codeReaders.health) ?? personDefaults.health;
  if (has('disabilityGrade')) {
    const grade = parseDisabilityGrade(cell('disabilityGrade'));
    if (grade === undefined)
      problem('disabilityGrade', 'ledger.unknownValue', {
        value: cellText(cell('disabilityGrade')),
        allowed: '一级、二级、三级、四级',
      });
    person.disabilityGrade = grade ?? null;
  }
  if (has('skills')) {
    const skills = parseSkills(cell('skills'));
    if (skills.length > 20) problem('skills', 'tooBig', { maximum: 20 });
    if (skills.some((s) => characterCount(s) > 30)) problem('skills', 'tooLong', { maximum: 30 });
    person.skills = skills;
  }
  if (has('wantsWork')) person.wantsWork = yesNo('wantsWork', false);
  if (has('wantsTraining')) person.wantsTraining = yesNo('wantsTraining', false);
  if (has('workAwayWillingness'))
    person.workAwayWillingness =
      coded('workAwayWillingness', codeReaders.workAwayWillingness) ?? personDefaults.workAwayWillingness;
  if (has('employmentStatus'))
    person.employmentStatus =
      coded('employmentStatus', codeReaders.employmentStatus) ?? personDefaults.employmentStatus;
  if (has('employmentForm')) person.employmentForm = coded('employmentForm', codeReaders.employmentForm);
  if (has('workLocation')) person.workLocation = coded('workLocation', codeReaders.workLocation);
  if (has('workplace')) person.workplace = text('workplace');
  if (has('employer')) person.employer = text('employer');
  if (has('employmentStart')) {
    const start = parseLedgerDate(cell('employmentStart'));
    if (start === undefined)
      problem('employmentStart', 'ledger.badDate', { value: cellText(cell('employmentStart')) });
    person.employmentStart = start ?? null;
  }
  if (has('monthlyIncome')) {
    const income = parseAmount(cell('monthlyIncome'));
    if (income === undefined)
      problem('monthlyIncome', 'ledger.badNumber', { value: cellText(cell('monthlyIncome')) });
    person.monthlyIncome = income ?? null;
  }
  if (has('notWorkingReason'))
    person.notWorkingReason = coded('notWorkingReason', codeReaders.notWorkingReason);
  if (has('organizedByCooperation')) person.organizedByCooperation = yesNo('organizedByCooperation', false);
  if (has('cooperationName')) person.cooperationName = text('cooperationName');

  // Cross-field rules, for the groups of columns this file has in full; the others are checked
  // against the stored record by the service.
  const unread = new Set(problems.map((p) => p.key));
  for (const p of groupProblems(person, household, complete, context)) {
    if (!unread.has(p.key)) problems.push(p);
  }

  return { row: row.number, idNumber, region, householdNo, household, person, problems };
}

/** A birth date written as a month only (1984年3月, 1984.3, 198403) agrees with any day of that month. */
function isMonthOnly(cell: Cell | null): boolean {
  if (typeof cell === 'number')
    return Number.isInteger(cell) ? cell >= 190001 && cell <= 210012 : cell >= 1900 && cell < 2101;
  if (typeof cell !== 'string') return false;
  const text = compactText(cell);
  return /^\d{4}[-/.年]\d{1,2}月?$/.test(text) || /^\d{6}$/.test(text);
}

/**
 * The cross-field rules of the registry over one person's and household's values: employment
 * consistency (checkEmploymentSnapshot), disability grade only when disabled, household flags
 * (checkHousehold). `groups` says which groups to check (the values must be complete for them).
 */
export function groupProblems(
  person: Partial<PersonValues>,
  household: HouseholdValues | null,
  groups: ReadonlySet<CheckGroup>,
  context: MapContext,
): RowProblem[] {
  const problems: RowProblem[] = [];
  if (groups.has('employment') && person.employmentStatus) {
    const found = checkEmploymentSnapshot(
      {
        employmentStatus: person.employmentStatus as 'employed' | 'unemployed',
        employmentForm: (person.employmentForm ?? null) as never,
        workLocation: (person.workLocation ?? null) as never,
        employer: person.employer ?? null,
        monthlyIncome: person.monthlyIncome ?? null,
        notWorkingReason: (person.notWorkingReason ?? null) as never,
        employmentStart: person.employmentStart ?? null,
        organizedByCooperation: person.organizedByCooperation ?? false,
        cooperationName: person.cooperationName ?? null,
        workplace: person.workplace ?? null,
      },
      context.today,
      { maxMonthlyIncome: context.maxMonthlyIncome },
    );
    for (const p of found)
      problems.push({
        key: p.field as LedgerKey,
        code: p.code,
        params: { maximum: context.maxMonthlyIncome },
      });
  }
  if (groups.has('health') && person.disabilityGrade != null && person.health !== 'disabled') {
    problems.push({ key: 'disabilityGrade', code: 'ledger.gradeNotDisabled' });
  }
  if (groups.has('household') && household && household.monitoringType !== undefined) {
    for (const p of checkHousehold({
      category: household.category as 'monitored',
      monitoringType: (household.monitoringType ?? null) as never,
      relocation: (household.relocation ?? 'none') as 'none',
      resettlementSite: household.resettlementSite ?? null,
    })) {
      problems.push({
        key: p.field === 'monitoringType' ? 'monitoringType' : (p.field as LedgerKey),
        code: p.code,
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Regions: a village from a code or from county / town / village names as officials write them

export interface RegionEntry {
  code: string;
  level: number;
  name: string;
  aliases: readonly string[];
}

/** The regions an import may write to (the scope's subtree) and the path above it, by code and by name. */
export class RegionIndex {
  readonly byCode = new Map<string, RegionEntry>();
  readonly byName = new Map<string, RegionEntry[]>();

  constructor(entries: Iterable<RegionEntry>) {
    for (const entry of entries) {
      this.byCode.set(entry.code, entry);
      for (const word of new Set([entry.name, ...entry.aliases].map(normalizeRegionName))) {
        const list = this.byName.get(word);
        if (list) list.push(entry);
        else this.byName.set(word, [entry]);
      }
    }
  }

  named(text: string, level: number): RegionEntry[] {
    return (this.byName.get(normalizeRegionName(text)) ?? []).filter((e) => e.level === level);
  }
}

export type RegionResolution =
  | { ok: true; code: string }
  | { ok: false; key: LedgerKey; code: string; value: string };

const PREFIX_BY_LEVEL: Record<number, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };

/**
 * The village of a row: its code (村代码 column, or a 12-digit code in the 村 column) or its names,
 * narrowed by town, county and city when given. `defaultVillage` is used when the file names no
 * village (an import into one village). Names not found here may exist outside the scope; the
 * service tells those apart (region.outOfScope).
 */
export function resolveVillage(
  region: RegionText,
  index: RegionIndex,
  defaultVillage: string | null,
): RegionResolution {
  const codeText = region.code || (/^\d{12}$/.test(region.village) ? region.village : '');
  if (codeText) {
    const key: LedgerKey = region.code ? 'villageCode' : 'village';
    const code = normalizeRegionCode(codeText);
    if (!code) return { ok: false, key, code: 'region.unknown', value: codeText };
    if (regionLevel(code) !== 'village')
      return { ok: false, key, code: 'region.notVillage', value: codeText };
    const entry = index.byCode.get(code);
    if (!entry) return { ok: false, key, code: 'region.unknown', value: code };
    if (region.village && region.code && !matches(entry, region.village)) {
      return { ok: false, key: 'village', code: 'ledger.regionMismatch', value: region.village };
    }
    return { ok: true, code };
  }
  if (!region.village) {
    if (region.town || region.county)
      return { ok: false, key: 'village', code: 'region.notVillage', value: region.town || region.county };
    if (defaultVillage) return { ok: true, code: defaultVillage };
    return { ok: false, key: 'village', code: 'ledger.regionMissing', value: '' };
  }
  let prefixes: string[] | null = null;
  for (const [key, level] of [
    ['city', 2],
    ['county', 3],
    ['town', 4],
  ] as const) {
    const name = region[key];
    if (!name) continue;
    const found = index
      .named(name, level)
      .map((e) => e.code.slice(0, PREFIX_BY_LEVEL[level]))
      .filter((p) => prefixes === null || prefixes.some((q) => p.startsWith(q)));
    if (found.length === 0) return { ok: false, key, code: 'region.unknown', value: name };
    prefixes = found;
  }
  const villages = index
    .named(region.village, 5)
    .filter((e) => prefixes === null || prefixes.some((p) => e.code.startsWith(p)));
  if (villages.length === 0)
    return { ok: false, key: 'village', code: 'region.unknown', value: region.village };
  if (villages.length > 1)
    return { ok: false, key: 'village', code: 'region.ambiguous', value: region.village };
  return { ok: true, code: (villages[0] as RegionEntry).code };
}

function matches(entry: RegionEntry, name: string): boolean {
  const wanted = normalizeRegionName(name);
  return [entry.name, ...entry.aliases].some((n) => normalizeRegionName(n) === wanted);
}

/** The cache key of a row's region: rows of one village resolve once per import. */
export function regionKey(region: RegionText): string {
  return `${region.code}|${region.city}|${region.county}|${region.town}|${region.village}`;
}

// ---------------------------------------------------------------------------------------------------
// Export: a stored person and household as ledger cells

export interface LedgerRecord {
  countyName: string;
  townName: string;
  villageName: string;
  villageCode: string;
  householdNo: string;
  category: string;
  monitoringType: string | null;
  relocation: string;
  resettlementSite: string | null;
  address: string | null;
  person: PersonValues;
}

function label(reader: CodeReader<string>, code: string | null): string | null {
  return code === null ? null : reader.label(code);
}

/** One ledger row in export order (exportColumns); ID and phone numbers as given (mask before if needed). */
export function ledgerCells(record: LedgerRecord): Cell[] {
  const p = record.person;
  const values: Record<Exclude<LedgerKey, 'city'>, Cell> = {
    county: record.countyName,
    town: record.townName,
    village: record.villageName,
    villageCode: record.villageCode,
    householdNo: record.householdNo,
    category: label(codeReaders.category, record.category),
    monitoringType: label(codeReaders.monitoringType, record.monitoringType),
    relocation: label(codeReaders.relocation, record.relocation),
    resettlementSite: record.resettlementSite,
    address: record.address,
    name: p.name,
    sex: p.sex === 'M' ? '男' : '女',
    idNumber: p.idNumber,
    birthDate: new LedgerDate(p.birthDate),
    relationToHead: label(codeReaders.relationToHead, p.relationToHead),
    phone: p.phone,
    education: label(codeReaders.education, p.education),
    labourAbility: label(codeReaders.labourAbility, p.labourAbility),
    health: label(codeReaders.health, p.health),
    disabilityGrade: p.disabilityGrade,
    skills: p.skills.length > 0 ? p.skills.join('、') : null,
    wantsWork: p.wantsWork ? '是' : '否',
    wantsTraining: p.wantsTraining ? '是' : '否',
    workAwayWillingness: label(codeReaders.workAwayWillingness, p.workAwayWillingness),
    employmentStatus: label(codeReaders.employmentStatus, p.employmentStatus),
    employmentForm: label(codeReaders.employmentForm, p.employmentForm),
    workLocation: label(codeReaders.workLocation, p.workLocation),
    workplace: p.workplace,
    employer: p.employer,
    employmentStart: p.employmentStart ? new LedgerDate(p.employmentStart) : null,
    monthlyIncome: p.monthlyIncome,
    notWorkingReason: label(codeReaders.notWorkingReason, p.notWorkingReason),
    organizedByCooperation: p.organizedByCooperation ? '是' : '否',
    cooperationName: p.cooperationName,
  };
  return exportColumns.map((c) => values[c.key as Exclude<LedgerKey, 'city'>] ?? null);
}

/** The layout of an exported ledger: its header row mapped to the export columns. */
export function exportLayout(headerRow: number): HeaderLayout {
  return {
    headerRows: [headerRow],
    columns: exportColumns.map((c, index) => ({ key: c.key, index, header: c.header })),
    ignored: [],
    missing: [],
  };
}

// ---------------------------------------------------------------------------------------------------
// The import's direct path

/**
 * A household as one row states it, as staged for the import: monitoringType null when the row does
 * not give it (typeGiven tells a blank type from a missing one), the other values null when left out.
 */
export interface StatedHousehold {
  category: string;
  monitoringType: string | null;
  typeGiven: boolean;
  relocation: string | null;
  resettlementSite: string | null;
  address: string | null;
}

/** A checked row of a chunk with its village and 户编号, as the direct path sees it. */
export interface DirectRow {
  row: number;
  /** Village code and 户编号: one key per household. */
  household: string;
  stated: StatedHousehold | null;
  /**
   * The row on its own could create a new person directly: an ID number neither registered nor seen
   * earlier in the file nor given twice in its chunk, a household neither registered nor described by
   * an earlier chunk, values stored exactly as given.
   */
  eligible: boolean;
}

export interface DirectHousehold {
  /** The first row stating the household: its values are the household's for the whole file. */
  firstRow: number;
  stated: StatedHousehold;
  rows: number[];
}

/** Whether a row states its household differently from the first row that stated it (ledger.householdDiffers). */
export function statesDifferently(row: StatedHousehold, first: StatedHousehold): boolean {
  return (
    row.category !== first.category ||
    row.relocation !== first.relocation ||
    row.resettlementSite !== first.resettlementSite ||
    row.address !== first.address ||
    (row.typeGiven && first.typeGiven && row.monitoringType !== first.monitoringType)
  );
}

/**
 * The households of a chunk that can be written straight away as new households of new people: every
 * row of them eligible, one row at least stating the household, no row stating it differently from
 * the first, and a monitored household with its monitoring type. Anything else (a row to refuse, a
 * match, an update) goes through the set-based statements, which report it.
 */
export function directHouseholds(rows: readonly DirectRow[]): Map<string, DirectHousehold> {
  const groups = new Map<
    string,
    { first: { row: number; stated: StatedHousehold } | null; rows: number[]; ok: boolean }
  >();
  for (const r of [...rows].sort((a, b) => a.row - b.row)) {
    let group = groups.get(r.household);
    if (!group) {
      group = { first: null, rows: [], ok: true };
      groups.set(r.household, group);
    }
    group.rows.push(r.row);
    if (!r.eligible) group.ok = false;
    if (!r.stated) continue;
    if (!group.first) group.first = { row: r.row, stated: r.stated };
    else if (statesDifferently(r.stated, group.first.stated)) group.ok = false;
  }
  const direct = new Map<string, DirectHousehold>();
  for (const [key, { first, rows: members, ok }] of groups) {
    if (!ok || !first) continue;
    if (first.stated.category === 'monitored' && first.stated.monitoringType === null) continue;
    direct.set(key, { firstRow: first.row, stated: first.stated, rows: members });
  }
  return direct;
}
