// The months of the villages below a region, a page at a time: state, how many followed up, when
// submitted (late or not) and reviewed; each village opens its month. Used by the town's review
// list, the overdue villages of the reporting screen, and the village month screen above village level.
import { Card, Empty, Flex, Pagination, Spin, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Loaded } from '../api/useApi';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import type { VillageMonthRow, VillageMonths } from './monitoringApi';
import { StatusTag, TimelinessTag } from './StatusTags';

interface Props {
  loaded: Loaded<VillageMonths>;
  page: number;
  onPage: (page: number) => void;
  phone: boolean;
  testId: string;
}

export function villageMonthHref(village: string, month: string): string {
  return `/monitoring?${new URLSearchParams({ region: village, month })}`;
}

function Recorded({ row }: { row: VillageMonthRow }) {
  return (
    <span className="num">
      {formatNumber(row.recorded)} / {formatNumber(row.people)}
    </span>
  );
}

export function VillageMonthTable({ loaded, page, onPage, phone, testId }: Props) {
  const { t } = useLang();
  const { data, loading } = loaded;
  if (!data) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  const link = (row: VillageMonthRow) => (
    <Link to={villageMonthHref(row.village.code, data.month)}>{row.village.name}</Link>
  );
  if (phone) {
    if (data.items.length === 0) return <Empty description={t('没有符合条件的村', 'No village matches')} />;
    return (
      <Spin spinning={loading}>
        <Flex vertical gap={8} data-testid={testId}>
          {data.items.map((row) => (
            <Card key={row.village.code} size="small">
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{link(row)}</Typography.Text>
                <span>
                  <StatusTag status={row.status} />
                  <TimelinessTag timeliness={row.timeliness} />
                </span>
              </Flex>
              <div className="follow-up-card-line muted">
                {row.town.name} · {t('已回访', 'Followed up')} <Recorded row={row} />
              </div>
              {row.submittedAt && (
                <div className="follow-up-card-line muted">
                  {t('报送于', 'Submitted')} {formatDateTime(row.submittedAt)}
                </div>
              )}
              {row.status === 'returned' && row.returnReason && (
                <div className="follow-up-card-line">
                  {t('退回原因', 'Returned')}：{row.returnReason}
                </div>
              )}
            </Card>
          ))}
        </Flex>
        <Pagination
          simple
          style={{ marginTop: 12, justifyContent: 'center' }}
          current={page}
          pageSize={data.pageSize}
          total={data.total}
          onChange={onPage}
        />
      </Spin>
    );
  }
  return (
    <Table<VillageMonthRow>
      rowKey={(row) => row.village.code}
      size="middle"
      loading={loading}
      dataSource={data.items}
      data-testid={testId}
      locale={{ emptyText: t('没有符合条件的村', 'No village matches') }}
      pagination={{
        current: page,
        pageSize: data.pageSize,
        total: data.total,
        showSizeChanger: false,
        onChange: onPage,
        showTotal: (n) => t(`共 ${formatNumber(n)} 个村`, `${formatNumber(n)} villages`),
      }}
      columns={[
        { key: 'village', title: t('村', 'Village'), render: (_, row) => link(row) },
        { key: 'town', title: t('乡镇', 'Town'), render: (_, row) => row.town.name ?? '—' },
        { key: 'status', title: t('状态', 'State'), render: (_, row) => <StatusTag status={row.status} /> },
        {
          key: 'recorded',
          title: t('已回访 / 人数', 'Followed up / people'),
          render: (_, row) => <Recorded row={row} />,
        },
        {
          key: 'submitted',
          title: t('报送时间', 'Submitted'),
          render: (_, row) => (
            <span>
              {row.submittedAt ? formatDateTime(row.submittedAt) : '—'}{' '}
              <TimelinessTag timeliness={row.timeliness} />
            </span>
          ),
        },
        {
          key: 'due',
          title: t('截止', 'Due'),
          responsive: ['lg'],
          render: (_, row) => formatDate(row.submitBy),
        },
        {
          key: 'note',
          title: t('退回原因', 'Returned because'),
          responsive: ['lg'],
          render: (_, row) => (row.status === 'returned' ? row.returnReason : null),
        },
      ]}
    />
  );
}
