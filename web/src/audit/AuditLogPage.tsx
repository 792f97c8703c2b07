// 操作日志: what was done in a region, newest first — who, when, which record, and what changed —
// filtered by kind of action, older entries a page at a time. ID and phone numbers stay masked.
import { Button, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { auditAction, auditEntity } from '../../../src/modules/access/access.codes';
import { audit } from '../api/endpoints';
import type { AuditLog, HistoryEvent } from '../api/types';
import { useApi } from '../api/useApi';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useQueryParams } from '../common/useQueryParams';
import { codeLabel, codeOptions, formatDateTime } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';
import { AuditChanges } from './AuditChanges';
import '../persons/persons.css';

const pageSize = 50;

export function AuditLogPage() {
  const { lang, t } = useLang();
  const { code, region } = useRegion();
  const { params, update } = useQueryParams();
  const action = params.get('action') ?? undefined;
  const query = { region: code, action, limit: pageSize };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi((signal) => audit.log(query, signal), [key]);
  // Older pages fetched with "more", appended to the first.
  const [older, setOlder] = useState<AuditLog[]>([]);
  const [fetching, setFetching] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new first page starts the list again.
  useEffect(() => setOlder([]), [data]);

  const items = [...(data?.items ?? []), ...older.flatMap((p) => p.items)];
  const next = older.length > 0 ? (older.at(-1)?.next ?? null) : (data?.next ?? null);
  const more = async () => {
    if (next === null) return;
    setFetching(true);
    try {
      const page = await audit.log({ ...query, before: next });
      setOlder((pages) => [...pages, page]);
    } finally {
      setFetching(false);
    }
  };

  const record = (e: HistoryEvent) => {
    const kind = codeLabel(auditEntity, e.entityType, lang);
    if (e.entityType === 'person' && e.entityId)
      return <Link to={`/persons/${e.entityId}`}>{`${kind} ${e.entityId}`}</Link>;
    if (e.entityType === 'household' && e.entityId)
      return <Link to={`/households/${e.entityId}`}>{`${kind} ${e.entityId}`}</Link>;
    return e.entityId ? `${kind} ${e.entityId}` : kind;
  };

  const columns: TableColumnsType<HistoryEvent> = [
    {
      key: 'at',
      title: t('时间', 'Time'),
      width: 150,
      render: (_, e) => <span className="num">{formatDateTime(e.at)}</span>,
    },
    {
      key: 'actor',
      title: t('操作人', 'By'),
      width: 140,
      render: (_, e) => e.actorName ?? e.actorUsername ?? t('系统', 'system'),
    },
    {
      key: 'action',
      title: t('操作', 'Action'),
      width: 150,
      render: (_, e) => <Tag data-testid="audit-action">{codeLabel(auditAction, e.action, lang)}</Tag>,
    },
    { key: 'record', title: t('对象', 'Record'), width: 130, render: (_, e) => record(e) },
    {
      key: 'what',
      title: t('内容', 'Details'),
      render: (_, e) => (
        <>
          {e.note && <div>{e.note}</div>}
          <AuditChanges event={e} />
        </>
      ),
    },
  ];

  return (
    <div data-testid="audit-log">
      <PageTitle title={`${region?.name ?? ''} ${t('操作日志', 'audit log')}`} />
      <div style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('全部操作', 'All actions')}
          aria-label={t('操作', 'Action')}
          value={action}
          onChange={(v) => update({ action: v ?? null })}
          options={codeOptions(auditAction, lang)}
          style={{ width: 220 }}
          data-testid="audit-action-filter"
        />
      </div>
      {error && <LoadError error={error} onRetry={reload} />}
      {!data && loading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Table<HistoryEvent>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={loading}
            scroll={{ x: 800 }}
            pagination={false}
            data-testid="audit-table"
          />
          {next !== null && (
            <Button
              block
              style={{ marginTop: 12 }}
              loading={fetching}
              onClick={more}
              data-testid="audit-more"
            >
              {t('加载更早的记录', 'Load older entries')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
