// The monitoring entries of the side menu, by the user's level and role: a village's people do the
// month's follow-ups (月度回访); towns and above with the right to write review villages' months
// (审核); above village level everyone sees reporting completeness and timeliness (报送情况).
import { AuditOutlined, CalendarOutlined, FieldTimeOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import { canWrite, userLevel } from './powers';

interface MenuEntry {
  key: string;
  path: string;
  icon: ReactNode;
  label: string;
}

export function monitoringMenu(user: Me, t: (zh: string, en: string) => string): MenuEntry[] {
  const level = userLevel(user);
  const entries: MenuEntry[] = [];
  if (level === 'village')
    entries.push({
      key: 'monitoring',
      path: '/monitoring',
      icon: <CalendarOutlined />,
      label: t('月度回访', 'Monthly follow-up'),
    });
  if (level !== 'village' && canWrite(user))
    entries.push({
      key: 'monitoring/review',
      path: '/monitoring/review',
      icon: <AuditOutlined />,
      label: t('审核', 'Review'),
    });
  if (level !== 'village')
    entries.push({
      key: 'monitoring/reporting',
      path: '/monitoring/reporting',
      icon: <FieldTimeOutlined />,
      label: t('报送情况', 'Reporting'),
    });
  return entries;
}

/** The menu key of a monitoring page, if `pathname` is one. */
export function monitoringSection(pathname: string): string | undefined {
  if (pathname.startsWith('/monitoring/review')) return 'monitoring/review';
  if (pathname.startsWith('/monitoring/reporting')) return 'monitoring/reporting';
  if (pathname === '/monitoring') return 'monitoring';
  return undefined;
}
