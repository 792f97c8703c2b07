// What the audit log (操作日志) records: every action that writes or reads unmasked personal data,
// with the words officials use for it. The code is what `audit_events.action` stores.
import { codeList } from '../registry/registry.codes.js';

export const auditAction = codeList({
  'auth.login': { zh: '登录', en: 'Logged in' },
  'user.create': { zh: '新建账号', en: 'Account created' },
  'household.create': { zh: '新增家庭', en: 'Household registered' },
  'household.update': { zh: '修改家庭', en: 'Household changed' },
  'household.delete': { zh: '删除家庭', en: 'Household removed' },
  'person.create': { zh: '新增登记', en: 'Registered' },
  'person.update': { zh: '修改', en: 'Changed' },
  'person.delete': { zh: '删除', en: 'Removed' },
  'person.reveal': { zh: '查看完整证件号和电话', en: 'Viewed full ID and phone' },
  'ledger.import': { zh: '台账导入', en: 'Ledger imported' },
  'ledger.export': { zh: '台账导出', en: 'Ledger exported' },
  'followUp.record': { zh: '月度回访', en: 'Follow-up recorded' },
  'followUp.confirmUnchanged': { zh: '确认无变化', en: 'Confirmed unchanged' },
  'followUp.import': { zh: '回访表导入', en: 'Follow-up sheet imported' },
  'villageMonth.submit': { zh: '村报送', en: 'Month submitted' },
  'villageMonth.return': { zh: '退回', en: 'Month returned' },
  'villageMonth.accept': { zh: '审核通过', en: 'Month accepted' },
  'villageMonth.reopen': { zh: '重新开放', en: 'Month reopened' },
  'warning.move': { zh: '预警处理', en: 'Warning handled' },
  'warnings.compute': { zh: '重新计算预警', en: 'Warnings recomputed' },
  'targets.set': { zh: '设定目标', en: 'Targets set' },
  'reportingPolicy.add': { zh: '报送期限', en: 'Reporting deadlines set' },
  'warningThresholds.add': { zh: '预警阈值', en: 'Warning thresholds set' },
  'stats.export': { zh: '统计导出', en: 'Statistics exported' },
  'demo.load': { zh: '载入演示数据', en: 'Demo data loaded' },
});
export type AuditAction = (typeof auditAction.codes)[number];

/** The kind of record an audit event is about (`audit_events.entity_type`). */
export const auditEntity = codeList({
  person: { zh: '人员', en: 'Person' },
  household: { zh: '家庭', en: 'Household' },
  user: { zh: '账号', en: 'Account' },
  villageMonth: { zh: '村月度报送', en: 'Village month' },
  followUpImport: { zh: '回访表', en: 'Follow-up sheet' },
  ledgerImport: { zh: '台账文件', en: 'Ledger file' },
  ledgerExport: { zh: '台账导出', en: 'Ledger export' },
  warning: { zh: '预警', en: 'Warning' },
  warnings: { zh: '预警', en: 'Warnings' },
  targets: { zh: '目标', en: 'Targets' },
  region: { zh: '地区', en: 'Region' },
  monthPeople: { zh: '统计名单', en: 'People list' },
  reportingPolicy: { zh: '报送期限', en: 'Reporting deadlines' },
  warningThresholds: { zh: '预警阈值', en: 'Warning thresholds' },
  population: { zh: '演示人口', en: 'Demo population' },
});
