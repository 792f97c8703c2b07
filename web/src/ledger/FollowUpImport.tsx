// 回访表导入: a month's follow-up sheet for a region (a village, or a town's villages). The file is
// sent with dryRun=true and the report shown — counts, columns found and ignored, every problem by
// Excel row and column as written; 确认导入 sends the same file (kept in state) again to be imported,
// and the answer is the result. The rejected rows come back as .xlsx with a reason column (the same
// file sent to rejected.xlsx). Used by the ledger page's tab and by the village month page's drawer.
import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Steps } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { useIsPhone } from '../common/useIsPhone';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { monthLabel } from '../monitoring/month';
import { ColumnMapping, type FoundColumns } from './ColumnMapping';
import { FileDrop } from './FileDrop';
import { ConfirmButton, NothingImportable, OnlyGoodRowsHint, RejectedRowsButton } from './ImportActions';
import { ImportCounts } from './ImportCounts';
import { ProblemTable } from './ImportErrors';
import { followUpRejectedPath, ledger, uploadFollowUps } from './ledgerApi';
import type { FollowUpImportReport } from './ledgerTypes';
import './ledger.css';

interface Props {
  regionCode: string;
  regionName: string | undefined;
  month: string;
  /** Beside the month, to choose another (the monitoring screens' picker). */
  monthPicker?: ReactNode;
  /** The largest file the server accepts, when the caller knows it already. */
  uploadLimit?: number;
  /** After the import ran (the caller refreshes what it shows). */
  onImported?: (report: FollowUpImportReport) => void;
  /** Offer a link to the month's follow-ups after the import. */
  monthLink?: boolean;
}

export function FollowUpImport(props: Props) {
  const { t } = useLang();
  const { can } = useAuth();
  if (!can('registry.write'))
    return (
      <Alert
        type="info"
        showIcon
        data-testid="read-only-notice"
        title={t('只读账号不能导入回访表。', 'A read-only account cannot import follow-up sheets.')}
      />
    );
  return <FollowUpImportSteps {...props} />;
}

