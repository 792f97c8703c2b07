// The members of a household: a table on desktop, cards on phones.
import { Card, Flex, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import {
  employmentForm,
  labourAbility,
  relationToHead,
  workLocation,
} from '../../../src/modules/registry/registry.codes';
import type { Person } from '../api/types';
import { useIsPhone } from '../common/useIsPhone';
import { codeLabel, formatMoney, sexLabel } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { EmploymentTag } from '../persons/EmploymentTag';

export function MembersTable({ members }: { members: Person[] }) {
  const { lang, t } = useLang();
  const phone = useIsPhone();
  const age = (p: Person) => `${sexLabel(p.sex, lang)} ${p.age}${lang === 'zh' ? '岁' : ''}`;
  if (phone) {
    return (
      <Flex vertical gap={8} data-testid="members">
        {members.map((p) => (
          <Link key={p.id} to={`/persons/${p.id}`} className="person-card-link">
            <Card size="small" hoverable>
              <Flex justify="space-between" align="center">
                <span className="person-card-name">
                  {p.name} <small>（{codeLabel(relationToHead, p.relationToHead, lang)}）</small>
                </span>
                <EmploymentTag status={p.employmentStatus} />
              </Flex>
              <div className="person-card-line">
                {age(p)} · <span className="num">{p.idNumber}</span>
              </div>
              <div className="person-card-line">
                {codeLabel(labourAbility, p.labourAbility, lang)}
                {p.employmentForm && ` · ${codeLabel(employmentForm, p.employmentForm, lang)}`}
              </div>
            </Card>
          </Link>
        ))}
      </Flex>
    );
  }
  const columns: TableColumnsType<Person> = [
    {
      key: 'name',
      title: t('姓名', 'Name'),
      render: (_, p) => <Link to={`/persons/${p.id}`}>{p.name}</Link>,
    },
    {
      key: 'relation',
      title: t('与户主关系', 'Relation'),
      render: (_, p) => codeLabel(relationToHead, p.relationToHead, lang),
    },
    { key: 'age', title: t('性别/年龄', 'Sex/age'), render: (_, p) => age(p) },
    {
      key: 'idNumber',
      title: t('身份证号码', 'ID number'),
      render: (_, p) => <span className="num">{p.idNumber}</span>,
    },
    {
      key: 'ability',
      title: t('劳动能力', 'Labour ability'),
      render: (_, p) => codeLabel(labourAbility, p.labourAbility, lang),
    },
    {
      key: 'status',
      title: t('就业状态', 'Status'),
      render: (_, p) => <EmploymentTag status={p.employmentStatus} />,
    },
    {
      key: 'form',
      title: t('就业形式', 'Form'),
      render: (_, p) => codeLabel(employmentForm, p.employmentForm, lang),
    },
    {
      key: 'where',
      title: t('务工地域', 'Where'),
      render: (_, p) => codeLabel(workLocation, p.workLocation, lang),
    },
    {
      key: 'income',
      title: t('月收入', 'Monthly income'),
      align: 'right',
      render: (_, p) => <span className="num">{formatMoney(p.monthlyIncome, lang)}</span>,
    },
  ];
  return (
    <Table<Person>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={members}
      pagination={false}
      scroll={{ x: 900 }}
      data-testid="members"
    />
  );
}
