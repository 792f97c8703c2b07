// Every field of a person, in the three groups officials know from the ledger (台账).
import { Descriptions, type DescriptionsProps, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { fieldLabel } from '../../../src/shared/i18n';
import type { Person } from '../api/types';
import { formatDateTime } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { formatFieldValue } from './fieldValue';

interface Props {
  person: Person;
  /** Full numbers after an audited reveal. */
  revealed?: { idNumber: string; phone: string | null };
  phone: boolean;
}

export function PersonDetails({ person, revealed, phone }: Props) {
  const { lang, t } = useLang();
  const item = (field: keyof Person, value?: React.ReactNode) => ({
    key: field,
    label: fieldLabel(field, lang),
    children: value ?? formatFieldValue(field, person[field], lang),
  });
  const employed = person.employmentStatus === 'employed';
  const revealTag = <Tag color="gold">{t('完整号码 · 已留痕', 'full · logged')}</Tag>;

  const basic: DescriptionsProps['items'] = [
    item('name'),
    item(
      'idNumber',
      <span className="num" data-testid="person-id-number">
        {revealed ? revealed.idNumber : person.idNumber} {revealed && revealTag}
      </span>,
    ),
    { key: 'sex', label: t('性别', 'Sex'), children: formatFieldValue('sex', person.sex, lang) },
    {
      key: 'birthDate',
      label: t('出生日期', 'Birth date'),
      children: formatFieldValue('birthDate', person.birthDate, lang),
    },
    {
      key: 'age',
      label: t('年龄', 'Age'),
      children: lang === 'zh' ? `${person.age} 岁` : String(person.age),
    },
    item('relationToHead'),
    item(
      'phone',
      <span className="num">
        {formatFieldValue('phone', revealed ? revealed.phone : person.phone, lang)} {revealed && revealTag}
      </span>,
    ),
    item('education'),
    item('villageCode', person.villageName ?? person.villageCode),
    item(
      'householdId',
      <Link to={`/households/${person.householdId}`}>{t('查看家庭及成员', 'View household')}</Link>,
    ),
    {
      key: 'isLabourer',
      label: t('是否劳动力', 'Labourer'),
      children: formatFieldValue('x', person.isLabourer, lang),
    },
  ];
  const ability: DescriptionsProps['items'] = [
    item('labourAbility'),
    item('health'),
    ...(person.health === 'disabled' ? [item('disabilityGrade')] : []),
    item('skills'),
    item('wantsWork'),
    item('wantsTraining'),
    item('workAwayWillingness'),
  ];
  const employment: DescriptionsProps['items'] = employed
    ? [
        item('employmentStatus'),
        item('employmentForm'),
        item('workLocation'),
        item('workplace'),
        item('employer'),
        item('employmentStart'),
        item('monthlyIncome'),
        item('organizedByCooperation'),
        ...(person.organizedByCooperation ? [item('cooperationName')] : []),
      ]
    : [item('employmentStatus'), item('notWorkingReason'), item('monthlyIncome')];
  const record: DescriptionsProps['items'] = [
    { key: 'createdAt', label: t('登记时间', 'Registered'), children: formatDateTime(person.createdAt) },
    { key: 'updatedAt', label: t('最后修改', 'Last changed'), children: formatDateTime(person.updatedAt) },
  ];

  const column = phone ? 1 : { xs: 1, sm: 2, xxl: 3 };
  const common = {
    column,
    size: 'small' as const,
    bordered: true,
    style: { marginBottom: 16 },
    styles: { label: { whiteSpace: 'nowrap' as const, width: phone ? 110 : 130 } },
  };
  return (
    <div data-testid="person-details">
      <Descriptions {...common} title={t('基本信息', 'Basic information')} items={basic} />
      <Descriptions {...common} title={t('劳动能力与意愿', 'Ability and wishes')} items={ability} />
      <Descriptions {...common} title={t('就业情况', 'Employment')} items={employment} />
      <Descriptions {...common} items={record} />
    </div>
  );
}
