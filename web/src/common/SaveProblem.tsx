// The summary of a refused or failed save above a form: the server's message, every field error
// with its field name, and for a version conflict the offer to load the latest record.
import { Alert, Button } from 'antd';
import { fieldLabel } from '../../../src/shared/i18n';
import type { ApiError } from '../api/client';
import { useLang } from '../i18n/lang';

interface Props {
  error: ApiError;
  onReloadLatest?: () => void;
}

export function SaveProblem({ error, onReloadLatest }: Props) {
  const { lang, t } = useLang();
  if (error.code === 'auth.required') return null;
  const conflict = error.code === 'conflict.version';
  // A field error that only repeats the title (conflict.idNumber) is shown at its field alone.
  const details = error.errors.filter((e) => e.message !== error.title);
  return (
    <Alert
      type={conflict ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="save-problem"
      title={
        conflict
          ? t(
              '保存前，有其他人修改了这条记录。您填写的内容仍保留在表单中。',
              'Someone else changed this record before you saved. Your input is still in the form.',
            )
          : error.title
      }
      description={
        details.length > 0 && !conflict ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {details.map((e) => (
              <li key={`${e.field}:${e.code}`}>
                {e.field ? `${fieldLabel(e.field, lang)}：` : ''}
                {e.message}
              </li>
            ))}
          </ul>
        ) : error.isNetwork ? (
          t('请检查网络后再次点击保存。', 'Check the connection and press Save again.')
        ) : undefined
      }
      action={
        conflict &&
        onReloadLatest && (
          <Button size="small" type="primary" onClick={onReloadLatest} data-testid="reload-latest">
            {t('载入最新内容（保留我的修改）', 'Load latest (keep my changes)')}
          </Button>
        )
      }
    />
  );
}
