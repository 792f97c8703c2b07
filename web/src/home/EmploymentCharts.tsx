// Employed people by form and by where they work, every number a link to the registry's list of
// exactly those people.
import { useMemo } from 'react';
import { employmentForm, workLocation } from '../../../src/modules/registry/registry.codes';
import type { RegionSummary } from '../api/types';
import { BreakdownCharts } from '../charts/BreakdownCharts';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';

export function EmploymentCharts({ summary }: { summary: RegionSummary }) {
  const { lang } = useLang();
  const { href } = useRegion();
  const { forms, places } = useMemo(
    () => ({
      forms: employmentForm.codes.map((code) => ({
        key: code,
        label: employmentForm.labels[code][lang],
        value: summary.byForm[code],
        to: href('/persons', { employmentForm: code }),
      })),
      places: workLocation.codes.map((code) => ({
        key: code,
        label: workLocation.labels[code][lang],
        value: summary.byLocation[code],
        to: href('/persons', { workLocation: code }),
      })),
    }),
    [summary, lang, href],
  );
  return <BreakdownCharts forms={forms} places={places} employed={summary.employed} />;
}
