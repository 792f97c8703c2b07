// 月度统计: a region's figures for a month from its follow-ups (frozen once the month is accepted),
// with change from last month and last year, charts, and one row per child region to drill down to
// the village and the people behind every number. Exports the table and the reporting as .xlsx.
import { Alert, Button, Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useLang } from '../i18n/lang';
import { MonthPicker } from '../monitoring/MonthPicker';
import { useReportingMonth } from '../monitoring/month';
import { useRegion } from '../region/RegionContext';
import { ChildStatsTable } from './ChildStatsTable';
import { peopleHref } from './links';
import { ExportButton } from './StatsControls';
import { StatsFigures } from './StatsFigures';
import { statsApi } from './statsApi';
import './stats.css';

// ECharts loads after the figures, in its own chunk.
const StatsCharts = lazy(() => import('./StatsCharts').then((m) => ({ default: m.StatsCharts })));

export function MonthlyStatsPage() {
  const { t } = useLang();
  const { code, region } = useRegion();
  const month = useReportingMonth();
  const { data, error, loading, reload } = useApi(
    (signal) => statsApi.monthly(code, month, signal),
    [code, month],
  );
  const shown = data?.region.code === code && data.month === month ? data : undefined;
  const name = shown?.region.name ?? region?.name ?? '';

  return (
    <div data-testid="stats-page">
      <PageTitle
        title={`${name} ${month} ${t('月度统计', 'monthly statistics')}`}
        extra={
          <div className="stats-toolbar">
            <MonthPicker />
            <ExportButton table="monthly" query={{ region: code, month }} testId="export-monthly" />
            <ExportButton
              table="reporting"
              query={{ region: code, month }}
              label={t('导出报送情况', 'Export reporting')}
              testId="export-reporting"
            />
          </div>
        }
      />
      {error && <LoadError error={error} onRetry={reload} />}
      {!shown && loading && <Skeleton active paragraph={{ rows: 8 }} />}
      {shown && shown.persons === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('本月尚无回访记录', 'No follow-ups recorded for this month yet')}
        />
      )}
      {shown && (
        <>
          <StatsFigures data={shown} />
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <StatsCharts data={shown} />
          </Suspense>
          {shown.children.length > 0 ? (
            <ChildStatsTable data={shown} />
          ) : (
            <Link to={peopleHref(code, month)}>
              <Button type="primary" data-testid="village-people">
                {t('查看本村当月回访人员', 'Everyone followed up this month')}
              </Button>
            </Link>
          )}
        </>
      )}
    </div>
  );
}
