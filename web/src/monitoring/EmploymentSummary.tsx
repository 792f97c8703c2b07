// One month's employment of a person in a line or two: 外出务工 · 省外 · 浙江宁波 · 4,500 元, or the
// reason for not working.
import { Typography } from 'antd';
import type { FollowUpRecord } from '../../../src/modules/monitoring/monitoring.rules';
import {
  employmentForm,
  employmentStatus,
  notWorkingReason,
  workLocation,
} from '../../../src/modules/registry/registry.codes';
import { codeLabel, formatMoney } from '../i18n/format';
import { useLang } from '../i18n/lang';

export function EmploymentSummary({ record }: { record: FollowUpRecord }) {
  const { lang } = useLang();
  if (record.employmentStatus !== 'employed') {
    return (
      <span>
        <Typography.Text type="warning">
          {codeLabel(employmentStatus, record.employmentStatus, lang)}
        </Typography.Text>
        {record.notWorkingReason && ` · ${codeLabel(notWorkingReason, record.notWorkingReason, lang)}`}
      </span>
    );
  }
  const parts = [
    codeLabel(employmentForm, record.employmentForm, lang),
    record.workLocation ? codeLabel(workLocation, record.workLocation, lang) : null,
    record.workplace,
    record.monthlyIncome !== null ? formatMoney(record.monthlyIncome, lang) : null,
  ].filter(Boolean);
  return <span>{parts.join(' · ')}</span>;
}

/** Whether this month's record differs from last month's in what officials count. */
export function changedSinceLastMonth(now: FollowUpRecord, before: FollowUpRecord | null): boolean {
  if (!before) return false;
  return (
    now.employmentStatus !== before.employmentStatus ||
    now.employmentForm !== before.employmentForm ||
    now.workLocation !== before.workLocation ||
    now.notWorkingReason !== before.notWorkingReason ||
    (now.monthlyIncome ?? null) !== (before.monthlyIncome ?? null)
  );
}
