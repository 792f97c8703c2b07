// What the signed-in user may do with a village's month, decided by the server's own workflow rules
// (monitoring.rules.ts) on the user's role and the level of their region, so a button is shown
// exactly when the server would accept the action.
import {
  applyReportAction,
  canRecordFollowUps,
  type ReportAction,
  type ReportStatus,
} from '../../../src/modules/monitoring/monitoring.rules';
import { type RegionLevel, regionLevel } from '../../../src/modules/regions/regions.rules';
import type { Me } from '../api/types';

export function userLevel(user: Me): RegionLevel {
  return user.region ? regionLevel(user.region.code) : 'province';
}

export function canWrite(user: Me): boolean {
  return user.permissions.includes('registry.write');
}

export function monthPowers(user: Me, status: ReportStatus) {
  const write = canWrite(user);
  const level = userLevel(user);
  // The reason is asked for in the dialog; here only role, level and state decide.
  const may = (action: ReportAction) => write && applyReportAction(status, action, level, '…').ok;
  return {
    record: write && canRecordFollowUps(status),
    submit: may('submit'),
    return: may('return'),
    accept: may('accept'),
    reopen: may('reopen'),
  };
}
export type MonthPowers = ReturnType<typeof monthPowers>;