function FollowUpImportSteps({
  regionCode,
  regionName,
  month,
  monthPicker,
  uploadLimit,
  onImported,
  monthLink,
}: Props) {
  const { t, lang } = useLang();
  const phone = useIsPhone();
  // The server's upload limit, unless the caller has it.
  const limits = useApi(
    (signal) =>
      uploadLimit === undefined
        ? ledger.list(regionCode, signal).then((l) => l.uploadLimit)
        : Promise.resolve(uploadLimit),
    [regionCode, uploadLimit],
  );
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<FollowUpImportReport | null>(null);
  const [result, setResult] = useState<FollowUpImportReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const query = { month, region: regionCode };

  const restart = () => {
    setFile(null);
    setCheck(null);
    setResult(null);
    setConfirmError(null);
  };

  const confirm = async () => {
    if (!file) return;
    setConfirming(true);
    setConfirmError(null);
    try {
      const report = await uploadFollowUps(file, { ...query, dryRun: false }).done;
      setResult(report);
      onImported?.(report);
    } catch (e) {
      setConfirmError(e instanceof ApiError ? e.title : String(e));
    } finally {
      setConfirming(false);
    }
  };

  const report = result ?? check;
  const done = result !== null;
  const writes = check ? check.created + check.updated : 0;
  const place = `${regionName ?? regionCode} · ${monthLabel(month, lang)}`;

  return (
    <div data-testid="follow-up-import">
      <Flex wrap gap={8} align="center" className="ledger-hint" style={{ marginBottom: 12 }}>
        <span>
          {t('导入到：', 'Imports into: ')}
          <strong data-testid="follow-up-target">{place}</strong>
        </span>
        {monthPicker && !report && monthPicker}
      </Flex>
      <Steps
        size="small"
        orientation={phone ? 'vertical' : 'horizontal'}
        current={done ? 3 : check ? 2 : 0}
        status={done ? 'finish' : 'process'}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('选择文件', 'Choose the file') },
          { title: t('检查', 'Check') },
          { title: t('确认导入', 'Confirm') },
          { title: t('完成', 'Done') },
        ]}
      />

      {!report && (
        <div data-testid="follow-up-upload">
          <FileDrop
            uploadLimit={limits.data ?? 0}
            text={t(
              '点击选择或把本月回访表拖到这里',
              "Click to choose the month's follow-up sheet, or drop it here",
            )}
            send={(chosen, onProgress) => uploadFollowUps(chosen, { ...query, dryRun: true }, onProgress)}
            onSent={(answer, chosen) => {
              setFile(chosen);
              setCheck(answer);
            }}
          />
          <div className="ledger-hint" style={{ marginTop: 12 }}>
            {t(
              '回访表每行一人：身份证号码、姓名，以及本月的就业状态、就业形式、务工地域和地点、就业单位、月收入、未就业原因等列（列的顺序和叫法不限，表中没有的列保持原有信息）。上传后先逐行检查、不改动数据；确认后才导入。',
              "One person per row: ID number, name and the month's employment status, form, where, employer, monthly income, reason when not working… (any order, the usual words; columns the sheet lacks keep what is known). The file is checked first without changing anything; only your confirmation imports it.",
            )}
          </div>
        </div>
      )}

      {done && report && (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          data-testid="follow-up-result"
          title={t('回访表已导入', 'Follow-ups imported')}
          subTitle={t(
            `新增 ${formatNumber(report.created)} 条回访，更新 ${formatNumber(report.updated)} 条，无变化 ${formatNumber(report.unchanged)} 条，未导入 ${formatNumber(report.rejected)} 行。`,
            `${formatNumber(report.created)} follow-ups created, ${formatNumber(report.updated)} updated, ${formatNumber(report.unchanged)} unchanged, ${formatNumber(report.rejected)} rows rejected.`,
          )}
          extra={
            monthLink && (
              <Link to={`/monitoring?region=${regionCode}&month=${month}`}>
                <Button>{t('查看本月回访', "Open the month's follow-ups")}</Button>
              </Link>
            )
          }
        />
      )}

      {report && (
        <Card
          size="small"
          className="ledger-card"
          data-testid="follow-up-report"
          title={`${done ? t('导入结果', 'Result') : t('检查结果（尚未导入）', 'Check (not imported yet)')} · ${report.file.name}`}
        >
          <ImportCounts
            counts={report}
            done={done}
            extra={[{ key: 'villages', label: t('涉及村', 'Villages'), value: report.villages }]}
            note={t(
              '按行计；无变化的行与本月已有的回访相同。',
              "Counted by row; unchanged rows say what the month's follow-up already says.",
            )}
          />
          {!done &&
            report.rows > 0 &&
            writes === 0 &&
            (report.unchanged ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                data-testid="nothing-to-import"
                title={t(
                  '文件中可以导入的行与本月已有的回访相同，无需再次导入。',
                  "The rows that can be imported say what the month's follow-ups already say; nothing to import.",
                )}
              />
            ) : (
              <NothingImportable testId="nothing-to-import" />
            ))}
          <Flex wrap gap={8} style={{ marginTop: 16 }}>
            {!done && (
              <ConfirmButton
                rows={writes}
                loading={confirming}
                onClick={confirm}
                testId="confirm-follow-ups"
              />
            )}
            {report.rejected > 0 && file && (
              <RejectedRowsButton
                rejected={report.rejected}
                fileName={file.name}
                path={followUpRejectedPath}
                query={query}
                upload={file}
              />
            )}
            <Button
              icon={<UploadOutlined />}
              onClick={restart}
              disabled={confirming}
              data-testid="another-file"
            >
              {t('上传其他文件', 'Upload another file')}
            </Button>
          </Flex>
          {confirmError && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={confirmError}
              data-testid="confirm-problem"
            />
          )}
          {!done && report.rejected > 0 && <OnlyGoodRowsHint />}
        </Card>
      )}

      {report && report.errors.length > 0 && (
        <Card
          size="small"
          className="ledger-card"
          title={t(
            `问题（${formatNumber(report.errors.length)}）`,
            `Problems (${formatNumber(report.errors.length)})`,
          )}
        >
          <ProblemTable errors={report.errors} total={report.errors.length} />
        </Card>
      )}

      {report && (
        <Card size="small" className="ledger-card" title={t('表头识别', 'Columns found')}>
          <ColumnMapping
            preview={foundColumns(report)}
            ignoredTitle={t(
              '以下列不是回访内容，不会导入：',
              'These columns are not part of a follow-up and are ignored:',
            )}
          />
        </Card>
      )}
    </div>
  );
}

function foundColumns(report: FollowUpImportReport): FoundColumns {
  const { format, sheet, headerRows } = report.file;
  return { format, sheet, headerRows, columns: report.columns, ignoredColumns: report.ignoredColumns };
}
