// Numbers, dates and code labels as a Chinese official writes them: 1,234,567; 2026-11-23; 3,500 元.
import dayjs from 'dayjs';
import type { CodeLabel } from '../../../src/modules/registry/registry.codes';
import type { Language } from '../../../src/shared/i18n';

const numberFormat = new Intl.NumberFormat('zh-CN');

export function formatNumber(value: number | null | undefined): string {
  return value == null ? '—' : numberFormat.format(value);
}

/** Monthly income: 3,500 元 / ¥3,500. */
export function formatMoney(value: number | null | undefined, lang: Language): string {
  if (value == null) return '—';
  return lang === 'zh' ? `${numberFormat.format(value)} 元` : `¥${numberFormat.format(value)}`;
}

/** A share as a percentage with one decimal: 70.5%. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

type CodeList = { labels: Record<string, CodeLabel> };

/** The label of a coded value (e.g. employmentForm 'migrantWork' → 外出务工); '—' when empty. */
export function codeLabel(list: CodeList, code: string | null | undefined, lang: Language): string {
  if (code == null) return '—';
  return list.labels[code]?.[lang] ?? code;
}

/** Options for a Select over a code list. */
export function codeOptions(list: CodeList, lang: Language) {
  return Object.entries(list.labels).map(([value, label]) => ({ value, label: label[lang] }));
}

export function yesNo(value: boolean | null | undefined, lang: Language): string {
  if (value == null) return '—';
  return lang === 'zh' ? (value ? '是' : '否') : value ? 'Yes' : 'No';
}

export function sexLabel(sex: string | null | undefined, lang: Language): string {
  if (sex === 'M') return lang === 'zh' ? '男' : 'Male';
  if (sex === 'F') return lang === 'zh' ? '女' : 'Female';
  return '—';
}
