// Code lists of the registry (实名制台账): the allowed values of each coded field, with the words
// officials use for them. The database stores the English code; screens and ledgers show the label.
// Sources: domain.md, seed 003 §17 (labour ability, reasons for not working), seed 002 §2.

export interface CodeLabel {
  zh: string;
  en: string;
}

export function codeList<const T extends Record<string, CodeLabel>>(labels: T) {
  const codes = Object.keys(labels) as (keyof T & string)[];
  return { labels, codes: codes as [keyof T & string, ...(keyof T & string)[]] };
}

/** Household category (帮扶对象类别). */
export const householdCategory = codeList({
  povertyExited: { zh: '脱贫户', en: 'Poverty-exited' },
  monitored: { zh: '防止返贫监测户', en: 'Monitored against relapse' },
  lowIncome: { zh: '农村低收入户', en: 'Rural low-income' },
});

/** Sub-type of a monitored household (监测对象类型). */
export const monitoringType = codeList({
  unstableExited: { zh: '脱贫不稳定户', en: 'Unstable poverty-exited' },
  marginal: { zh: '边缘易致贫户', en: 'Marginal, prone to poverty' },
  suddenHardship: { zh: '突发严重困难户', en: 'Sudden severe hardship' },
});

/** Poverty-alleviation relocation (易地扶贫搬迁). */
export const relocation = codeList({
  none: { zh: '非搬迁', en: 'Not relocated' },
  centralized: { zh: '集中安置', en: 'Centralized resettlement' },
  dispersed: { zh: '分散安置', en: 'Dispersed resettlement' },
});

/** Relation to the head of household (与户主关系). */
export const relationToHead = codeList({
  head: { zh: '户主', en: 'Head' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  childInLaw: { zh: '儿媳/女婿', en: 'Child-in-law' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  parent: { zh: '父母', en: 'Parent' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  other: { zh: '其他', en: 'Other' },
});

/** Education (文化程度). */
export const education = codeList({
  illiterate: { zh: '文盲或半文盲', en: 'Illiterate' },
  primary: { zh: '小学', en: 'Primary school' },
  juniorHigh: { zh: '初中', en: 'Junior high' },
  seniorHigh: { zh: '高中', en: 'Senior high' },
  vocational: { zh: '中专/技校', en: 'Vocational school' },
  college: { zh: '大专', en: 'College' },
  bachelorOrAbove: { zh: '本科及以上', en: "Bachelor's or above" },
});

/** Labour ability (劳动能力, seed 003 §17). Labourers (劳动力) are those with any ability. */
export const labourAbility = codeList({
  ordinary: { zh: '普通劳动力', en: 'Ordinary labour' },
  skilled: { zh: '技能劳动力', en: 'Skilled labour' },
  partial: { zh: '半劳动力', en: 'Partial labour' },
  weak: { zh: '弱劳动力', en: 'Weak labour' },
  none: { zh: '无劳动力', en: 'No labour ability' },
});

/** Health (健康状况). */
export const health = codeList({
  healthy: { zh: '健康', en: 'Healthy' },
  chronicIllness: { zh: '长期慢性病', en: 'Chronic illness' },
  seriousIllness: { zh: '患有大病', en: 'Serious illness' },
  disabled: { zh: '残疾', en: 'Disabled' },
});

/** Willingness to work away from home (外出意愿). */
export const workAwayWillingness = codeList({
  none: { zh: '不愿外出', en: 'Not willing' },
  inCounty: { zh: '县内', en: 'Within the county' },
  inProvince: { zh: '省内', en: 'Within the province' },
  anywhere: { zh: '省外也可', en: 'Anywhere, incl. other provinces' },
});

/** Employment status (就业状态). */
export const employmentStatus = codeList({
  employed: { zh: '已就业', en: 'Employed' },
  unemployed: { zh: '未就业', en: 'Not employed' },
});

/** Form of employment (就业形式). */
export const employmentForm = codeList({
  migrantWork: { zh: '外出务工', en: 'Migrant work' },
  localEnterprise: { zh: '本地企业', en: 'Local enterprise' },
  assistanceWorkshop: { zh: '帮扶车间', en: 'Assistance workshop' },
  publicWelfarePost: { zh: '公益性岗位', en: 'Public-welfare post' },
  workRelief: { zh: '以工代赈', en: 'Work-relief project' },
  selfEmployed: { zh: '自主创业', en: 'Self-employed' },
  flexible: { zh: '灵活就业', en: 'Flexible work' },
  farming: { zh: '务农', en: 'Farming' },
});

/** Where the person works (务工地域). */
export const workLocation = codeList({
  inCounty: { zh: '县内', en: 'Within the county' },
  inProvince: { zh: '县外省内', en: 'Other county, same province' },
  outOfProvince: { zh: '省外', en: 'Out of province' },
});

/** Why a person is not working (未就业原因, seed 003 §17). */
export const notWorkingReason = codeList({
  returned: { zh: '务工回流', en: 'Returned from work' },
  idle: { zh: '在家闲置', en: 'Idle at home' },
  caringForFamily: { zh: '照顾家庭', en: 'Caring for family' },
  ill: { zh: '因病在家', en: 'Ill at home' },
  inSchool: { zh: '在校学生', en: 'In school' },
  unable: { zh: '无法就业', en: 'Unable to work' },
});

export type HouseholdCategory = (typeof householdCategory.codes)[number];
export type MonitoringType = (typeof monitoringType.codes)[number];
export type Relocation = (typeof relocation.codes)[number];
export type RelationToHead = (typeof relationToHead.codes)[number];
export type Education = (typeof education.codes)[number];
export type LabourAbility = (typeof labourAbility.codes)[number];
export type Health = (typeof health.codes)[number];
export type WorkAwayWillingness = (typeof workAwayWillingness.codes)[number];
export type EmploymentStatus = (typeof employmentStatus.codes)[number];
export type EmploymentForm = (typeof employmentForm.codes)[number];
export type WorkLocation = (typeof workLocation.codes)[number];
export type NotWorkingReason = (typeof notWorkingReason.codes)[number];

/**
 * A person's employment (就业信息): kept on the person, recorded by every monthly follow-up and
 * checked together (checkEmploymentSnapshot).
 */
export const employmentFields = [
  'employmentStatus',
  'employmentForm',
  'workLocation',
  'workplace',
  'employer',
  'employmentStart',
  'monthlyIncome',
  'notWorkingReason',
  'organizedByCooperation',
  'cooperationName',
] as const;

/**
 * A person's own values, in the order of the persons table: what a ledger row or a demo person
 * gives besides the ID number, household and village (keys) and the database's bookkeeping.
 */
export const personValueFields = [
  'name',
  'birthDate',
  'sex',
  'relationToHead',
  'phone',
  'education',
  'labourAbility',
  'health',
  'disabilityGrade',
  'skills',
  'wantsWork',
  'wantsTraining',
  'workAwayWillingness',
  ...employmentFields,
] as const;
