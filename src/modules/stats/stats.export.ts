// The statistics tables as sheets: each screen's table (monthly figures per child region, progress
// against targets, warnings, reporting, the people behind a figure) as a Table for the ledger writer,
// built from exactly the JSON the screen shows, so a download says what the page says.

import type { Language } from '../../shared/i18n.js';
import type { Table, TableColumn } from '../ledger/ledger.writer.js';
import {
  employmentForm,
  employmentStatus,
  notWorkingReason,
  workLocation,
} from '../registry/registry.codes.js';
import { targetMeasure, warningReason, warningRule, warningState } from './stats.codes.js';
import type { MonthPerson } from './stats.presenter.js';
import type { RegionFigures } from './stats.rules.js';

type Lang = Language;
const say = (lang: Lang) => (zh: string, en: string) => (lang === 'zh' ? zh : en);
type Labels = { labels: Record<string, { zh: string; en: string }> };
const label = (list: Labels, code: string | null | undefined, lang: Lang) =>
  code == null ? '' : (list.labels[code]?.[lang] ?? code);
/** A percentage as the API gives it (85.7) → the fraction a percent cell holds (0.857). */
const share = (percent: number | null | undefined) => (percent == null ? null : percent / 100);
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
/** YYYY-MM-DD HH:mm in China (UTC+8, no daylight saving), wherever the server's clock is set. */
const chinaTime = (instant: Date) =>
  new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const fileStamp = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_');

interface RegionRef {
  code: string;
  name: string;
}
interface Change {
  employed: number;
  labourers: number;
}
interface ReportingFigures {
  expected: number;
  submitted: number;
  onTime: number;
  reportingRate: number | null;
  onTimeRate: number | null;
}
type MonthlyRow = RegionFigures & {
  region: RegionRef;
  warningsOpen: number;
  reporting: ReportingFigures | null;
  changeFromLastMonth: Change | null;
  changeFromLastYear: Change | null;
};
export type Monthly = MonthlyRow & { month: string; children: MonthlyRow[] };

/** 月度统计: one row per child region and a total row (合计) last. */
export function monthlyTable(m: Monthly, lang: Lang): Table<MonthlyRow & { total?: boolean }> {
  const t = say(lang);
  const n = (header: string, value: (r: MonthlyRow) => number | null): TableColumn<MonthlyRow> => ({
    header,
    kind: 'number',
    value,
  });
  const columns: TableColumn<MonthlyRow & { total?: boolean }>[] = [
    {
      header: t('地区', 'Region'),
      value: (r) => (r.total ? `${r.region.name} ${t('合计', 'total')}` : r.region.name),
    },
    { header: t('区划代码', 'Code'), kind: 'text', value: (r) => r.region.code },
    n(t('人数', 'People'), (r) => r.persons),
    n(t('劳动力', 'Labourers'), (r) => r.labourers),
    n(t('已就业', 'Employed'), (r) => r.employed),
    {
      header: t('劳动力就业率', 'Employment rate'),
      kind: 'percent',
      value: (r) => ratio(r.employed, r.labourers),
    },
    n(t('就业环比增减', 'Employed vs last month'), (r) => r.changeFromLastMonth?.employed ?? null),
    n(t('就业同比增减', 'Employed vs last year'), (r) => r.changeFromLastYear?.employed ?? null),
    ...employmentForm.codes.map((code) => n(label(employmentForm, code, lang), (r) => r.byForm[code])),
    ...workLocation.codes.map((code) => n(label(workLocation, code, lang), (r) => r.byLocation[code])),
    n(t('搬迁劳动力就业', 'Relocated employed'), (r) => r.relocatedEmployed),
    n(t('劳务协作就业', 'Cooperation employed'), (r) => r.cooperationEmployed),
    n(t('未就业劳动力', 'Labourers not employed'), (r) => r.unemployedLabourers),
    n(t('户数', 'Households'), (r) => r.households),
    n(t('零就业家庭', 'Zero-employment households'), (r) => r.zeroEmploymentHouseholds),
    n(t('未解除预警', 'Open warnings'), (r) => r.warningsOpen),
    n(t('应报村数', 'Villages expected'), (r) => r.reporting?.expected ?? null),
    n(t('已报送村数', 'Villages reported'), (r) => r.reporting?.submitted ?? null),
    {
      header: t('报送率', 'Reporting rate'),
      kind: 'percent',
      value: (r) => share(r.reporting?.reportingRate),
    },
    { header: t('及时率', 'On-time rate'), kind: 'percent', value: (r) => share(r.reporting?.onTimeRate) },
  ];
  const title = `${m.region.name} ${m.month} ${t('月度就业帮扶统计', 'monthly statistics')}`;
  return {
    sheetName: t('月度统计', 'Monthly'),
    title,
    fileName: `${fileStamp(m.region.name)}_${t('月度统计', 'monthly')}_${m.month}.xlsx`,
    columns,
    rows: [...m.children, { ...m, total: true }],
  };
}

