// Employed people by form (bar) and by where they work (pie), with the numbers beside each chart,
// every number and every bar or slice a link to the list it counts. The home page links to the
// registry's lists, the monthly statistics to the month's follow-ups.
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatNumber, formatPercent } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { type ChartOption, EChart } from './EChart';
import './breakdown.css';

export interface Part {
  key: string;
  label: string;
  value: number;
  /** The list of exactly the people this part counts. */
  to: string;
}

const locationColors = ['#1d5fb8', '#52a7e0', '#e8833a'];

function PartsTable({ parts, whole }: { parts: Part[]; whole: number }) {
  return (
    <table className="breakdown">
      <tbody>
        {parts.map((p) => (
          <tr key={p.key}>
            <td>{p.label}</td>
            <td className="num">
              <Link to={p.to} data-testid={`breakdown-${p.key}`}>
                {formatNumber(p.value)}
              </Link>
            </td>
            <td className="num breakdown-share">{formatPercent(p.value, whole)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BreakdownCharts({
  forms,
  places,
  employed,
}: {
  forms: Part[];
  places: Part[];
  employed: number;
}) {
  const { t } = useLang();
  const navigate = useNavigate();
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
  const placeOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          data: places.map((p, i) => ({
            name: p.label,
            value: p.value,
            itemStyle: { color: locationColors[i] },
          })),
          label: { formatter: '{b}\n{c}', overflow: 'none' },
          cursor: 'pointer',
        },
      ],
    }),
    [places],
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
          <PartsTable parts={forms} whole={employed} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('已就业人员 · 按务工地域', 'Employed by work location')}>
          <EChart
            option={placeOption}
            height={280}
            ariaLabel={t('按务工地域统计图', 'Chart by work location')}
            onClick={(_, i) => places[i] && navigate(places[i].to)}
          />
          <PartsTable parts={places} whole={employed} />
        </Card>
      </Col>
    </Row>
  );
}
