// Where the user is looking: the selected region's path from the user's own region down, each step
// a link that selects it, with the level of the selected region.
import { Breadcrumb, Tag } from 'antd';
import { REGION_LEVEL_LABELS, REGION_LEVELS, scopePrefix } from '../../../src/modules/regions/regions.rules';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';

export function RegionBar() {
  const { region, rootCode, select } = useRegion();
  const { lang, t } = useLang();
  if (!region) return <div className="region-bar" />;
  const steps = [...region.path, region].filter((r) => r.code.startsWith(scopePrefix(rootCode)));
  const level = REGION_LEVELS[region.level - 1];
  return (
    <div className="region-bar" data-testid="region-bar">
      <span className="region-bar-label">{t('当前地区', 'Region')}</span>
      <Breadcrumb
        items={steps.map((r) => ({
          key: r.code,
          title:
            r.code === region.code ? (
              <strong>{r.name}</strong>
            ) : (
              <a
                href={`?region=${r.code}`}
                onClick={(e) => {
                  e.preventDefault();
                  select(r.code);
                }}
              >
                {r.name}
              </a>
            ),
        }))}
      />
      {level && <Tag>{REGION_LEVEL_LABELS[level][lang]}</Tag>}
    </div>
  );
}
