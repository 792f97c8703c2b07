// Messages users read: error codes, field problems and field names, in Simplified Chinese (the
// default) and English. `{name}` placeholders are filled from params.
import type { ErrorCode } from './errors.js';

export type Language = 'zh' | 'en';
type Text = { zh: string; en: string };

const errorMessages: Record<ErrorCode, Text> = {
  validation: { zh: '提交的内容有误，请按提示修改', en: 'The input is invalid; see the field errors' },
  'auth.required': { zh: '请先登录', en: 'Please log in' },
  'auth.invalidCredentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.forbidden': { zh: '当前账号无权执行此操作', en: 'Your account may not do this' },
  notFound: { zh: '记录不存在或不在您的管辖范围内', en: 'Not found, or not within your region' },
  'conflict.version': {
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  'conflict.idNumber': {
    zh: '身份证号码 {idNumber} 已登记',
    en: 'ID number {idNumber} is already registered',
  },
  'conflict.householdNo': {
    zh: '本村已有户编号为 {householdNo} 的家庭',
    en: 'This village already has household number {householdNo}',
  },
  'conflict.username': { zh: '用户名 {username} 已被使用', en: 'Username {username} is taken' },
  'region.unknown': { zh: '找不到行政区划：{region}', en: 'Unknown region: {region}' },
  'region.outOfScope': {
    zh: '{region} 不在您的管辖范围内',
    en: '{region} is outside the region your account covers',
  },
  'request.tooLarge': { zh: '提交的内容过大', en: 'The request body is too large' },
  'request.badJson': { zh: '提交的内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.unsupportedMediaType': {
    zh: '不支持的内容类型，请以 JSON 提交',
    en: 'Unsupported content type; send JSON',
  },
  'monitoring.monthLocked': {
    zh: '{month} 月的回访已报送或已审核通过，不能再修改；如需更正请由上级退回或重新打开',
    en: 'The follow-ups of {month} are submitted or accepted; ask for it to be returned or reopened',
  },
  'workflow.notAllowedInStatus': {
    zh: '当前状态（{status}）下不能执行此操作',
    en: 'This action is not possible while the month is {status}',
  },
  'workflow.levelTooLow': {
    zh: '此操作须由乡镇（退回、审核）或县级（重新打开）办理',
    en: 'Towns return and accept; counties reopen',
  },
  'workflow.reasonRequired': { zh: '退回或重新打开须填写原因', en: 'Give a reason to return or reopen' },
  'warning.badTransition': {
    zh: '预警不能从“{from}”改为“{to}”',
    en: 'A warning cannot go from {from} to {to}',
  },
  'ledger.badFile': { zh: '无法读取文件：{reason}', en: 'The file cannot be read: {reason}' },
  'ledger.headerNotFound': {
    zh: '没有找到表头：前 30 行中应有一行写明“姓名”“身份证号码”等列名',
    en: 'No header row found: one of the first 30 rows must name columns such as 姓名 and 身份证号码',
  },
  'ledger.columnsMissing': {
    zh: '表格缺少必需的列：{columns}',
    en: 'Required columns are missing: {columns}',
  },
  'ledger.notReady': {
    zh: '导入任务当前为“{status}”，不能执行此操作',
    en: 'The import is {status}; this is not possible now',
  },
  internal: { zh: '系统内部错误，请稍后重试', en: 'Internal error; please try again later' },
};

/** Problems with one field. Codes from registry.rules.ts, access.rules.ts and request validation. */
const fieldMessages: Record<string, Text> = {
  required: { zh: '{field}不能为空', en: '{field} is required' },
  invalidType: { zh: '{field}的类型不正确', en: '{field} has the wrong type' },
  invalidOption: { zh: '{field}的取值不在允许范围内', en: '{field} is not one of the allowed values' },
  tooShort: { zh: '{field}至少需要 {minimum} 个字符', en: '{field} needs at least {minimum} characters' },
  tooLong: { zh: '{field}最多 {maximum} 个字符', en: '{field} allows at most {maximum} characters' },
  tooSmall: { zh: '{field}不能小于 {minimum}', en: '{field} must be at least {minimum}' },
  tooBig: { zh: '{field}不能大于 {maximum}', en: '{field} must be at most {maximum}' },
  invalidFormat: { zh: '{field}的格式不正确', en: '{field} is not in the right format' },
  unknownField: { zh: '无法识别的字段：{field}', en: 'Unknown field: {field}' },
  invalid: { zh: '{field}无效', en: '{field} is invalid' },
  'idNumber.empty': { zh: '身份证号码不能为空', en: 'The ID number is required' },
  'idNumber.length': {
    zh: '身份证号码应为 18 位（旧的 15 位号码请换成 18 位）',
    en: 'The ID number must have 18 characters (convert old 15-digit numbers)',
  },
  'idNumber.characters': {
    zh: '身份证号码只能由数字组成，最后一位可以是 X',
    en: 'The ID number is digits only, the last may be X',
  },
  'idNumber.birthDate': {
    zh: '身份证号码中的出生日期不是有效日期',
    en: 'The birth date inside the ID number is not a real date',
  },
  'idNumber.futureBirth': {
    zh: '身份证号码中的出生日期晚于今天',
    en: 'The birth date inside the ID number is in the future',
  },
  'idNumber.checkDigit': {
    zh: '身份证号码校验位不正确，请核对是否录错',
    en: 'The ID number check character is wrong; check for a typing error',
  },
  'idNumber.excelMangled': {
    zh: '身份证号码被 Excel 存成了数字，后几位已丢失，请将该列设为文本后重新录入',
    en: 'Excel stored the ID number as a number and lost digits; re-enter it as text',
  },
  'region.notVillage': { zh: '请选择到村一级', en: 'Choose a village' },
  'region.unknown': { zh: '找不到行政区划：{value}', en: 'Unknown region: {value}' },
  'region.outOfScope': { zh: '该地区不在您的管辖范围内', en: 'Outside the region your account covers' },
  'idNumber.birthTooEarly': {
    zh: '身份证号码中的出生日期早于 1900 年',
    en: 'The birth date inside the ID number is before 1900',
  },
  'phone.empty': { zh: '联系电话不能为空', en: 'The phone number is empty' },
  'phone.characters': {
    zh: '联系电话只能包含数字和短横线',
    en: 'A phone number has digits and hyphens only',
  },
  'phone.mobile': {
    zh: '手机号应为 1 开头的 11 位数字',
    en: 'A mobile number has 11 digits starting with 1',
  },
  'phone.landline': { zh: '固定电话号码位数不正确', en: 'The landline number has the wrong length' },
  'phone.areaCodeMissing': {
    zh: '固定电话须带区号，如 0635-8888888',
    en: 'Add the area code, e.g. 0635-8888888',
  },
  'phone.format': {
    zh: '联系电话应为 11 位手机号或带区号的固话',
    en: 'Phone must be an 11-digit mobile or a landline with area code',
  },
  'employment.formRequired': {
    zh: '已就业人员须填写就业形式',
    en: 'Employed people need a form of employment',
  },
  'employment.locationRequired': {
    zh: '已就业人员须填写务工地域',
    en: 'Employed people need a work location',
  },
  'employment.reasonNotAllowed': {
    zh: '已就业人员不应填写未就业原因',
    en: 'An employed person has no reason for not working',
  },
  'employment.reasonRequired': { zh: '未就业人员须填写未就业原因', en: 'Give the reason for not working' },
  'employment.formNotAllowed': {
    zh: '未就业人员不应填写就业形式',
    en: 'A person not employed has no form of employment',
  },
  'employment.locationNotAllowed': {
    zh: '未就业人员不应填写务工地域',
    en: 'A person not employed has no work location',
  },
  'employment.workplaceNotAllowed': {
    zh: '未就业人员不应填写务工地点',
    en: 'A person not employed has no workplace',
  },
  'employment.employerNotAllowed': {
    zh: '未就业人员不应填写就业单位',
    en: 'A person not employed has no employer',
  },
  'employment.incomeNotAllowed': {
    zh: '未就业人员不应填写月收入',
    en: 'A person not employed has no monthly income',
  },
  'employment.startNotAllowed': {
    zh: '未就业人员不应填写就业开始时间',
    en: 'A person not employed has no start date',
  },
  'employment.cooperationNotAllowed': {
    zh: '未就业人员不应标记为劳务协作组织输出',
    en: 'A person not employed cannot be organised by labour cooperation',
  },
  'employment.incomeInvalid': { zh: '月收入不是有效的数字', en: 'Monthly income is not a valid number' },
  'employment.incomeNegative': { zh: '月收入不能为负数', en: 'Monthly income cannot be negative' },
  'employment.incomeTooHigh': {
    zh: '月收入不应达到 {maximum} 元，请核实是否多录了一位或填成了年收入',
    en: 'Monthly income of {maximum} yuan or more; check for an extra digit or a yearly figure',
  },
  'employment.startInvalid': {
    zh: '就业开始时间不是有效日期',
    en: 'The employment start is not a valid date',
  },
  'employment.startInFuture': { zh: '就业开始时间不能晚于今天', en: 'Employment cannot start in the future' },
  'employment.cooperationNameNotAllowed': {
    zh: '非劳务协作组织输出的人员不应填写协作名称',
    en: 'Only cooperation-organised work has a cooperation name',
  },
  'household.monitoringTypeRequired': {
    zh: '监测户须填写监测对象类型',
    en: 'A monitored household needs a monitoring type',
  },
  'household.monitoringTypeNotAllowed': {
    zh: '只有监测户才填写监测对象类型',
    en: 'Only monitored households have a monitoring type',
  },
  'household.resettlementSiteNotAllowed': {
    zh: '非搬迁户不应填写安置点',
    en: 'Only relocated households have a resettlement site',
  },
  'household.headMissing': { zh: '每户须有一名户主', en: 'A household needs a head' },
  'household.headNotUnique': { zh: '每户只能有一名户主', en: 'A household has only one head' },
  'household.spouseNotUnique': { zh: '户主的配偶只能有一名', en: 'The head has at most one spouse' },
  'monitoring.futureMonth': { zh: '不能录入未来月份的回访', en: 'Follow-ups cannot be for a future month' },
  'monitoring.personNotInVillage': {
    zh: '该人员不属于本村或已删除',
    en: 'This person is not in this village, or was removed',
  },
  'followUp.personUnknown': {
    zh: '没有登记此身份证号码的人员（或已删除），请先在台账中登记',
    en: 'Nobody with this ID number is registered (or the person was removed)',
  },
  'followUp.personElsewhere': {
    zh: '此人登记在您管辖范围以外的地区，不能在此录入回访',
    en: 'This person is registered outside your region',
  },
  'followUp.nameMismatch': {
    zh: '姓名与该身份证号码登记的姓名不一致，请核对身份证号码',
    en: 'The name differs from the one registered for this ID number; check the ID number',
  },
  'followUp.monthLocked': {
    zh: '此人所在村 {month} 月的回访已报送或已审核通过，不能再修改；如需更正请由上级退回或重新打开',
    en: "The village's follow-ups of {month} are submitted or accepted; ask for it to be returned or reopened",
  },
  'region.ambiguous': {
    zh: '“{value}”对应多个地区，请写得更具体或填写代码',
    en: '"{value}" matches several regions',
  },
  'target.notAChild': {
    zh: '{value} 不是上级地区的直接下级',
    en: '{value} is not directly below the parent region',
  },
  'target.childrenExceedParent': {
    zh: '下级目标合计 {children} 超过上级目标 {parent}',
    en: 'Children add up to {children}, more than the parent target {parent}',
  },
  'policy.reviewBeforeSubmit': {
    zh: '乡镇审核日不能早于村级报送日',
    en: 'The town review day cannot be before the village deadline',
  },
  'policy.endsBeforeStart': {
    zh: '失效日期不能早于生效日期',
    en: 'The end date cannot be before the start date',
  },
  'ledger.unknownValue': {
    zh: '“{value}”不是{field}的有效取值，可填：{allowed}',
    en: '"{value}" is not a valid {field}; use one of: {allowed}',
  },
  'ledger.notYesNo': {
    zh: '{field}应填“是”或“否”，不能填“{value}”',
    en: '{field} must be 是 or 否, not "{value}"',
  },
  'ledger.badDate': {
    zh: '{field}“{value}”不是有效日期，可写作 2022-06-15、2022年6月 或 2022.6',
    en: '{field} "{value}" is not a date; write 2022-06-15, 2022年6月 or 2022.6',
  },
  'ledger.badNumber': { zh: '{field}“{value}”不是有效的数字', en: '{field} "{value}" is not a number' },
  'ledger.sexMismatch': {
    zh: '性别“{value}”与身份证号码不符（按身份证号码应为{expected}）',
    en: 'Sex "{value}" contradicts the ID number ({expected})',
  },
  'ledger.birthDateMismatch': {
    zh: '出生日期“{value}”与身份证号码不符（按身份证号码应为 {expected}）',
    en: 'Birth date "{value}" contradicts the ID number ({expected})',
  },
  'ledger.householdNoMangled': {
    zh: '户编号被 Excel 存成了数字，后几位已丢失，请将该列设为文本后重新录入',
    en: 'Excel stored the household number as a number and lost digits; re-enter it as text',
  },
  'ledger.duplicateInFile': {
    zh: '身份证号码在本文件中重复出现（第 {rows} 行），请核对后只保留一行',
    en: 'The ID number appears more than once in this file (rows {rows}); keep one',
  },
  'ledger.idNumberElsewhere': {
    zh: '该身份证号码已在其他地区登记，不能导入到本地区；人员迁入请联系原登记地',
    en: 'This ID number is registered in another region',
  },
  'ledger.personInOtherHousehold': {
    zh: '此人已登记在{village}户编号 {householdNo}，与本行所填的户不同；调整家庭请在系统中办理',
    en: 'This person is registered in household {householdNo} of {village}, not the one given here',
  },
  'ledger.householdDiffers': {
    zh: '同一户的户信息与第 {row} 行不一致（{fields}）',
    en: 'Household details differ from row {row} of the same household ({fields})',
  },
  'ledger.requiredForNew': {
    zh: '新登记的人员或家庭须填写{field}',
    en: 'New people and households need {field}',
  },
  'ledger.regionMissing': {
    zh: '请填写所在村（村名，或 12 位村代码）',
    en: 'Give the village (name or 12-digit code)',
  },
  'ledger.regionMismatch': {
    zh: '村名“{value}”与村代码不符',
    en: 'Village "{value}" does not match the code',
  },
  'ledger.gradeNotDisabled': {
    zh: '健康状况不是“残疾”时不应填写残疾等级',
    en: 'A disability grade needs health "disabled"',
  },
  'username.invalid': {
    zh: '用户名为 3–32 位字母、数字、下划线、点或短横线',
    en: 'Username: 3–32 letters, digits, _ . -',
  },
  'password.tooShort': { zh: '密码至少 8 位', en: 'Password needs at least 8 characters' },
  'password.tooWeak': { zh: '密码须同时包含字母和数字', en: 'Password needs letters and digits' },
};

/** Names of fields as officials know them, used inside field messages. */
const fieldNames: Record<string, Text> = {
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '身份证号码', en: 'ID number' },
  phone: { zh: '联系电话', en: 'Phone' },
  relationToHead: { zh: '与户主关系', en: 'Relation to head' },
  education: { zh: '文化程度', en: 'Education' },
  labourAbility: { zh: '劳动能力', en: 'Labour ability' },
  health: { zh: '健康状况', en: 'Health' },
  disabilityGrade: { zh: '残疾等级', en: 'Disability grade' },
  skills: { zh: '技能', en: 'Skills' },
  wantsWork: { zh: '就业意愿', en: 'Wants work' },
  wantsTraining: { zh: '培训意愿', en: 'Wants training' },
  workAwayWillingness: { zh: '外出意愿', en: 'Willing to work away' },
  employmentStatus: { zh: '就业状态', en: 'Employment status' },
  employmentForm: { zh: '就业形式', en: 'Form of employment' },
  workLocation: { zh: '务工地域', en: 'Work location' },
  workplace: { zh: '务工地点', en: 'Workplace' },
  employer: { zh: '就业单位', en: 'Employer' },
  employmentStart: { zh: '就业开始时间', en: 'Employment start' },
  monthlyIncome: { zh: '月收入', en: 'Monthly income' },
  notWorkingReason: { zh: '未就业原因', en: 'Reason for not working' },
  organizedByCooperation: { zh: '劳务协作组织输出', en: 'Organised by labour cooperation' },
  cooperationName: { zh: '劳务协作名称', en: 'Labour cooperation' },
  villageCode: { zh: '所在村', en: 'Village' },
  householdNo: { zh: '户编号', en: 'Household number' },
  householdId: { zh: '所属家庭', en: 'Household' },
  category: { zh: '帮扶对象类别', en: 'Category' },
  monitoringType: { zh: '监测对象类型', en: 'Monitoring type' },
  relocation: { zh: '易地搬迁', en: 'Relocation' },
  resettlementSite: { zh: '安置点', en: 'Resettlement site' },
  address: { zh: '住址', en: 'Address' },
  members: { zh: '家庭成员', en: 'Members' },
  reason: { zh: '原因', en: 'Reason' },
  version: { zh: '版本号', en: 'Version' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  displayName: { zh: '姓名', en: 'Display name' },
  role: { zh: '角色', en: 'Role' },
  regionCode: { zh: '管辖地区', en: 'Region' },
  page: { zh: '页码', en: 'Page' },
  pageSize: { zh: '每页条数', en: 'Page size' },
  q: { zh: '查询内容', en: 'Search text' },
  region: { zh: '地区', en: 'Region' },
  month: { zh: '月份', en: 'Month' },
  validFrom: { zh: '生效日期', en: 'Valid from' },
  validTo: { zh: '失效日期', en: 'Valid to' },
  villageSubmitDay: { zh: '村级报送日', en: 'Village deadline day' },
  townReviewDay: { zh: '乡镇审核日', en: 'Town review day' },
  source: { zh: '依据', en: 'Source' },
  entries: { zh: '回访记录', en: 'Follow-ups' },
  personId: { zh: '人员', en: 'Person' },
  children: { zh: '下级分解', en: 'Breakdown' },
  value: { zh: '目标值', en: 'Target' },
  measure: { zh: '指标', en: 'Measure' },
  year: { zh: '年度', en: 'Year' },
};

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function errorMessage(
  code: ErrorCode,
  language: Language,
  params: Record<string, string | number> = {},
) {
  return fill(errorMessages[code][language], params);
}

/** The readable name of a field path: the last named segment (members.2.idNumber → 身份证号码). */
export function fieldLabel(path: string, language: Language): string {
  const segments = path.split('.').filter((s) => !/^\d+$/.test(s));
  const last = segments.at(-1) ?? path;
  return fieldNames[last]?.[language] ?? last;
}

export function fieldMessage(
  field: string,
  code: string,
  language: Language,
  params: Record<string, string | number> = {},
): string {
  const template = fieldMessages[code] ?? errorMessages[code as ErrorCode] ?? fieldMessages.invalid;
  return fill(template?.[language] ?? code, {
    ...params,
    field: fieldLabel(params.field?.toString() ?? field, language),
  });
}

/** Picks the language from an Accept-Language header: English only when the client prefers it. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'zh';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((r) => r.tag && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}
