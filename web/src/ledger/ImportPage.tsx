// 台账导入 of one file: the check (a dry run) while it runs, then its counts, the columns found,
// the problems row by row and the rejected rows to download; confirming imports the file, with
// progress, and the result replaces the preview. The state is polled while the server works, so
// the page can be reloaded or left and found again in the import list.
import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Result, Steps, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, isAbort } from '../api/client';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';
import { ColumnMapping } from './ColumnMapping';
import { ConfirmButton, NothingImportable, OnlyGoodRowsHint, RejectedRowsButton } from './ImportActions';
import { ImportCounts } from './ImportCounts';
import { ImportErrors } from './ImportErrors';
import { running, statusLabels } from './labels';
import { ledger } from './ledgerApi';
import type { LedgerImport } from './ledgerTypes';
import './ledger.css';

/** The import, polled every 700 ms while the server checks or imports it. */
function useImport(id: number) {
  const [data, setData] = useState<LedgerImport>();
  const [error, setError] = useState<ApiError>();
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation restarts the polling
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await ledger.get(id, { errors: 0 }, controller.signal);
        setData(next);
        setError(undefined);
        if (running(next.status)) timer = setTimeout(tick, 700);
      } catch (e) {
        if (isAbort(e)) return;
        const failure = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
        setError(failure);
        // A lost connection does not end the import: keep asking.
        if (failure.isNetwork) timer = setTimeout(tick, 3000);
      }
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id, generation]);
  return { data, error, setData, restart: () => setGeneration((g) => g + 1) };
}

