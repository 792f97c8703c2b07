// 审核: the months of the villages below the selected region for a month, waiting for review first;
// each opens the village's month, where the town returns it with a reason or accepts it and the
// county reopens an accepted one.
import { Segmented } from 'antd';
import { reportStatusLabel } from '../../../src/modules/monitoring/monitoring.codes';
import type { ReportStatus } from '../../../src/modules/monitoring/monitoring.rules';
import { useApi } from '../api/useApi';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { useQueryParams } from '../common/useQueryParams';
import { codeLabel, formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';
import { MonthPicker } from './MonthPicker';
import { monitoringApi } from './monitoringApi';
import { monthLabel, useReportingMonth } from './month';
import { VillageMonthTable } from './VillageMonthTable';
import './monitoring.css';

const statuses = ['submitted', 'returned', 'open', 'accepted'] as const;

export function ReviewPage() {
  const { lang, t } = useLang();
  const phone = useIsPhone();
  const { code, region } = useRegion();
  const month = useReportingMonth();
  const { params, update } = useQueryParams();
  const wanted = params.get('status');
  const status: ReportStatus | 'all' =
    wanted === 'all' || statuses.includes(wanted as ReportStatus)
      ? (wanted as ReportStatus | 'all')
      : 'submitted';
  const page = Number(params.get('page') ?? 1) || 1;
  const loaded = useApi(
    (signal) =>
      monitoringApi.villageMonths(
        { region: code, month, status: status === 'all' ? undefined : status, page, pageSize: 20 },
        signal,
      ),
    [code, month, status, page],
  );
  const counts = loaded.data?.byStatus ?? {};
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <div data-testid="review-page">
      <PageTitle
        title={`${region?.name ?? ''} · ${monthLabel(month, lang)} ${t('回访审核', 'review')}`}
        extra={<MonthPicker />}
      />
      <Segmented<string>
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        value={status}
        onChange={(value) => update({ status: value })}
        data-testid="status-filter"
        options={[
          ...statuses.map((s) => ({
            value: s,
            label: `${s === 'submitted' ? t('待审核', 'To review') : codeLabel(reportStatusLabel, s, lang)} ${formatNumber(counts[s] ?? 0)}`,
          })),
          { value: 'all', label: `${t('全部', 'All')} ${formatNumber(total)}` },
        ]}
      />
      {loaded.error && <LoadError error={loaded.error} onRetry={loaded.reload} />}
      <VillageMonthTable
        loaded={loaded}
        page={page}
        onPage={(p) => update({ page: p }, { keepPage: true })}
        phone={phone}
        testId="review-list"
      />
    </div>
  );
}
