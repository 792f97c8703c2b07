// A village month's state and timeliness as coloured tags, with the words the server's code lists use.
import { LockOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { reportStatusLabel, timelinessLabel } from '../../../src/modules/monitoring/monitoring.codes';
import type { ReportStatus, Timeliness } from '../../../src/modules/monitoring/monitoring.rules';
import { codeLabel } from '../i18n/format';
import { useLang } from '../i18n/lang';

const statusColor: Record<ReportStatus, string> = {
  open: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

const timelinessColor: Record<Timeliness, string> = {
  onTime: 'green',
  late: 'orange',
  missing: 'red',
  pending: 'default',
};

export function StatusTag({ status }: { status: ReportStatus }) {
  const { lang } = useLang();
  return (
    <Tag
      color={statusColor[status]}
      icon={status === 'accepted' ? <LockOutlined /> : undefined}
      data-testid="month-status"
    >
      {codeLabel(reportStatusLabel, status, lang)}
    </Tag>
  );
}

export function TimelinessTag({ timeliness }: { timeliness: Timeliness }) {
  const { lang } = useLang();
  return (
    <Tag color={timelinessColor[timeliness]} data-testid="month-timeliness">
      {codeLabel(timelinessLabel, timeliness, lang)}
    </Tag>
  );
}
