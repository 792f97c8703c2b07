// 首页: where the selected region stands — headline figures, employment by form and by where, and
// one row per child region to drill down.
import { Button, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { stats } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { formatDate } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';
import { ChildRegionsTable } from './ChildRegionsTable';
import { StatCards } from './StatCards';
import './home.css';

// ECharts is the largest library here: load it after the figures, in its own chunk.
const EmploymentCharts = lazy(() =>
  import('./EmploymentCharts').then((m) => ({ default: m.EmploymentCharts })),
);

export function HomePage() {
  const { t } = useLang();
  const { code, href } = useRegion();
  const { data, error, loading, reload } = useApi((signal) => stats.summary(code, signal), [code]);
  const summary = data?.region.code === code ? data : undefined;

  return (
    <div data-testid="home-page">
      <PageTitle
        title={summary ? `${summary.region.name} ${t('概况', 'overview')}` : t('概况', 'Overview')}
        extra={
          summary && (
            <Typography.Text type="secondary">
              {t('数据截至', 'As of')} {formatDate(summary.asOf)}
            </Typography.Text>
          )
        }
      />
      {error && <LoadError error={error} onRetry={reload} />}
      {!summary && loading && <Skeleton active paragraph={{ rows: 8 }} />}
      {summary && (
        <>
          <StatCards summary={summary} />
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <EmploymentCharts summary={summary} />
          </Suspense>
          {summary.children.length > 0 ? (
            <ChildRegionsTable summary={summary} />
          ) : (
            <Link to={href('/persons')}>
              <Button type="primary">{t('查看本村全部人员', 'All people of this village')}</Button>
            </Link>
          )}
        </>
      )}
    </div>
  );
}
