// One row per child region (towns of a county, villages of a town); a click selects that region,
// so officials drill down from county to village on the home page.
import { Button, Card, Table, type TableColumnsType } from 'antd';
import type { RegionSummary } from '../api/types';
import { formatNumber, formatPercent } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';

type Row = RegionSummary['children'][number];

export function ChildRegionsTable({ summary }: { summary: RegionSummary }) {
  const { t } = useLang();
  const { select } = useRegion();
  const number = (key: keyof Row, title: string, responsive?: ('sm' | 'md' | 'lg')[]) => ({
    key,
    title,
    dataIndex: key,
    align: 'right' as const,
    responsive,
    sorter: (a: Row, b: Row) => Number(a[key]) - Number(b[key]),
    render: (value: number) => <span className="num">{formatNumber(value)}</span>,
  });
  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('地区', 'Region'),
      render: (_, row) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={(e) => {
            e.stopPropagation();
            select(row.region.code);
          }}
        >
          {row.region.name}
        </Button>
      ),
    },
    number('households', t('户数', 'Households'), ['md']),
    number('persons', t('人数', 'People')),
    number('labourers', t('劳动力', 'Labourers'), ['sm']),
    number('employed', t('已就业', 'Employed')),
    {
      key: 'rate',
      title: t('劳动力就业率', 'Employment rate'),
      align: 'right',
      responsive: ['lg'],
      render: (_, row) => <span className="num">{formatPercent(row.employed, row.labourers)}</span>,
    },
    number('unemployedLabourers', t('未就业劳动力', 'Not employed'), ['md']),
    number('zeroEmploymentHouseholds', t('零就业家庭', 'Zero-employment')),
  ];
  const level = summary.region.level;
  const title =
    level === 3 ? t('各乡镇', 'Towns') : level === 4 ? t('各村', 'Villages') : t('下级地区', 'Sub-regions');
  return (
    <Card size="small" title={`${title}（${t('点击进入', 'click to open')}）`}>
      <Table<Row>
        rowKey={(row) => row.region.code}
        size="small"
        columns={columns}
        dataSource={summary.children}
        pagination={summary.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={(row) => ({ onClick: () => select(row.region.code), style: { cursor: 'pointer' } })}
        data-testid="child-regions"
      />
    </Card>
  );
}
