// A button that downloads an .xlsx export (a list with its current filters, the standard ledger, or
// what the server makes of an uploaded file such as its rejected rows); shows that it is working,
// and the server's message if the export is refused.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { ApiError, type Query } from '../api/client';
import { useLang } from '../i18n/lang';
import { downloadFile } from './ledgerApi';

interface Props {
  /** API path, e.g. /ledger/export/persons.xlsx */
  path: string;
  query?: Query;
  label: string;
  /** The name to save under when the server gives none. */
  fileName: string;
  testId?: string;
  type?: 'default' | 'primary';
  /** Sent with the request (POST), for a download made from this file. */
  upload?: File;
}

export function ExportButton({ path, query, label, fileName, testId, type = 'default', upload }: Props) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const saved = await downloadFile(path, query, fileName, upload);
      message.success(t(`已下载 ${saved}`, `Downloaded ${saved}`));
    } catch (error) {
      message.error(error instanceof ApiError ? error.title : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} icon={<DownloadOutlined />} loading={busy} onClick={run} data-testid={testId}>
      {busy ? t('正在生成…', 'Preparing…') : label}
    </Button>
  );
}
