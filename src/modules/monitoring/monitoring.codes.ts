// Labels of the monitoring workflow's codes: the state of a village's month, its timeliness (DHIS2's
// on time / late) and the workflow's actions. Pure, so the web interface names them with the same words.
import { codeList } from '../registry/registry.codes.js';

/** The state of a village's month (monitoring.rules.ts `reportStatuses`). */
export const reportStatusLabel = codeList({
  open: { zh: '未报送', en: 'Not submitted' },
  submitted: { zh: '已报送', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  accepted: { zh: '已审核', en: 'Accepted' },
});

/** Timeliness of a village's month (monitoring.rules.ts `timeliness`). */
export const timelinessLabel = codeList({
  onTime: { zh: '按时报送', en: 'On time' },
  late: { zh: '迟报', en: 'Late' },
  missing: { zh: '逾期未报', en: 'Overdue' },
  pending: { zh: '未到期', en: 'Not yet due' },
});

/** The actions on a village's month (monitoring.rules.ts `ReportAction`). */
export const reportActionLabel = codeList({
  submit: { zh: '报送', en: 'Submit' },
  return: { zh: '退回', en: 'Return' },
  accept: { zh: '审核通过', en: 'Accept' },
  reopen: { zh: '重新打开', en: 'Reopen' },
});
