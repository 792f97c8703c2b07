// 报送情况: completeness and timeliness of a month below the selected region, DHIS2 style — villages
// expected, submitted, reporting rate, on-time rate, late and overdue — one row per child region to
// drill down a level at a time, and the villages not submitted or late, each opening its month.
import { Button, Card, Col, Row, Statistic, Table } from 'antd';
import type { RegionRef } from '../api/types';
import { useApi } from '../api/useApi';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { useQueryParams } from '../common/useQueryParams';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';
import { MonthPicker } from './MonthPicker';
import { monitoringApi, type ReportingTally } from './monitoringApi';
import { monthLabel, useReportingMonth } from './month';
import { VillageMonthTable } from './VillageMonthTable';
import './monitoring.css';

type Figure = { key: keyof ReportingTally; label: string; rate?: boolean };

function show(figure: Figure, tally: ReportingTally): string {
  const value = tally[figure.key];
  if (!figure.rate) return formatNumber(value);
  return value === null ? '—' : `${value.toFixed(1)}%`;
}

export function ReportingPage() {
  const { lang, t } = useLang();
  const phone = useIsPhone();
  const { code, region, select } = useRegion();
  const month = useReportingMonth();
  const { params, update } = useQueryParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const reporting = useApi((signal) => monitoringApi.reporting(code, month, signal), [code, month]);
  const overdue = useApi(
    (signal) =>
      monitoringApi.villageMonths({ region: code, month, timeliness: 'overdue', page, pageSize: 20 }, signal),
    [code, month, page],
  );
  const data = reporting.data;
  // The same figures as cards for the region and as columns for its children.
  const figures: Figure[] = [
    { key: 'expected', label: t('应报村数', 'Villages expected') },
    { key: 'submitted', label: t('已报送', 'Submitted') },
    { key: 'reportingRate', label: t('报送率', 'Reporting rate'), rate: true },
    { key: 'onTimeRate', label: t('及时率', 'On-time rate'), rate: true },
    { key: 'late', label: t('迟报', 'Late') },
    { key: 'missing', label: t('逾期未报', 'Overdue') },
    { key: 'accepted', label: t('已审核', 'Accepted') },
  ];
  return (
    <div data-testid="reporting-page">
      <PageTitle
        title={`${region?.name ?? ''} · ${monthLabel(month, lang)} ${t('报送情况', 'reporting')}`}
        extra={<MonthPicker />}
      />
      {reporting.error && <LoadError error={reporting.error} onRetry={reporting.reload} />}
      <Row gutter={[12, 12]} className="reporting-cards">
        {figures.map((f) => (
          <Col key={f.key} xs={8} lg={6} xl={3}>
            <Card size="small" loading={!data} data-testid={`reporting-${f.key}`}>
              <Statistic title={f.label} value={data ? show(f, data) : ''} />
            </Card>
          </Col>
        ))}
      </Row>
      {data && data.children.length > 0 && (
        <>
          <div className="reporting-section">{t('下级地区', 'Child regions')}</div>
          <Table<ReportingTally & { region: RegionRef }>
            rowKey={(row) => row.region.code}
            size="middle"
            pagination={false}
            dataSource={data.children}
            scroll={phone ? { x: 560 } : undefined}
            data-testid="reporting-children"
            columns={[
              {
                key: 'region',
                title: t('地区', 'Region'),
                fixed: phone ? 'left' : undefined,
                render: (_, row) => (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => select(row.region.code)}
                  >
                    {row.region.name}
                  </Button>
                ),
              },
              ...figures
                .filter((f) => f.key !== 'accepted')
                .map((f) => ({
                  key: f.key,
                  title: f.label,
                  align: 'right' as const,
                  render: (_: unknown, r: ReportingTally) => show(f, r),
                })),
            ]}
          />
        </>
      )}
      <div className="reporting-section">{t('未报送及迟报的村', 'Villages late or not submitted')}</div>
      {overdue.error && <LoadError error={overdue.error} onRetry={overdue.reload} />}
      <VillageMonthTable
        loaded={overdue}
        page={page}
        onPage={(p) => update({ page: p }, { keepPage: true })}
        phone={phone}
        testId="overdue-villages"
      />
    </div>
  );
}
