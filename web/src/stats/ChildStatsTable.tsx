// One row per child region (towns of a county, villages of a town) for the month: a click on the
// name drills down one level, every number opens the people behind it in that region.
import { Button, Card, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { formatNumber, formatPercent } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';
import { figureFilters, peopleHref, warningsHref } from './links';
import { Delta } from './StatsControls';
import type { Monthly } from './statsApi';

type Row = Monthly['children'][number];

export function ChildStatsTable({ data }: { data: Monthly }) {
  const { t } = useLang();
  const { select } = useRegion();
  const linked = (
    key: keyof typeof figureFilters & keyof Row,
    title: string,
    responsive?: ('sm' | 'md' | 'lg' | 'xl')[],
  ) => ({
    key,
    title,
    align: 'right' as const,
    responsive,
    sorter: (a: Row, b: Row) => Number(a[key]) - Number(b[key]),
    render: (_: unknown, row: Row) => (
      <Link to={peopleHref(row.region.code, data.month, figureFilters[key])} data-testid={`cell-${key}`}>
        {formatNumber(row[key] as number)}
      </Link>
    ),
  });
  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('地区', 'Region'),
      fixed: 'left',
      render: (_, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => select(row.region.code)}>
          {row.region.name}
        </Button>
      ),
    },
    linked('labourers', t('劳动力', 'Labourers'), ['sm']),
    linked('employed', t('已就业', 'Employed')),
    {
      key: 'rate',
      title: t('就业率', 'Rate'),
      align: 'right',
      responsive: ['md'],
      render: (_, row) => <span className="num">{formatPercent(row.employed, row.labourers)}</span>,
    },
    {
      key: 'change',
      title: t('环比 / 同比', 'MoM / YoY'),
      responsive: ['lg'],
      render: (_, row) => (
        <>
          <Delta value={row.changeFromLastMonth?.employed} label={t('环比', 'MoM')} />
          <Delta value={row.changeFromLastYear?.employed} label={t('同比', 'YoY')} />
        </>
      ),
    },
    linked('relocatedEmployed', t('搬迁就业', 'Relocated'), ['xl']),
    linked('unemployedLabourers', t('未就业劳动力', 'Not employed'), ['md']),
    linked('zeroEmploymentHouseholds', t('零就业家庭', 'Zero-employment')),
    {
      key: 'warnings',
      title: t('预警', 'Warnings'),
      align: 'right',
      responsive: ['sm'],
      render: (_, row) => (
        <Link to={warningsHref(row.region.code, data.month, { open: 'true' })}>
          {formatNumber(row.warningsOpen)}
        </Link>
      ),
    },
    {
      key: 'reporting',
      title: t('报送', 'Reported'),
      align: 'right',
      responsive: ['lg'],
      render: (_, row) =>
        row.reporting ? (
          <span className="num">
            {formatNumber(row.reporting.submitted)}/{formatNumber(row.reporting.expected)}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  // Regions with no assisted people say nothing; a region whose villages did not report still shows.
  const rows = data.children.filter((c) => c.persons > 0 || (c.reporting?.expected ?? 0) > 0);
  const level = data.region.level;
  const title =
    level === 3 ? t('各乡镇', 'Towns') : level === 4 ? t('各村', 'Villages') : t('下级地区', 'Sub-regions');
  return (
    <Card size="small" title={`${title}（${t('点击地区名逐级查看', 'click a name to open it')}）`}>
      <Table<Row>
        className="stats-table"
        rowKey={(row) => row.region.code}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        data-testid="child-stats"
      />
    </Card>
  );
}
