import { Tag } from 'antd';
import { employmentStatus } from '../../../src/modules/registry/registry.codes';
import { codeLabel } from '../i18n/format';
import { useLang } from '../i18n/lang';

export function EmploymentTag({ status }: { status: string }) {
  const { lang } = useLang();
  return (
    <Tag color={status === 'employed' ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
      {codeLabel(employmentStatus, status, lang)}
    </Tag>
  );
}