interface ProgressItem {
  region: RegionRef;
  measure: string;
  cooperationName: string | null;
  measured: boolean;
  actual: number;
  target: number;
  percent: number | null;
  changeFromLastMonth: number | null;
  changeFromLastYear: number | null;
}
export interface Progress {
  region: RegionRef;
  year: number;
  month: string;
  items: ProgressItem[];
}

/** 目标进度: one row per region and measure. */
export function progressTable(p: Progress, lang: Lang): Table<ProgressItem> {
  const t = say(lang);
  return {
    sheetName: t('目标进度', 'Targets'),
    title: `${p.region.name} ${p.year}${t('年目标任务完成进度', ' targets: progress')}（${t('截至', 'as of')} ${p.month}）`,
    fileName: `${fileStamp(p.region.name)}_${t('目标进度', 'targets')}_${p.month}.xlsx`,
    columns: [
      { header: t('地区', 'Region'), value: (r) => r.region.name },
      { header: t('区划代码', 'Code'), kind: 'text', value: (r) => r.region.code },
      {
        header: t('指标', 'Measure'),
        value: (r) =>
          label(targetMeasure, r.measure, lang) + (r.cooperationName ? `（${r.cooperationName}）` : ''),
      },
      { header: t('目标', 'Target'), kind: 'number', value: (r) => r.target },
      { header: t('实际', 'Actual'), kind: 'number', value: (r) => (r.measured ? r.actual : null) },
      {
        header: t('完成率', 'Percent'),
        kind: 'percent',
        value: (r) => (r.measured ? share(r.percent) : null),
      },
      { header: t('较上月', 'vs last month'), kind: 'number', value: (r) => r.changeFromLastMonth },
      { header: t('较去年同月', 'vs last year'), kind: 'number', value: (r) => r.changeFromLastYear },
    ],
    rows: p.items,
  };
}

export interface WarningItem {
  id: number;
  rule: string;
  villageName: string;
  personName: string | null;
  householdNo: string | null;
  detail: Record<string, unknown>;
  state: string;
  note: string | null;
  handledByName: string | null;
  updatedAt: Date | string;
}

/** 预警清单 */
export function warningsTable(
  region: RegionRef,
  month: string,
  items: readonly WarningItem[],
  lang: Lang,
): Table<WarningItem> {
  const t = say(lang);
  const codeLists = { employmentForm, workLocation, notWorkingReason };
  const reason = (w: WarningItem) =>
    warningReason(w.rule, w.detail, lang, (list, code) =>
      typeof code === 'string' ? label(codeLists[list], code, lang) : t('不详', 'unknown'),
    );
  return {
    sheetName: t('预警清单', 'Warnings'),
    title: `${region.name} ${month} ${t('风险预警清单', 'early warnings')}`,
    fileName: `${fileStamp(region.name)}_${t('预警清单', 'warnings')}_${month}.xlsx`,
    columns: [
      { header: t('所在村', 'Village'), value: (w) => w.villageName },
      { header: t('户编号', 'Household no.'), kind: 'text', value: (w) => w.householdNo },
      { header: t('姓名', 'Name'), value: (w) => w.personName ?? t('（全户）', '(household)') },
      { header: t('预警类型', 'Type'), value: (w) => label(warningRule, w.rule, lang) },
      { header: t('预警原因', 'Reason'), value: reason },
      { header: t('状态', 'State'), value: (w) => label(warningState, w.state, lang) },
      { header: t('处理说明', 'Note'), value: (w) => w.note },
      { header: t('处理人', 'Handled by'), value: (w) => w.handledByName },
      {
        header: t('更新时间', 'Updated'),
        value: (w) => chinaTime(new Date(w.updatedAt)),
      },
    ],
    rows: items,
  };
}

