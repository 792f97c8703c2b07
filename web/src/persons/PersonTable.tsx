// The person list as a wide table (desktop): server-side paging and sorting bound to the URL.
import { Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { Link } from 'react-router-dom';
import {
  employmentForm,
  householdCategory,
  labourAbility,
  relocation,
  workLocation,
} from '../../../src/modules/registry/registry.codes';
import type { Page, PersonListItem } from '../api/types';
import { codeLabel, formatMoney, formatNumber, sexLabel } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { EmploymentTag } from './EmploymentTag';
import { type PersonListQuery, type PersonSort, pageSizes } from './listQuery';

interface Props {
  page: Page<PersonListItem> | undefined;
  query: PersonListQuery;
  loading: boolean;
  onChange: (changes: Record<string, string | number | null>) => void;
  linkTo: (id: number) => string;
}

export function PersonTable({ page, query, loading, onChange, linkTo }: Props) {
  const { lang, t } = useLang();
  const sortOrder = (key: PersonSort) =>
    query.sort === key ? (query.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null;
  const columns: TableColumnsType<PersonListItem> = [
    {
      key: 'name',
      title: t('姓名', 'Name'),
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: 'left',
      width: 90,
      render: (_, p) => <Link to={linkTo(p.id)}>{p.name}</Link>,
    },
    {
      key: 'idNumber',
      title: t('身份证号码', 'ID number'),
      dataIndex: 'idNumber',
      sorter: true,
      sortOrder: sortOrder('idNumber'),
      width: 170,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'birthDate',
      title: t('性别/年龄', 'Sex/age'),
      sorter: true,
      sortOrder: sortOrder('birthDate'),
      width: 100,
      render: (_, p) => `${sexLabel(p.sex, lang)} ${p.age}${lang === 'zh' ? '岁' : ''}`,
    },
    {
      key: 'villageCode',
      title: t('所在村', 'Village'),
      dataIndex: 'villageName',
      sorter: true,
      sortOrder: sortOrder('villageCode'),
      width: 130,
      ellipsis: true,
    },
    {
      key: 'labourAbility',
      title: t('劳动能力', 'Labour ability'),
      width: 110,
      render: (_, p) => codeLabel(labourAbility, p.labourAbility, lang),
    },
    {
      key: 'employmentStatus',
      title: t('就业状态', 'Status'),
      width: 90,
      render: (_, p) => <EmploymentTag status={p.employmentStatus} />,
    },
    {
      key: 'employmentForm',
      title: t('就业形式', 'Form'),
      width: 100,
      render: (_, p) => codeLabel(employmentForm, p.employmentForm, lang),
    },
    {
      key: 'where',
      title: t('务工地域/地点', 'Where'),
      width: 220,
      ellipsis: true,
      render: (_, p) =>
        p.workLocation
          ? `${codeLabel(workLocation, p.workLocation, lang)}${p.workplace ? ` · ${p.workplace}` : ''}`
          : '—',
    },
    {
      key: 'monthlyIncome',
      title: t('月收入', 'Monthly income'),
      align: 'right',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('monthlyIncome'),
      render: (_, p) => <span className="num">{formatMoney(p.monthlyIncome, lang)}</span>,
    },
    {
      key: 'relocation',
      title: t('易地搬迁', 'Relocation'),
      width: 100,
      render: (_, p) => codeLabel(relocation, p.relocation, lang),
    },
    {
      key: 'category',
      title: t('帮扶对象类别', 'Category'),
      width: 130,
      render: (_, p) => codeLabel(householdCategory, p.category, lang),
    },
  ];

  const pagination: TablePaginationConfig = {
    current: query.page,
    pageSize: query.pageSize,
    total: page?.total ?? 0,
    pageSizeOptions: pageSizes,
    showSizeChanger: true,
    showTotal: (total) => t(`共 ${formatNumber(total)} 人`, `${formatNumber(total)} people`),
  };

  return (
    <Table<PersonListItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={page?.items ?? []}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 1270 }}
      data-testid="person-table"
      onChange={(p, _filters, sorter) => {
        const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<PersonListItem> | undefined;
        const sort = s?.order ? String(s.columnKey) : null;
        const sameSort =
          sort === (query.sort ?? null) && (s?.order === 'descend') === (query.order === 'desc');
        const page = sameSort && p.pageSize === query.pageSize ? (p.current ?? 1) : 1;
        const pageSize = p.pageSize ?? query.pageSize;
        onChange({
          sort,
          order: s?.order === 'descend' ? 'desc' : s?.order ? 'asc' : null,
          page: page > 1 ? page : null,
          pageSize: pageSize !== 20 ? pageSize : null,
        });
      }}
    />
  );
}
