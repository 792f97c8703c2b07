// Employed people by form (bar) and by where they work (pie), with the numbers beside each chart,
// every number and every bar or slice a link to the list it counts.
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { employmentForm, workLocation } from '../../../src/modules/registry/registry.codes';
import type { RegionSummary } from '../api/types';
import { type ChartOption, EChart } from '../charts/EChart';
import { formatNumber, formatPercent } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';

const locationColors = ['#1d5fb8', '#52a7e0', '#e8833a'];

function Breakdown({
  rows,
}: {
  rows: { key: string; label: string; value: number; to: string; share: string }[];
}) {
  return (
    <table className="breakdown">
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.label}</td>
            <td className="num">
              <Link to={r.to} data-testid={`breakdown-${r.key}`}>
                {formatNumber(r.value)}
              </Link>
            </td>
            <td className="num breakdown-share">{r.share}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EmploymentCharts({ summary }: { summary: RegionSummary }) {
  const { lang, t } = useLang();
  const { href } = useRegion();
  const navigate = useNavigate();

  const { forms, locations } = useMemo(() => {
    const forms = employmentForm.codes.map((code) => ({
      key: code,
      label: employmentForm.labels[code][lang],
      value: summary.byForm[code],
      to: href('/persons', { employmentForm: code }),
      share: formatPercent(summary.byForm[code], summary.employed),
    }));
    const locations = workLocation.codes.map((code) => ({
      key: code,
      label: workLocation.labels[code][lang],
      value: summary.byLocation[code],
      to: href('/persons', { workLocation: code }),
      share: formatPercent(summary.byLocation[code], summary.employed),
    }));
    return { forms, locations };
  }, [summary, lang, href]);

  const formOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: forms.map((f) => f.label) },
      series: [
        {
          type: 'bar',
          data: forms.map((f) => f.value),
          itemStyle: { color: '#1d5fb8' },
          label: { show: true, position: 'right' },
          cursor: 'pointer',
        },
      ],
    }),
    [forms],
  );
  const locationOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          data: locations.map((l, i) => ({
            name: l.label,
            value: l.value,
            itemStyle: { color: locationColors[i] },
          })),
          label: { formatter: '{b}\n{c}', overflow: 'none' },
          cursor: 'pointer',
        },
      ],
    }),
    [locations],
  );

  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('已就业人员 · 按就业形式', 'Employed by form of employment')}>
          <EChart
            option={formOption}
            height={280}
            ariaLabel={t('按就业形式统计图', 'Chart by form of employment')}
            onClick={(_, i) => forms[i] && navigate(forms[i].to)}
          />
          <Breakdown rows={forms} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('已就业人员 · 按务工地域', 'Employed by work location')}>
          <EChart
            option={locationOption}
            height={280}
            ariaLabel={t('按务工地域统计图', 'Chart by work location')}
            onClick={(_, i) => locations[i] && navigate(locations[i].to)}
          />
          <Breakdown rows={locations} />
        </Card>
      </Col>
    </Row>
  );
}
