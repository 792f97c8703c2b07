// Controls shared by the statistics screens: the .xlsx export button, and a change figure (+12 / −3)
// beside a number. (The month picker is the monitoring screens', bound to the same ?month=.)
import { Tooltip } from 'antd';
import type { Query } from '../api/client';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { ExportButton as LedgerExportButton } from '../ledger/ExportButton';
import type { ExportTable } from './statsApi';

/** Downloads one statistics table as .xlsx (stats.routes.ts), with the page's region, month and filters. */
export function ExportButton({
  table,
  query,
  label,
  testId,
}: {
  table: ExportTable;
  query: Query;
  label?: string;
  testId: string;
}) {
  const { t } = useLang();
  return (
    <LedgerExportButton
      path={`/stats/export/${table}.xlsx`}
      query={query}
      label={label ?? t('导出 Excel', 'Export .xlsx')}
      fileName={`${table}.xlsx`}
      testId={testId}
    />
  );
}

/** A change from a comparison month: green up, red down, "—" when there is nothing to compare. */
export function Delta({
  value,
  label,
  invert,
}: {
  value: number | null | undefined;
  /** 环比 / 同比 */
  label: string;
  /** Fewer is better (zero-employment households, warnings). */
  invert?: boolean;
}) {
  const good = value != null && (invert ? value < 0 : value > 0);
  const bad = value != null && (invert ? value > 0 : value < 0);
  const text =
    value == null ? '—' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatNumber(Math.abs(value))}`;
  return (
    <Tooltip title={label}>
      <span className={`delta num${good ? ' delta-good' : bad ? ' delta-bad' : ''}`}>
        <span className="delta-label">{label}</span> {text}
      </span>
    </Tooltip>
  );
}
