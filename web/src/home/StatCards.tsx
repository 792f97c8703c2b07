// The headline figures of a region, each a link to the list it counts.
import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import type { RegionSummary } from '../api/types';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';

interface Figure {
  key: string;
  title: string;
  value: number;
  /** The list of exactly the records this number counts. */
  to: string;
  accent?: string;
}

export function StatCards({ summary }: { summary: RegionSummary }) {
  const { t } = useLang();
  const { href } = useRegion();
  const figures: Figure[] = [
    { key: 'households', title: t('户数', 'Households'), value: summary.households, to: href('/households') },
    { key: 'persons', title: t('人数', 'People'), value: summary.persons, to: href('/persons') },
    {
      key: 'labourers',
      title: t('劳动力', 'Labourers'),
      value: summary.labourers,
      to: href('/persons', { labourers: 'true' }),
    },
    {
      key: 'employed',
      title: t('已就业', 'Employed'),
      value: summary.employed,
      to: href('/persons', { employmentStatus: 'employed' }),
      accent: '#237804',
    },
    {
      key: 'unemployedLabourers',
      title: t('未就业劳动力', 'Labourers not employed'),
      value: summary.unemployedLabourers,
      to: href('/persons', { labourers: 'true', employmentStatus: 'unemployed' }),
      accent: '#ad6800',
    },
    {
      key: 'zeroEmployment',
      title: t('零就业家庭', 'Zero-employment households'),
      value: summary.zeroEmploymentHouseholds,
      to: href('/households', { zeroEmployment: 'true' }),
      accent: summary.zeroEmploymentHouseholds > 0 ? '#b7242a' : undefined,
    },
    {
      key: 'relocated',
      title: t('搬迁户', 'Relocated households'),
      value: summary.relocatedHouseholds,
      to: href('/households', { relocated: 'true' }),
    },
    {
      key: 'monitored',
      title: t('监测户', 'Monitored households'),
      value: summary.monitoredHouseholds,
      to: href('/households', { category: 'monitored' }),
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {figures.map((f) => {
        const statistic = (
          <Statistic
            title={f.title}
            value={f.value}
            formatter={(v) => <span className="num">{formatNumber(Number(v))}</span>}
            styles={{ content: { color: f.accent } }}
          />
        );
        return (
          <Col key={f.key} xs={8} sm={8} md={6} xxl={3}>
            <Link to={f.to} data-testid={`stat-${f.key}`} aria-label={`${f.title} ${f.value}`}>
              <Card hoverable size="small" className="stat-card">
                {statistic}
              </Card>
            </Link>
          </Col>
        );
      })}
    </Row>
  );
}
