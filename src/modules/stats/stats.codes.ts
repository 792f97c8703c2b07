// Labels of the codes statistics screens and exports show besides the registry's: warning rules and
// states (风险预警) and target measures (目标任务).
// Pure, so the web interface labels them with the same words.
import {
  type CodeLabel,
  codeList,
  employmentForm,
  employmentStatus,
  workLocation,
} from '../registry/registry.codes.js';

/** Early-warning rules (monitoring.rules.ts `warningRules`). */
export const warningRule = codeList({
  lostJob: { zh: '就业转失业', en: 'Lost job' },
  returned: { zh: '务工回流', en: 'Returned from work' },
  idleAble: { zh: '有意愿未就业', en: 'Able, willing and idle' },
  zeroEmploymentHousehold: { zh: '零就业家庭', en: 'Zero-employment household' },
  lowIncome: { zh: '收入偏低', en: 'Income below the line' },
  incomeDrop: { zh: '收入大幅下降', en: 'Income dropped' },
  notFollowedUp: { zh: '超期未回访', en: 'Not followed up' },
});

/** States of a warning (monitoring.rules.ts `warningStates`). */
export const warningState = codeList({
  new: { zh: '新预警', en: 'New' },
  handling: { zh: '处理中', en: 'Being handled' },
  resolved: { zh: '已解除', en: 'Resolved' },
});

/** Target measures (monitoring.tables.ts `targetMeasures`). */
export const targetMeasure = codeList({
  employed: { zh: '脱贫劳动力务工就业', en: 'People in work' },
  relocatedEmployed: { zh: '易地搬迁劳动力就业', en: 'Relocated people in work' },
  cooperationEmployed: { zh: '劳务协作组织就业', en: 'In work through labour cooperation' },
  inflowEmployed: { zh: '外省来此就业', en: 'From other provinces, employed here' },
});

/** The facts behind a warning (its `detail`), as one line for the official. */
export function warningReason(
  rule: string,
  detail: Record<string, unknown>,
  lang: 'zh' | 'en',
  label: (list: 'employmentForm' | 'workLocation' | 'notWorkingReason', code: unknown) => string,
): string {
  const zh = lang === 'zh';
  const n = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('zh-CN') : String(v ?? '—'));
  switch (rule) {
    case 'lostJob':
      return zh
        ? `上月${label('employmentForm', detail.previousForm)}，本月未就业（${label('notWorkingReason', detail.reason)}）`
        : `Was in ${label('employmentForm', detail.previousForm)} last month; not working now (${label('notWorkingReason', detail.reason)})`;
    case 'returned':
      if (typeof detail.previousLocation !== 'string')
        return zh ? '务工返乡，本月在家未就业' : 'Back home from work; not working this month';
      return zh
        ? `从${label('workLocation', detail.previousLocation)}回流在家`
        : `Back home from ${label('workLocation', detail.previousLocation)}`;
    case 'idleAble':
      return zh
        ? `有劳动能力和就业意愿，已连续 ${n(detail.idleMonths)} 个月未就业`
        : `Able and willing; idle for ${n(detail.idleMonths)} months`;
    case 'zeroEmploymentHousehold':
      return zh
        ? `家庭 ${n(detail.members)} 人，有劳动力但本月无人就业`
        : `${n(detail.members)} members, able to work, nobody employed this month`;
    case 'lowIncome':
      return zh
        ? `月收入 ${n(detail.income)} 元，低于 ${n(detail.floor)} 元`
        : `Monthly income ¥${n(detail.income)}, below ¥${n(detail.floor)}`;
    case 'incomeDrop':
      return zh
        ? `月收入由 ${n(detail.previousIncome)} 元降至 ${n(detail.income)} 元`
        : `Monthly income down from ¥${n(detail.previousIncome)} to ¥${n(detail.income)}`;
    case 'notFollowedUp':
      return zh
        ? detail.lastMonth
          ? `最近一次回访 ${String(detail.lastMonth)}`
          : '从未回访'
        : detail.lastMonth
          ? `Last followed up ${String(detail.lastMonth)}`
          : 'Never followed up';
    default:
      return JSON.stringify(detail);
  }
}

/** The filters that name the people behind a monthly figure (stats.dto.ts monthPeopleQuery). */
export interface MonthPeopleFilterText {
  employed?: boolean | undefined;
  employmentStatus?: string | undefined;
  employmentForm?: string | undefined;
  workLocation?: string | undefined;
  relocated?: boolean | undefined;
  labourer?: boolean | undefined;
  cooperation?: boolean | undefined;
  zeroEmploymentHousehold?: boolean | undefined;
}

/** What a list of a month's people is, in words: 已就业 · 外出务工, 未就业劳动力, 零就业家庭成员 … */
export function monthPeopleLabel(f: MonthPeopleFilterText, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  const pick = (yes: boolean | undefined, a: [string, string], b: [string, string]) => {
    if (yes !== undefined) parts.push(yes ? a[zh ? 0 : 1] : b[zh ? 0 : 1]);
  };
  pick(
    f.zeroEmploymentHousehold,
    ['零就业家庭成员', 'Members of zero-employment households'],
    ['非零就业家庭成员', 'Members of other households'],
  );
  pick(f.relocated, ['易地搬迁', 'Relocated'], ['非搬迁', 'Not relocated']);
  pick(f.labourer, ['劳动力', 'Labourers'], ['非劳动力', 'Not labourers']);
  pick(f.employed, ['已就业', 'Employed'], ['未就业', 'Not employed']);
  const coded = (list: { labels: Record<string, CodeLabel> }, code: string | undefined) => {
    if (code) parts.push(list.labels[code]?.[lang] ?? code);
  };
  coded(employmentStatus, f.employmentStatus);
  coded(employmentForm, f.employmentForm);
  coded(workLocation, f.workLocation);
  pick(f.cooperation, ['劳务协作', 'through labour cooperation'], ['非劳务协作', 'not through cooperation']);
  if (parts.length === 0) return zh ? '全部回访人员' : 'Everyone followed up';
  return parts.join(' · ');
}
