// Choosing or dragging one spreadsheet and sending it, with the bytes sent and a cancel button; a
// file the server cannot take (wrong kind, empty, too large) is refused here already with the
// reason, and a refusal by the server is shown with the server's own message. What is sent where is
// the caller's (a ledger, a month's follow-up sheet).
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, isAbort } from '../api/client';
import { useLang } from '../i18n/lang';
import { fileProblem, formatBytes, tooLarge } from './fileCheck';
import type { OnProgress, Upload as Sending } from './ledgerApi';

interface Props<T> {
  /** The largest file the server accepts (bytes); 0 while not known. */
  uploadLimit: number;
  /** The main line in the box. */
  text: string;
  send: (file: File, onProgress: OnProgress) => Sending<T>;
  onSent: (answer: T, file: File) => void;
  disabled?: boolean;
}

export function FileDrop<T>({ uploadLimit, text, send, onSent, disabled }: Props<T>) {
  const { lang, t } = useLang();
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState<{ name: string; sent: number; total: number } | null>(null);
  const current = useRef<Sending<T> | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const start = (file: File) => {
    const refused = fileProblem(file, uploadLimit, lang);
    setProblem(refused);
    if (refused || current.current) return;
    setSending({ name: file.name, sent: 0, total: file.size });
    const upload = send(file, (sent, total) => setSending({ name: file.name, sent, total }));
    current.current = upload;
    upload.done
      .then((answer) => onSent(answer, file))
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.code === 'request.tooLarge')
          setProblem(tooLarge(file.name, uploadLimit, lang));
        else setProblem(error instanceof ApiError ? error.title : String(error));
      })
      .finally(() => {
        current.current = null;
        setSending(null);
      });
  };

  return (
    <>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={disabled || sending !== null}
        beforeUpload={(file) => {
          start(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{text}</p>
        <p className="ant-upload-hint">
          {t(
            `.xlsx（Excel、WPS、LibreOffice 保存的均可）或 .csv（UTF-8 或 GB18030）；标题行、填报单位、合并单元格都可以保留${uploadLimit ? `；不超过 ${formatBytes(uploadLimit)}` : ''}`,
            `.xlsx (from Excel, WPS or LibreOffice) or .csv (UTF-8 or GB18030); title rows and merged cells may stay${uploadLimit ? `; up to ${formatBytes(uploadLimit)}` : ''}`,
          )}
        </p>
      </Upload.Dragger>
      {sending && (
        <div className="ledger-sending" data-testid="upload-progress">
          <div>
            {t('正在上传', 'Uploading')} {sending.name}：{formatBytes(sending.sent)} /{' '}
            {formatBytes(sending.total)}
          </div>
          <Progress percent={sending.total ? Math.floor((sending.sent / sending.total) * 100) : 0} />
          <Button size="small" onClick={() => current.current?.abort()}>
            {t('取消上传', 'Cancel')}
          </Button>
        </div>
      )}
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="upload-problem" />
      )}
    </>
  );
}
