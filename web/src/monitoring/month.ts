// The reporting month of a monitoring screen: `?month=YYYY-MM` in the address, the current month
// in China when left out or in the future (nothing can be recorded for a month to come).
import { useSearchParams } from 'react-router-dom';
import { isMonth, monthOfDay } from '../../../src/modules/monitoring/monitoring.rules';
import { localDay } from '../../../src/shared/dates';

export function currentMonth(): string {
  return monthOfDay(localDay(new Date()));
}

export function useReportingMonth(): string {
  const [params] = useSearchParams();
  const wanted = params.get('month');
  const latest = currentMonth();
  return wanted && isMonth(wanted) && wanted <= latest ? wanted : latest;
}

/** 2026年11月 / Nov 2026 */
export function monthLabel(month: string, lang: 'zh' | 'en'): string {
  const [year, m] = month.split('-');
  if (lang === 'zh') return `${year}年${Number(m)}月`;
  return new Date(Date.UTC(Number(year), Number(m) - 1, 1)).toLocaleString('en', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
