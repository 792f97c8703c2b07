// 风险预警: the warnings of a region's month with the person or household and the reason, filtered
// by type and state; an official moves one from new to being handled to resolved with a note (who
// and when shown); administrators recompute a month's warnings. Exports the list as .xlsx.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { warningRules, warningStates } from '../../../src/modules/monitoring/monitoring.rules';
import { employmentForm, notWorkingReason, workLocation } from '../../../src/modules/registry/registry.codes';
import { warningReason, warningRule, warningState } from '../../../src/modules/stats/stats.codes';
import { ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useQueryParams } from '../common/useQueryParams';
import { codeLabel, codeOptions, formatDateTime, formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { MonthPicker } from '../monitoring/MonthPicker';
import { useReportingMonth } from '../monitoring/month';
import { useRegion } from '../region/RegionContext';
import { ExportButton } from '../stats/StatsControls';
import { statsApi, type Warning } from '../stats/statsApi';
import { MoveWarning } from './MoveWarning';
import '../stats/stats.css';

const stateColors = { new: 'red', handling: 'orange', resolved: 'green' } as const;
const codeLists = { employmentForm, workLocation, notWorkingReason };

export function WarningsPage() {
  const { lang, t } = useLang();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { code, region } = useRegion();
  const month = useReportingMonth();
  const { params, update } = useQueryParams();
  const rule = warningRules.find((r) => r === params.get('rule'));
  const state = warningStates.find((s) => s === params.get('state'));
  const open = params.get('open') === 'true' && !state;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 50;
  const query = { region: code, month, rule, state, open: open ? 'true' : undefined, page, pageSize };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi((signal) => statsApi.warnings(query, signal), [key]);
  const [moving, setMoving] = useState<Warning>();
  const [computing, setComputing] = useState(false);

  const counts = data?.counts ?? [];
  const count = (f: (c: (typeof counts)[number]) => boolean) => counts.filter(f).reduce((a, c) => a + c.n, 0);
  const total = count(
    (c) => (!rule || c.rule === rule) && (!state || c.state === state) && (!open || c.state !== 'resolved'),
  );
  const reason = (w: Warning) =>
    warningReason(w.rule, w.detail, lang, (list, value) =>
      typeof value === 'string' ? codeLabel(codeLists[list], value, lang) : t('不详', 'unknown'),
    );

  const recompute = async () => {
    setComputing(true);
    try {
      const result = await statsApi.computeWarnings(code, month);
      message.success(
        t(
          `已重新计算：${formatNumber(result.raised)} 条预警`,
          `Recomputed: ${formatNumber(result.raised)} warnings`,
        ),
      );
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.title : String(e));
    } finally {
      setComputing(false);
    }
  };

  const columns: TableColumnsType<Warning> = [
    {
      key: 'who',
      title: t('人员 / 家庭', 'Person / household'),
      fixed: 'left',
      width: 170,
      render: (_, w) =>
        w.personId ? (
          <Link to={`/persons/${w.personId}`}>{w.personName}</Link>
        ) : (
          <Link to={`/households/${w.householdId}`}>
            {t('户', 'Household')} {w.householdNo}
          </Link>
        ),
    },
    {
      key: 'village',
      title: t('所在村', 'Village'),
      dataIndex: 'villageName',
      width: 120,
      responsive: ['md'],
    },
    {
      key: 'rule',
      title: t('预警类型', 'Type'),
      width: 120,
      render: (_, w) => codeLabel(warningRule, w.rule, lang),
    },
    { key: 'reason', title: t('原因', 'Reason'), render: (_, w) => reason(w), responsive: ['sm'] },
    {
      key: 'state',
      title: t('状态', 'State'),
      width: 90,
      render: (_, w) => (
        <Tag color={stateColors[w.state]} data-testid="warning-state">
          {codeLabel(warningState, w.state, lang)}
        </Tag>
      ),
    },
    {
      key: 'handled',
      title: t('处理情况', 'Handling'),
      responsive: ['lg'],
      render: (_, w) =>
        w.state === 'new' ? (
          '—'
        ) : (
          <>
            <div>{w.note ?? '—'}</div>
            <div className="delta">
              {w.handledByName ?? '—'} · {formatDateTime(w.updatedAt)}
            </div>
          </>
        ),
    },
    {
      key: 'action',
      title: t('操作', 'Action'),
      width: 110,
      render: (_, w) =>
        can('registry.write') && (
          <Button size="small" onClick={() => setMoving(w)} data-testid="move-warning">
            {w.state === 'new'
              ? t('处理', 'Handle')
              : w.state === 'handling'
                ? t('解除', 'Resolve')
                : t('重新处理', 'Reopen')}
          </Button>
        ),
    },
  ];

  return (
    <div data-testid="warnings-page">
      <PageTitle
        title={`${region?.name ?? ''} ${month} ${t('风险预警', 'early warnings')}`}
        extra={
          <div className="stats-toolbar">
            <MonthPicker />
            <ExportButton
              table="warnings"
              query={{
                region: code,
                month,
                rule,
                state,
                open: open ? 'true' : undefined,
              }}
              testId="export-warnings"
            />
            {can('users.manage') && (
              <Popconfirm
                title={t(
                  '按最新回访重新计算本月预警？已处理的预警会保留。',
                  'Recompute this month? Handled warnings are kept.',
                )}
                okText={t('计算', 'Compute')}
                cancelText={t('取消', 'Cancel')}
                onConfirm={recompute}
              >
                <Button icon={<ReloadOutlined />} loading={computing} data-testid="compute-warnings">
                  {t('重新计算', 'Recompute')}
                </Button>
              </Popconfirm>
            )}
          </div>
        }
      />
      <Flex wrap gap={6} style={{ marginBottom: 8 }} data-testid="warning-counts">
        {warningRules.map((r) => {
          const n = count(
            (c) => c.rule === r && (!open || c.state !== 'resolved') && (!state || c.state === state),
          );
          return (
            <Tag.CheckableTag key={r} checked={rule === r} onChange={(on) => update({ rule: on ? r : null })}>
              {codeLabel(warningRule, r, lang)} {formatNumber(n)}
            </Tag.CheckableTag>
          );
        })}
      </Flex>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('预警类型', 'Type')}
          aria-label={t('预警类型', 'Type')}
          value={rule}
          onChange={(v) => update({ rule: v ?? null })}
          options={codeOptions(warningRule, lang)}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('状态', 'State')}
          aria-label={t('状态', 'State')}
          value={open ? 'open' : state}
          onChange={(v) =>
            update({ state: v && v !== 'open' ? v : null, open: v === 'open' ? 'true' : null })
          }
          options={[
            { value: 'open', label: t('未解除（新预警和处理中）', 'Open (new and being handled)') },
            ...codeOptions(warningState, lang),
          ]}
          style={{ width: 220 }}
          data-testid="state-filter"
        />
      </Flex>
      {error && <LoadError error={error} onRetry={reload} />}
      {!data && loading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<Warning>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 900 }}
          data-testid="warnings-table"
          pagination={{
            current: page,
            pageSize,
            total,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${formatNumber(n)} 条`, `${formatNumber(n)} warnings`),
          }}
          onChange={(p) =>
            update({ page: p.current && p.current > 1 ? p.current : null }, { keepPage: true })
          }
        />
      )}
      <MoveWarning
        warning={moving}
        onClose={() => setMoving(undefined)}
        onMoved={() => {
          setMoving(undefined);
          reload();
        }}
      />
    </div>
  );
}
