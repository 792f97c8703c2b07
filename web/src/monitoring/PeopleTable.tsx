// A village month's people on a desktop: last month beside this month, who recorded it and when;
// people without a record this month can be ticked for "no change".
import { Button, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { changedSinceLastMonth, EmploymentSummary } from './EmploymentSummary';
import type { VillageMonthPerson } from './monitoringApi';

interface Props {
  people: VillageMonthPerson[];
  selected: number[];
  onSelect: ((ids: number[]) => void) | null;
  onOpen: (person: VillageMonthPerson) => void;
  editable: boolean;
}

export function PeopleTable({ people, selected, onSelect, onOpen, editable }: Props) {
  const { t } = useLang();
  return (
    <Table<VillageMonthPerson>
      rowKey="id"
      size="middle"
      dataSource={people}
      data-testid="month-people"
      pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [50, 100, 500] }}
      rowSelection={
        onSelect
          ? {
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys as number[]),
              getCheckboxProps: (p) => ({
                disabled: p.record !== null,
                'aria-label': `${t('选择', 'Select')} ${p.name}`,
              }),
            }
          : undefined
      }
      columns={[
        {
          key: 'name',
          title: t('姓名', 'Name'),
          render: (_, p) => (
            <div>
              <Typography.Text strong>{p.name}</Typography.Text>
              {!p.isLabourer && (
                <Tag className="person-flag" bordered={false}>
                  {t('非劳动力', 'Not a labourer')}
                </Tag>
              )}
              <div className="muted">{p.idNumber}</div>
            </div>
          ),
        },
        {
          key: 'last',
          title: t('上月情况', 'Last month'),
          render: (_, p) =>
            p.lastMonth ? (
              <EmploymentSummary record={p.lastMonth} />
            ) : (
              <Typography.Text type="secondary">{t('无记录', 'No record')}</Typography.Text>
            ),
        },
        {
          key: 'now',
          title: t('本月情况', 'This month'),
          render: (_, p) =>
            p.record ? (
              <span>
                <EmploymentSummary record={p.record} />
                {changedSinceLastMonth(p.record, p.lastMonth) && (
                  <Tag color="blue" className="person-flag">
                    {t('有变化', 'Changed')}
                  </Tag>
                )}
              </span>
            ) : (
              <Tag color="orange">{t('未回访', 'Not followed up')}</Tag>
            ),
        },
        {
          key: 'recorded',
          title: t('回访人 / 时间', 'Recorded by / at'),
          responsive: ['lg'],
          width: 180,
          render: (_, p) =>
            p.record ? (
              <div>
                <div>{p.record.recordedBy ?? '—'}</div>
                <div className="muted">{formatDateTime(p.record.recordedAt)}</div>
              </div>
            ) : null,
        },
        {
          key: 'action',
          title: t('操作', 'Action'),
          width: 90,
          render: (_, p) => (
            <Button
              size="small"
              type={editable ? 'link' : 'text'}
              onClick={() => onOpen(p)}
              data-testid={`open-follow-up-${p.id}`}
            >
              {editable ? (p.record ? t('修改', 'Edit') : t('回访', 'Record')) : t('查看', 'View')}
            </Button>
          ),
        },
      ]}
    />
  );
}
