// What a ledger import and a follow-up sheet import say and offer alike once the file is checked:
// confirm (with the rows it imports), the rejected rows as .xlsx with the reasons, and the notes.
import { Alert, Button } from 'antd';
import type { Query } from '../api/client';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { ExportButton } from './ExportButton';

export function ConfirmButton({
  rows,
  loading,
  onClick,
  testId,
}: {
  rows: number;
  loading: boolean;
  onClick: () => void;
  testId: string;
}) {
  const { t } = useLang();
  return (
    <Button type="primary" loading={loading} disabled={rows === 0} onClick={onClick} data-testid={testId}>
      {t(`确认导入（${formatNumber(rows)} 行）`, `Import (${formatNumber(rows)} rows)`)}
    </Button>
  );
}

/** The rejected rows of `fileName`, saved as "<name>_未导入的行.xlsx" when the server names none. */
export function RejectedRowsButton({
  rejected,
  fileName,
  path,
  query,
  upload,
}: {
  rejected: number;
  fileName: string;
  path: string;
  query?: Query;
  upload?: File;
}) {
  const { t } = useLang();
  return (
    <ExportButton
      path={path}
      query={query}
      upload={upload}
      label={t(
        `下载不能导入的行（${formatNumber(rejected)} 行，含原因）`,
        `Download the rejected rows (${formatNumber(rejected)}, with reasons)`,
      )}
      fileName={`${fileName.replace(/\.[^.]+$/, '')}_未导入的行.xlsx`}
      testId="download-rejected"
    />
  );
}

/** No row of the file can be imported. */
export function NothingImportable({ testId }: { testId?: string }) {
  const { t } = useLang();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      data-testid={testId}
      title={t(
        '文件中没有可以导入的行，请按下面的问题改正后重新上传。',
        'No row of the file can be imported; fix the problems below and upload again.',
      )}
    />
  );
}

/** Under a check with rejected rows: what confirming does with them. */
export function OnlyGoodRowsHint() {
  const { t } = useLang();
  return (
    <div className="ledger-hint" style={{ marginTop: 8 }}>
      {t(
        '确认后只导入没有问题的行；不能导入的行可下载（最后一列为原因），改正后再次上传即可，已导入的行不会重复。',
        'Only rows without problems are imported; download the rejected rows (reason in the last column), fix and upload them again — imported rows are not duplicated.',
      )}
    </div>
  );
}
