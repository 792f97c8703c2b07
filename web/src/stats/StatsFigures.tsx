// The month's headline figures, each a link to the people it counts, with the change from last
// month (环比) and from the same month last year (同比) beside it.
import { Card, Col, Row } from 'antd';
import { Link } from 'react-router-dom';
import type { RegionFigures } from '../../../src/modules/stats/stats.rules';
import { formatNumber, formatPercent } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { figureFilters, peopleHref, reportingHref, warningsHref } from './links';
import { Delta } from './StatsControls';
import type { Monthly } from './statsApi';

type FigureKey = keyof typeof figureFilters & keyof RegionFigures;

export function StatsFigures({ data }: { data: Monthly }) {
  const { t } = useLang();
  const region = data.region.code;
  const diff = (key: FigureKey, other: RegionFigures | null) => (other ? data[key] - other[key] : null);
  const figure = (key: FigureKey, title: string, accent?: string, invert?: boolean) => ({
    key,
    title,
    value: data[key],
    to: peopleHref(region, data.month, figureFilters[key]),
    accent,
    mom: diff(key, data.lastMonth),
    yoy: diff(key, data.sameMonthLastYear),
    invert,
  });
  const figures = [
    figure('labourers', t('劳动力', 'Labourers')),
    figure('employed', t('已就业', 'Employed'), '#237804'),
    figure('unemployedLabourers', t('未就业劳动力', 'Labourers not employed'), '#ad6800', true),
    figure('relocatedEmployed', t('搬迁劳动力就业', 'Relocated, employed')),
    figure('cooperationEmployed', t('劳务协作就业', 'Through cooperation')),
    figure(
      'zeroEmploymentHouseholds',
      t('零就业家庭', 'Zero-employment households'),
      data.zeroEmploymentHouseholds > 0 ? '#b7242a' : undefined,
      true,
    ),
  ];
  const r = data.reporting;
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="stats-figures">
      {figures.map((f) => (
        <Col key={f.key} xs={12} sm={8} lg={6} xxl={4}>
          <Card size="small" className="stats-card">
            <div className="stats-card-title">{f.title}</div>
            <div className="stats-card-value" style={{ color: f.accent }}>
              <Link to={f.to} data-testid={`figure-${f.key}`} aria-label={`${f.title} ${f.value}`}>
                {formatNumber(f.value)}
              </Link>
            </div>
            <Delta value={f.mom} label={t('环比', 'MoM')} invert={f.invert} />
            <Delta value={f.yoy} label={t('同比', 'YoY')} invert={f.invert} />
          </Card>
        </Col>
      ))}
      <Col xs={12} sm={8} lg={6} xxl={4}>
        <Card size="small" className="stats-card">
          <div className="stats-card-title">{t('未解除预警', 'Open warnings')}</div>
          <div className="stats-card-value" style={{ color: data.warningsOpen > 0 ? '#b7242a' : undefined }}>
            <Link to={warningsHref(region, data.month, { open: 'true' })} data-testid="figure-warningsOpen">
              {formatNumber(data.warningsOpen)}
            </Link>
          </div>
          <span className="delta">{t('新预警与处理中', 'new and being handled')}</span>
        </Card>
      </Col>
      <Col xs={12} sm={8} lg={6} xxl={4}>
        <Card size="small" className="stats-card">
          <div className="stats-card-title">{t('报送率 / 及时率', 'Reported / on time')}</div>
          <div className="stats-card-value">
            <Link to={reportingHref(region, data.month)} data-testid="figure-reporting">
              {formatPercent(r.submitted, r.expected)}
            </Link>
            <span className="delta"> / {formatPercent(r.onTime, r.expected)}</span>
          </div>
          <span className="delta">
            {t(
              `应报 ${formatNumber(r.expected)} 村，已报 ${formatNumber(r.submitted)}`,
              `${formatNumber(r.submitted)} of ${formatNumber(r.expected)} villages`,
            )}
          </span>
        </Card>
      </Col>
    </Row>
  );
}
