// The problems of a check or an import: the row number Excel shows, the column as written in the
// file, the reason. `ProblemTable` shows a list (paged here, or by the caller when the server pages
// it); `ImportErrors` reads a ledger import's problems a page at a time from the server (a big file
// can have tens of thousands).
import { Table, type TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/useApi';
import { LoadError } from '../common/LoadError';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { ledger } from './ledgerApi';
import type { ReportError } from './ledgerTypes';

interface Paging {
  page: number;
  pageSize: number;
  onChange: (page: number, pageSize: number) => void;
}

export function ProblemTable({
  errors,
  total,
  loading = false,
  paging,
}: {
  errors: ReportError[];
  total: number;
  loading?: boolean;
  /** When the server pages the list; else all `errors` are here and paged in the browser. */
  paging?: Paging;
}) {
  const { t } = useLang();
  const pagination: TablePaginationConfig = {
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    defaultPageSize: 20,
    showTotal: () => t(`共 ${formatNumber(total)} 个问题`, `${formatNumber(total)} problems`),
    ...(paging ? { current: paging.page, pageSize: paging.pageSize, onChange: paging.onChange } : {}),
  };
  return (
    <Table<ReportError>
      data-testid="import-errors"
      size="small"
      rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
      loading={loading}
      dataSource={errors}
      scroll={{ x: 560 }}
      columns={[
        { key: 'row', title: t('行号', 'Row'), dataIndex: 'row', width: 72, className: 'num' },
        { key: 'column', title: t('列', 'Column'), dataIndex: 'column', width: 140 },
        { key: 'message', title: t('问题', 'Problem'), dataIndex: 'message' },
      ]}
      pagination={pagination}
    />
  );
}

interface Props {
  id: number;
  /** Which report's problems: the import's once it ran, else the check's. */
  source: 'check' | 'report';
  total: number;
}

export function ImportErrors({ id, source, total }: Props) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, error, loading, reload } = useApi(
    (signal) =>
      ledger
        .get(id, { errors: pageSize, errorOffset: (page - 1) * pageSize }, signal)
        .then((found) => found[source]?.errors ?? []),
    [id, source, page, pageSize],
  );
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <ProblemTable
      errors={data ?? []}
      total={total}
      loading={loading}
      paging={{
        page,
        pageSize,
        onChange: (next, size) => {
          setPage(size === pageSize ? next : 1);
          setPageSize(size);
        },
      }}
    />
  );
}
