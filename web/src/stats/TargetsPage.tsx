// 目标进度: the year's targets of the region and its child regions per measure (people in work,
// relocated people in work, through a labour cooperation such as 京蒙, from other provinces), with
// actual, percent and change from last month and the same month last year. Administrators set a
// target and its breakdown here.
import { EditOutlined } from '@ant-design/icons';
import { Progress as Bar, Button, Card, Empty, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { targetMeasure } from '../../../src/modules/stats/stats.codes';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { MonthPicker } from '../monitoring/MonthPicker';
import { useReportingMonth } from '../monitoring/month';
import { useRegion } from '../region/RegionContext';
import { figureFilters, type PeopleFilter, peopleHref } from './links';
import { Delta, ExportButton } from './StatsControls';
import { type ProgressItem, statsApi, type TargetMeasure } from './statsApi';
import { TargetEditor } from './TargetEditor';
import './stats.css';

/** The people an actual figure counts; people from other provinces are not recorded here yet. */
const actualFilter: Record<TargetMeasure, PeopleFilter | null> = {
  employed: figureFilters.employed,
  relocatedEmployed: figureFilters.relocatedEmployed,
  cooperationEmployed: figureFilters.cooperationEmployed,
  inflowEmployed: null,
};

export function TargetsPage() {
  const { lang, t } = useLang();
  const { can } = useAuth();
  const { code, region, select } = useRegion();
  const month = useReportingMonth();
  const year = Number(month.slice(0, 4));
  const [editing, setEditing] = useState(false);
  const { data, error, loading, reload } = useApi(
    (signal) => statsApi.progress(code, month, signal),
    [code, month],
  );
  const shown = data?.region.code === code && data.month === month ? data : undefined;
  const groups = new Map<string, ProgressItem[]>();
  for (const item of shown?.items ?? []) {
    const key = `${item.measure}:${item.cooperationName ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }

  const columns: TableColumnsType<ProgressItem> = [
    {
      key: 'region',
      title: t('地区', 'Region'),
      render: (_, item) =>
        item.region.code === code ? (
          <strong>{item.region.name}</strong>
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => select(item.region.code)}>
            {item.region.name}
          </Button>
        ),
    },
    {
      key: 'target',
      title: t('目标', 'Target'),
      align: 'right',
      render: (_, item) => <span className="num">{formatNumber(item.target)}</span>,
    },
    {
      key: 'actual',
      title: t('实际', 'Actual'),
      align: 'right',
      render: (_, item) => {
        const filter = actualFilter[item.measure];
        if (!item.measured || !filter) return <Tag>{t('暂无数据', 'not recorded yet')}</Tag>;
        return (
          <Link to={peopleHref(item.region.code, month, filter)} data-testid="progress-actual">
            {formatNumber(item.actual)}
          </Link>
        );
      },
    },
    {
      key: 'percent',
      title: t('完成率', 'Percent'),
      width: 180,
      render: (_, item) =>
        item.measured && item.percent !== null ? (
          <Bar
            percent={Math.min(100, item.percent)}
            format={() => `${item.percent}%`}
            status={item.percent >= 100 ? 'success' : 'normal'}
            size="small"
          />
        ) : (
          '—'
        ),
    },
    {
      key: 'mom',
      title: t('较上月', 'vs last month'),
      align: 'right',
      responsive: ['sm'],
      render: (_, item) => <Delta value={item.changeFromLastMonth} label="" />,
    },
    {
      key: 'yoy',
      title: t('较去年同月', 'vs last year'),
      align: 'right',
      responsive: ['md'],
      render: (_, item) => <Delta value={item.changeFromLastYear} label="" />,
    },
  ];

  return (
    <div data-testid="targets-page">
      <PageTitle
        title={`${shown?.region.name ?? region?.name ?? ''} ${year}${t('年目标任务进度', ' targets: progress')}`}
        extra={
          <div className="stats-toolbar">
            <MonthPicker />
            <ExportButton table="targets" query={{ region: code, month }} testId="export-targets" />
            {can('users.manage') && region && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="edit-targets"
              >
                {t('设置目标分解', 'Set targets')}
              </Button>
            )}
          </div>
        }
      />
      {error && <LoadError error={error} onRetry={reload} />}
      {!shown && loading && <Skeleton active paragraph={{ rows: 6 }} />}
      {shown && groups.size === 0 && (
        <Empty description={t(`本地区 ${year} 年尚未设置目标任务`, `No targets set for ${year}`)} />
      )}
      {[...groups.entries()].map(([key, items]) => {
        const first = items[0] as ProgressItem;
        return (
          <Card
            key={key}
            size="small"
            style={{ marginBottom: 12 }}
            title={`${targetMeasure.labels[first.measure][lang]}${first.cooperationName ? `（${first.cooperationName}）` : ''}`}
            data-testid={`progress-${first.measure}`}
          >
            <Table<ProgressItem>
              rowKey={(i) => i.region.code}
              size="small"
              columns={columns}
              dataSource={items}
              pagination={false}
            />
          </Card>
        );
      })}
      {region && (
        <TargetEditor
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
          region={region}
          year={year}
          progress={shown}
        />
      )}
    </div>
  );
}
