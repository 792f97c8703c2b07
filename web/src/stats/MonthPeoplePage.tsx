// The people behind a monthly figure: that month's follow-up records (回访记录) in the region that
// match the figure's filters — for an accepted month exactly what was counted then, whatever the
// registry says now. Filters, page and month in the URL; a table on desktop, cards on phones.
import { Card, Empty, Flex, Pagination, Select, Spin, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { employmentForm, notWorkingReason, workLocation } from '../../../src/modules/registry/registry.codes';
import { monthPeopleLabel } from '../../../src/modules/stats/stats.codes';
import { useApi } from '../api/useApi';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { useQueryParams } from '../common/useQueryParams';
import { codeLabel, codeOptions, formatMoney, formatNumber, sexLabel } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { MonthPicker } from '../monitoring/MonthPicker';
import { useReportingMonth } from '../monitoring/month';
import { EmploymentTag } from '../persons/EmploymentTag';
import { useRegion } from '../region/RegionContext';
import { ExportButton } from './StatsControls';
import { type MonthPerson, statsApi } from './statsApi';
import './stats.css';

const flags = ['employed', 'labourer', 'relocated', 'cooperation', 'zeroEmploymentHousehold'] as const;
const codes = { employmentForm, workLocation } as const;
const pageSizes = [20, 50, 100];

function readFilter(params: URLSearchParams) {
  const filter: Record<string, string> = {};
  for (const key of flags) {
    const value = params.get(key);
    if (value === 'true' || value === 'false') filter[key] = value;
  }
  for (const [key, list] of Object.entries(codes)) {
    const value = params.get(key);
    if (value && (list.codes as readonly string[]).includes(value)) filter[key] = value;
  }
  return filter;
}

export function MonthPeoplePage() {
  const { lang, t } = useLang();
  const phone = useIsPhone();
  const { code, region } = useRegion();
  const month = useReportingMonth();
  const { params, update } = useQueryParams();
  const filter = readFilter(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = pageSizes.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const query = { region: code, month, ...filter, page, pageSize };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi((signal) => statsApi.people(query, signal), [key]);
  const what = monthPeopleLabel(
    Object.fromEntries(
      Object.entries(filter).map(([k, v]) => [k, v === 'true' ? true : v === 'false' ? false : v]),
    ),
    lang,
  );
  const yesNo = (name: (typeof flags)[number], label: string, yes: string, no: string) => (
    <Select
      allowClear
      placeholder={label}
      aria-label={label}
      value={filter[name]}
      onChange={(v) => update({ [name]: v ?? null })}
      options={[
        { value: 'true', label: yes },
        { value: 'false', label: no },
      ]}
      style={{ width: 130 }}
    />
  );

  const columns: TableColumnsType<MonthPerson> = [
    {
      key: 'name',
      title: t('姓名', 'Name'),
      fixed: 'left',
      width: 90,
      render: (_, p) => <Link to={`/persons/${p.personId}`}>{p.name}</Link>,
    },
    {
      key: 'idNumber',
      title: t('身份证号码', 'ID number'),
      width: 170,
      render: (_, p) => <span className="num">{p.idNumber}</span>,
    },
    {
      key: 'sex',
      title: t('性别/年龄', 'Sex/age'),
      width: 90,
      render: (_, p) => `${sexLabel(p.sex, lang)} ${p.age}${lang === 'zh' ? '岁' : ''}`,
    },
    { key: 'village', title: t('所在村', 'Village'), dataIndex: 'villageName', width: 130, ellipsis: true },
    {
      key: 'household',
      title: t('户编号', 'Household'),
      width: 150,
      render: (_, p) => <Link to={`/households/${p.householdId}`}>{p.householdNo}</Link>,
    },
    {
      key: 'status',
      title: t('当月状态', 'Status'),
      width: 90,
      render: (_, p) => <EmploymentTag status={p.employmentStatus} />,
    },
    {
      key: 'form',
      title: t('就业形式', 'Form'),
      width: 100,
      render: (_, p) => codeLabel(employmentForm, p.employmentForm, lang),
    },
    {
      key: 'where',
      title: t('务工地域/地点', 'Where'),
      width: 200,
      ellipsis: true,
      render: (_, p) =>
        p.workLocation
          ? `${codeLabel(workLocation, p.workLocation, lang)}${p.workplace ? ` · ${p.workplace}` : ''}`
          : '—',
    },
    { key: 'employer', title: t('就业单位', 'Employer'), dataIndex: 'employer', width: 150, ellipsis: true },
    {
      key: 'income',
      title: t('月收入', 'Income'),
      align: 'right',
      width: 100,
      render: (_, p) => <span className="num">{formatMoney(p.monthlyIncome, lang)}</span>,
    },
    {
      key: 'reason',
      title: t('未就业原因', 'Why not working'),
      width: 110,
      render: (_, p) => codeLabel(notWorkingReason, p.notWorkingReason, lang),
    },
    {
      key: 'flags',
      title: t('标识', 'Flags'),
      width: 140,
      render: (_, p) =>
        [
          p.labourer ? t('劳动力', 'labourer') : null,
          p.relocated ? t('搬迁', 'relocated') : null,
          p.organizedByCooperation ? p.cooperationName || t('劳务协作', 'cooperation') : null,
        ]
          .filter(Boolean)
          .join(' · ') || '—',
    },
  ];

  return (
    <div data-testid="month-people">
      <PageTitle
        title={`${region?.name ?? ''} ${month} · ${what}`}
        extra={
          <div className="stats-toolbar">
            <MonthPicker />
            <ExportButton table="people" query={{ region: code, month, ...filter }} testId="export-people" />
          </div>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t(
          '据当月回访记录：已审核的月份不随台账后来的修改而变化。',
          'From the month’s follow-ups: an accepted month does not change with later registry edits.',
        )}
      </Typography.Paragraph>
      <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="people-filters">
        {yesNo('employed', t('就业状态', 'Status'), t('已就业', 'Employed'), t('未就业', 'Not employed'))}
        <Select
          allowClear
          placeholder={t('就业形式', 'Form')}
          aria-label={t('就业形式', 'Form')}
          value={filter.employmentForm}
          onChange={(v) => update({ employmentForm: v ?? null })}
          options={codeOptions(employmentForm, lang)}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('务工地域', 'Where')}
          aria-label={t('务工地域', 'Where')}
          value={filter.workLocation}
          onChange={(v) => update({ workLocation: v ?? null })}
          options={codeOptions(workLocation, lang)}
          style={{ width: 130 }}
        />
        {yesNo('labourer', t('劳动力', 'Labourer'), t('劳动力', 'Labourers'), t('非劳动力', 'Not labourers'))}
        {yesNo(
          'relocated',
          t('易地搬迁', 'Relocated'),
          t('搬迁户', 'Relocated'),
          t('非搬迁', 'Not relocated'),
        )}
      </Flex>
      {error && <LoadError error={error} onRetry={reload} />}
      {phone ? (
        !data ? (
          <Spin style={{ display: 'block', margin: '40px auto' }} />
        ) : data.items.length === 0 ? (
          <Empty description={t('没有符合条件的人员', 'No one matches')} />
        ) : (
          <Spin spinning={loading}>
            <Typography.Text type="secondary">
              {t(`共 ${formatNumber(data.total)} 人`, `${formatNumber(data.total)} people`)}
            </Typography.Text>
            <Flex vertical gap={8} style={{ marginTop: 8 }} data-testid="month-people-cards">
              {data.items.map((p) => (
                <Link key={p.personId} to={`/persons/${p.personId}`}>
                  <Card size="small" hoverable>
                    <Flex justify="space-between" align="center" gap={8}>
                      <strong>{p.name}</strong>
                      <EmploymentTag status={p.employmentStatus} />
                    </Flex>
                    <div className="delta">
                      {p.villageName} · <span className="num">{p.idNumber}</span>
                    </div>
                    <div className="delta">
                      {p.employmentForm
                        ? `${codeLabel(employmentForm, p.employmentForm, lang)} · ${codeLabel(workLocation, p.workLocation, lang)}`
                        : codeLabel(notWorkingReason, p.notWorkingReason, lang)}
                    </div>
                  </Card>
                </Link>
              ))}
            </Flex>
            <Pagination
              simple
              style={{ marginTop: 12, justifyContent: 'center' }}
              current={page}
              pageSize={pageSize}
              total={data.total}
              onChange={(p) => update({ page: p }, { keepPage: true })}
            />
          </Spin>
        )
      ) : (
        <Table<MonthPerson>
          rowKey="personId"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1520 }}
          data-testid="month-people-table"
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: pageSizes,
            showSizeChanger: true,
            showTotal: (total) => t(`共 ${formatNumber(total)} 人`, `${formatNumber(total)} people`),
          }}
          onChange={(p) =>
            update(
              {
                page: p.current && p.current > 1 && p.pageSize === pageSize ? p.current : null,
                pageSize: p.pageSize && p.pageSize !== 20 ? p.pageSize : null,
              },
              { keepPage: true },
            )
          }
        />
      )}
    </div>
  );
}
