// The imports into the selected region, newest first: when, which file, who, the state and counts.
// Each user opens their own; the list refreshes itself while one of them is running.
import { Card, Flex, Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { statusLabels } from './labels';
import type { ImportListItem } from './ledgerTypes';

export function ImportHistory({
  items,
  loading,
  regionCode,
  phone,
}: {
  items: ImportListItem[];
  loading: boolean;
  regionCode: string;
  phone: boolean;
}) {
  const { lang, t } = useLang();
  const open = (i: ImportListItem) => `/ledger/imports/${i.id}?region=${regionCode}`;
  const file = (i: ImportListItem) => (i.mine ? <Link to={open(i)}>{i.fileName}</Link> : i.fileName);
  const status = (i: ImportListItem) => (
    <Tag color={statusLabels[i.status].color}>{statusLabels[i.status][lang]}</Tag>
  );
  const count = (n: number | null | undefined) => (n == null ? '—' : formatNumber(n));

  if (phone)
    return (
      <Flex vertical gap={8} data-testid="import-history">
        {items.length === 0 && <div className="ledger-hint">{t('还没有导入记录', 'No imports yet')}</div>}
        {items.map((i) => (
          <Card size="small" key={i.id}>
            <div className="person-card-name">{file(i)}</div>
            <div className="person-card-line">
              {status(i)} {formatDateTime(i.createdAt)} · {i.userName ?? t('系统', 'System')}
            </div>
            {i.rows != null && (
              <div className="person-card-line">
                {t(
                  `${count(i.rows)} 行：新增 ${count(i.created)}，更新 ${count(i.updated)}，无变化 ${count(i.unchanged)}，不能导入 ${count(i.rejected)}`,
                  `${count(i.rows)} rows: ${count(i.created)} new, ${count(i.updated)} updated, ${count(i.unchanged)} unchanged, ${count(i.rejected)} rejected`,
                )}
              </div>
            )}
          </Card>
        ))}
      </Flex>
    );

  const columns: TableColumnsType<ImportListItem> = [
    {
      key: 'at',
      title: t('上传时间', 'Uploaded'),
      render: (_, i) => formatDateTime(i.createdAt),
      width: 150,
    },
    { key: 'file', title: t('文件', 'File'), render: (_, i) => file(i) },
    {
      key: 'who',
      title: t('操作人', 'By'),
      render: (_, i) => i.userName ?? t('系统（命令行）', 'System (CLI)'),
    },
    { key: 'status', title: t('状态', 'State'), render: (_, i) => status(i) },
    ...(['rows', 'created', 'updated', 'unchanged', 'rejected'] as const).map((key) => ({
      key,
      title: {
        rows: t('数据行', 'Rows'),
        created: t('新增', 'Created'),
        updated: t('更新', 'Updated'),
        unchanged: t('无变化', 'Unchanged'),
        rejected: t('不能导入', 'Rejected'),
      }[key],
      align: 'right' as const,
      render: (_: unknown, i: ImportListItem) => count(i[key]),
    })),
  ];
  return (
    <Table<ImportListItem>
      data-testid="import-history"
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      columns={columns}
      scroll={{ x: 900 }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('还没有导入记录', 'No imports yet') }}
    />
  );
}