type ReportingRow = ReportingFigures & {
  region: RegionRef;
  accepted: number;
  late: number;
  missing: number;
  pending: number;
};
export type Reporting = ReportingRow & { month: string; children: ReportingRow[] };

/** 报送情况: completeness and timeliness per child region, total last. */
export function reportingTable(r: Reporting, lang: Lang): Table<ReportingRow & { total?: boolean }> {
  const t = say(lang);
  const n = (header: string, value: (row: ReportingRow) => number): TableColumn<ReportingRow> => ({
    header,
    kind: 'number',
    value,
  });
  return {
    sheetName: t('报送情况', 'Reporting'),
    title: `${r.region.name} ${r.month} ${t('月度回访报送情况', 'reporting')}`,
    fileName: `${fileStamp(r.region.name)}_${t('报送情况', 'reporting')}_${r.month}.xlsx`,
    columns: [
      {
        header: t('地区', 'Region'),
        value: (row) => (row.total ? `${row.region.name} ${t('合计', 'total')}` : row.region.name),
      },
      { header: t('区划代码', 'Code'), kind: 'text', value: (row) => row.region.code },
      n(t('应报村数', 'Expected'), (row) => row.expected),
      n(t('已报送', 'Submitted'), (row) => row.submitted),
      n(t('按时报送', 'On time'), (row) => row.onTime),
      n(t('逾期报送', 'Late'), (row) => row.late),
      n(t('逾期未报', 'Missing'), (row) => row.missing),
      n(t('未到期未报', 'Pending'), (row) => row.pending),
      n(t('已审核', 'Accepted'), (row) => row.accepted),
      { header: t('报送率', 'Reporting rate'), kind: 'percent', value: (row) => share(row.reportingRate) },
      { header: t('及时率', 'On-time rate'), kind: 'percent', value: (row) => share(row.onTimeRate) },
    ],
    rows: [...r.children, { ...r, total: true }],
  };
}

/** The people behind a figure: the month's follow-ups (masked unless revealed). */
export function monthPeopleTable(
  region: RegionRef,
  month: string,
  what: string,
  items: readonly MonthPerson[],
  lang: Lang,
): Table<MonthPerson> {
  const t = say(lang);
  const yes = (v: boolean) => (v ? t('是', 'Yes') : t('否', 'No'));
  return {
    sheetName: t('人员名单', 'People'),
    title: `${region.name} ${month} ${what}（${t('据当月回访记录', 'from the month’s follow-ups')}${items[0]?.masked === false ? '' : t('，证件号码已脱敏', ', ID numbers masked')}）`,
    fileName: `${fileStamp(region.name)}_${fileStamp(what)}_${month}.xlsx`,
    columns: [
      { header: t('所在村', 'Village'), value: (p) => p.villageName },
      { header: t('户编号', 'Household no.'), kind: 'text', value: (p) => p.householdNo },
      { header: t('姓名', 'Name'), value: (p) => p.name },
      { header: t('身份证号码', 'ID number'), kind: 'text', value: (p) => p.idNumber },
      { header: t('性别', 'Sex'), value: (p) => (p.sex === 'M' ? t('男', 'M') : t('女', 'F')) },
      { header: t('年龄', 'Age'), kind: 'number', value: (p) => p.age },
      { header: t('劳动力', 'Labourer'), value: (p) => yes(p.labourer) },
      { header: t('易地搬迁', 'Relocated'), value: (p) => yes(p.relocated) },
      { header: t('就业状态', 'Status'), value: (p) => label(employmentStatus, p.employmentStatus, lang) },
      { header: t('就业形式', 'Form'), value: (p) => label(employmentForm, p.employmentForm, lang) },
      { header: t('务工地域', 'Where'), value: (p) => label(workLocation, p.workLocation, lang) },
      { header: t('务工地点', 'Workplace'), value: (p) => p.workplace },
      { header: t('就业单位', 'Employer'), value: (p) => p.employer },
      { header: t('月收入（元）', 'Monthly income'), kind: 'number', value: (p) => p.monthlyIncome },
      {
        header: t('未就业原因', 'Why not working'),
        value: (p) => label(notWorkingReason, p.notWorkingReason, lang),
      },
      {
        header: t('劳务协作', 'Cooperation'),
        value: (p) => (p.organizedByCooperation ? p.cooperationName || t('是', 'Yes') : ''),
      },
    ],
    rows: items,
  };
}