export function ImportPage() {
  const { t, lang } = useLang();
  const phone = useIsPhone();
  const { href, region } = useRegion();
  const id = Number(useParams().id);
  const { data, error, setData, restart } = useImport(id);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<ApiError>();

  const confirm = async () => {
    setConfirming(true);
    setConfirmError(undefined);
    try {
      setData(await ledger.confirm(id));
      restart();
    } catch (e) {
      setConfirmError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e)));
    } finally {
      setConfirming(false);
    }
  };

  const title = `${t('台账导入', 'Ledger import')}${data ? ` · ${data.fileName}` : ''}`;
  if (!data)
    return (
      <div data-testid="ledger-import">
        <PageTitle title={title} />
        {error && <LoadError error={error} onRetry={restart} />}
      </div>
    );

  const done = data.status === 'imported';
  const report = data.report ?? data.check;
  const source = data.report ? 'report' : 'check';
  const importable = data.check ? data.check.rows - data.check.rejected : 0;
  const outside = report?.codeCounts['region.outOfScope'] ?? 0;
  const step =
    data.status === 'checking'
      ? 1
      : data.status === 'imported'
        ? 3
        : data.status === 'failed' && !data.check
          ? 1
          : 2;
  const status = statusLabels[data.status];

  return (
    <div data-testid="ledger-import">
      <PageTitle
        title={title}
        extra={
          <Link to={href('/ledger')}>
            <Button icon={<UploadOutlined />}>{t('上传其他文件', 'Upload another file')}</Button>
          </Link>
        }
      />
      <Steps
        size="small"
        orientation={phone ? 'vertical' : 'horizontal'}
        current={step}
        status={data.status === 'failed' ? 'error' : done ? 'finish' : 'process'}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('上传文件', 'Upload') },
          { title: t('检查', 'Check') },
          { title: t('确认导入', 'Confirm') },
          { title: t('完成', 'Done') },
        ]}
      />
      <div className="ledger-hint">
        <Tag color={status.color} data-testid="import-status">
          {status[lang]}
        </Tag>
        {t('上传于', 'Uploaded')} {formatDateTime(data.createdAt)}
        {data.importedAt && ` · ${t('导入于', 'imported')} ${formatDateTime(data.importedAt)}`}
      </div>

      {running(data.status) && (
        <Card size="small" className="ledger-card" data-testid="import-progress">
          <div>
            {data.progress?.phase === 'queued'
              ? t(
                  '排队中：本服务正在处理前一个文件，完成后即开始…',
                  'Queued: the file before it is being processed…',
                )
              : data.status === 'checking'
                ? t('正在逐行检查文件（不会改动数据）…', 'Checking the file row by row (nothing is changed)…')
                : data.progress?.phase === 'finishing'
                  ? t('正在写入数据库…', 'Writing to the database…')
                  : t('正在导入…', 'Importing…')}
            {data.progress &&
              data.progress.phase !== 'queued' &&
              ` ${t(`已读取 ${formatNumber(data.progress.rows)} 行`, `${formatNumber(data.progress.rows)} rows read`)}`}
          </div>
          <Progress percent={Math.floor((data.progress?.fraction ?? 0) * 100)} status="active" />
          <div className="ledger-hint">
            {t(
              '可以离开本页，稍后在“导入记录”中打开查看结果。',
              'You may leave this page and open the result from the import list later.',
            )}
          </div>
        </Card>
      )}

      {data.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          className="ledger-card"
          data-testid="import-failed"
          title={data.error ?? t('未完成', 'Failed')}
          description={
            data.check
              ? t(
                  '数据库没有任何改动。可以再次确认导入，从头完成这个文件。',
                  'Nothing was changed. Confirm again to import the file from the start.',
                )
              : t('请检查文件后重新上传。', 'Check the file and upload it again.')
          }
        />
      )}

      {done && report && (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          data-testid="import-result"
          title={t('导入完成', 'Imported')}
          subTitle={t(
            `新增 ${formatNumber(report.created)} 人，更新 ${formatNumber(report.updated)} 人，无变化 ${formatNumber(report.unchanged)} 人，未导入 ${formatNumber(report.rejected)} 行。`,
            `${formatNumber(report.created)} created, ${formatNumber(report.updated)} updated, ${formatNumber(report.unchanged)} unchanged, ${formatNumber(report.rejected)} rows rejected.`,
          )}
          extra={
            <Link to={href('/persons')}>
              <Button>{t('查看人员台账', 'Open the person list')}</Button>
            </Link>
          }
        />
      )}

      {report && (
        <Card
          size="small"
          className="ledger-card"
          title={done ? t('导入结果', 'Result') : t('检查结果（尚未导入）', 'Check (not imported yet)')}
        >
          <ImportCounts
            counts={report}
            done={done}
            note={t(
              `人数按行计；其中家庭${done ? '' : '将'}新增 ${formatNumber(report.households.created)} 户、更新 ${formatNumber(report.households.updated)} 户。`,
              `Counted by row; households ${done ? '' : 'to be '}created ${formatNumber(report.households.created)}, updated ${formatNumber(report.households.updated)}.`,
            )}
          />
          {outside > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              data-testid="outside-region"
              title={t(
                `有 ${formatNumber(outside)} 行的地区不在 ${region?.name ?? '所选地区'} 范围内，这些行不会导入。`,
                `${formatNumber(outside)} rows are outside ${region?.name ?? 'the selected region'} and are not imported.`,
              )}
              description={t(
                '请确认上传的是本地区的台账；需要导入其他地区时，请由该地区或上级地区的账号导入。',
                "Check that this is your region's ledger; another region's rows are imported by that region's or a higher account.",
              )}
            />
          )}
          {!done && report.rows > 0 && importable === 0 && <NothingImportable />}
          <Flex wrap gap={8} style={{ marginTop: 16 }}>
            {(data.status === 'checked' || (data.status === 'failed' && data.check)) && (
              <ConfirmButton
                rows={importable}
                loading={confirming}
                onClick={confirm}
                testId="confirm-import"
              />
            )}
            {report.rejected > 0 && !running(data.status) && (
              <RejectedRowsButton
                rejected={report.rejected}
                fileName={data.fileName}
                path={ledger.rejectedPath(id)}
              />
            )}
          </Flex>
          {confirmError && (
            <Alert type="error" showIcon style={{ marginTop: 12 }} title={confirmError.title} />
          )}
          {data.status === 'checked' && report.rejected > 0 && <OnlyGoodRowsHint />}
        </Card>
      )}

      {report && report.errorCount > 0 && (
        <Card
          size="small"
          className="ledger-card"
          title={t(
            `问题（${formatNumber(report.errorCount)}）`,
            `Problems (${formatNumber(report.errorCount)})`,
          )}
        >
          <ImportErrors key={source} id={id} source={source} total={report.errorCount} />
        </Card>
      )}

      <Card size="small" className="ledger-card" title={t('表头识别', 'Columns found')}>
        <ColumnMapping preview={data.preview} />
      </Card>
    </div>
  );
}
