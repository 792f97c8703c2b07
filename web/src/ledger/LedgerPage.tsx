// 台账导入/导出 for the selected region: upload an office's Excel ledger (operators and
// administrators), export the standard ledger, and the region's past imports; the 回访表导入 tab
// (`?tab=follow-ups`) loads a month's follow-up sheet (month in the address as `?month=`).
import { Alert, Card, Tabs } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { useQueryParams } from '../common/useQueryParams';
import { useLang } from '../i18n/lang';
import { MonthPicker } from '../monitoring/MonthPicker';
import { useReportingMonth } from '../monitoring/month';
import { useRegion } from '../region/RegionContext';
import { ExportButton } from './ExportButton';
import { FollowUpImport } from './FollowUpImport';
import { ImportHistory } from './ImportHistory';
import { running } from './labels';
import { ledger } from './ledgerApi';
import { UploadCard } from './UploadCard';
import './ledger.css';

export function LedgerPage() {
  const { t } = useLang();
  const { can } = useAuth();
  const phone = useIsPhone();
  const { code, region, href } = useRegion();
  const { params, update } = useQueryParams();
  const tab = params.get('tab') === 'follow-ups' ? 'follow-ups' : 'ledger';
  const month = useReportingMonth();
  const list = useApi((signal) => ledger.list(code, signal), [code]);
  const { reload } = list;
  const busy = list.data?.items.some((i) => running(i.status)) ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [busy, reload]);

  return (
    <div data-testid="ledger-page">
      <PageTitle
        title={`${t('台账导入/导出', 'Ledger import/export')}${region ? ` · ${region.name}` : ''}`}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'ledger' ? null : key })}
        data-testid="ledger-tabs"
        items={[
          {
            key: 'ledger',
            label: t('台账导入/导出', 'Ledger'),
            children: (
              <>
                <Card size="small" className="ledger-card" title={t('导入台账', 'Import a ledger')}>
                  {can('registry.write') ? (
                    <UploadCard
                      regionCode={code}
                      regionName={region?.name}
                      uploadLimit={list.data?.uploadLimit ?? 0}
                    />
                  ) : (
                    <Alert
                      type="info"
                      showIcon
                      data-testid="read-only-notice"
                      title={t(
                        '只读账号不能导入台账；可以导出本地区的台账和名单。',
                        'A read-only account cannot import; it can export the ledger and lists.',
                      )}
                    />
                  )}
                  <div className="ledger-hint" style={{ marginTop: 12 }}>
                    {t(
                      '上传后系统先逐行检查、不改动数据：显示将新增、更新、无变化和不能导入的行数，以及每个问题所在的 Excel 行号和列；确认后才导入。同一文件再次导入不会重复。',
                      'After upload the file is checked row by row without changing anything: counts of rows to create, update, unchanged and rejected, each problem with its Excel row and column; only your confirmation imports it. Importing the same file again changes nothing.',
                    )}
                  </div>
                </Card>

                <Card size="small" className="ledger-card" title={t('导出', 'Export')}>
                  <ExportButton
                    type="primary"
                    path="/ledger/export/ledger.xlsx"
                    query={{ region: code }}
                    label={t('导出本地区标准台账（.xlsx）', 'Export the standard ledger (.xlsx)')}
                    fileName="台账.xlsx"
                    testId="export-ledger"
                  />
                  <div className="ledger-hint" style={{ marginTop: 8 }}>
                    {can('pii.reveal')
                      ? t(
                          '标准台账含完整身份证号码和电话，修改后可直接重新导入；导出会记入操作日志。',
                          'The standard ledger has full ID and phone numbers and can be re-imported after editing; the export is logged.',
                        )
                      : t(
                          '导出的身份证号码和电话已脱敏。',
                          'ID and phone numbers are masked in the export.',
                        )}{' '}
                    {t('按条件导出名单：在', 'Filtered lists: use the export button on')}{' '}
                    <Link to={href('/persons')}>{t('人员台账', 'People')}</Link>
                    {t('、', ', ')}
                    <Link to={href('/households')}>{t('家庭台账', 'Households')}</Link>
                    {t(' 页面筛选后点“导出”。', '.')}
                  </div>
                </Card>

                <Card size="small" className="ledger-card" title={t('导入记录', 'Imports')}>
                  {list.error && <LoadError error={list.error} onRetry={reload} />}
                  <ImportHistory
                    items={list.data?.items ?? []}
                    loading={list.loading}
                    regionCode={code}
                    phone={phone}
                  />
                </Card>
              </>
            ),
          },
          {
            key: 'follow-ups',
            label: t('回访表导入', 'Follow-up sheet'),
            children: (
              <Card
                size="small"
                className="ledger-card"
                title={t('导入某月的回访表', "Import a month's follow-up sheet")}
              >
                <FollowUpImport
                  key={`${code}:${month}`}
                  regionCode={code}
                  regionName={region?.name}
                  month={month}
                  monthPicker={<MonthPicker />}
                  uploadLimit={list.data?.uploadLimit}
                  monthLink
                />
              </Card>
            ),
          },
        ]}
      />
    </div>
  );
}
