// Charts of a month: employed people over the last 13 months (a click opens that month), and the
// month's employed by form and by where, every bar, slice and number a link to the people counted
// in that month's follow-ups.
import { Card } from 'antd';
import { useMemo } from 'react';
import { employmentForm, workLocation } from '../../../src/modules/registry/registry.codes';
import { useApi } from '../api/useApi';
import { BreakdownCharts } from '../charts/BreakdownCharts';
import { type ChartOption, EChart } from '../charts/EChart';
import { useQueryParams } from '../common/useQueryParams';
import { useLang } from '../i18n/lang';
import { peopleHref } from './links';
import { type Monthly, statsApi } from './statsApi';

export function StatsCharts({ data }: { data: Monthly }) {
  const { lang, t } = useLang();
  const { update } = useQueryParams();
  const region = data.region.code;
  const trend = useApi((signal) => statsApi.trend(region, data.month, signal), [region, data.month]);

  const { forms, places } = useMemo(
    () => ({
      forms: employmentForm.codes.map((code) => ({
        key: code,
        label: employmentForm.labels[code][lang],
        value: data.byForm[code],
        to: peopleHref(region, data.month, { employed: 'true', employmentForm: code }),
      })),
      places: workLocation.codes.map((code) => ({
        key: code,
        label: workLocation.labels[code][lang],
        value: data.byLocation[code],
        to: peopleHref(region, data.month, { employed: 'true', workLocation: code }),
      })),
    }),
    [data, lang, region],
  );

  const trendOption = useMemo<ChartOption>(() => {
    const items = trend.data?.items ?? [];
    const series = (key: 'employed' | 'labourers' | 'relocatedEmployed', name: string, color: string) => ({
      type: 'line' as const,
      name,
      data: items.map((i) => (i.recorded ? i[key] : null)),
      itemStyle: { color },
      symbolSize: 6,
      connectNulls: false,
    });
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: items.map((i) => i.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        series('labourers', t('劳动力', 'Labourers'), '#9aa5b1'),
        series('employed', t('已就业', 'Employed'), '#237804'),
        series('relocatedEmployed', t('搬迁劳动力就业', 'Relocated, employed'), '#e8833a'),
      ],
    };
  }, [trend.data, t]);

  return (
    <>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={t('近13个月就业人数走势（点击查看该月）', 'Employed over 13 months (click a month)')}
      >
        <EChart
          option={trendOption}
          height={260}
          ariaLabel={t('就业人数月度走势图', 'Monthly trend of employed people')}
          onClick={(name) => /^\d{4}-\d{2}$/.test(name) && update({ month: name })}
        />
      </Card>
      <BreakdownCharts forms={forms} places={places} employed={data.employed} />
    </>
  );
}
