// 家庭详情: the household's facts and all its members.
import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, type DescriptionsProps, Skeleton, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { householdCategory, monitoringType, relocation } from '../../../src/modules/registry/registry.codes';
import { households } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { codeLabel, formatDateTime, formatNumber, yesNo } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { MembersTable } from './MembersTable';
import '../persons/persons.css';

export function HouseholdViewPage() {
  const id = Number(useParams().id);
  const { lang, t } = useLang();
  const { can } = useAuth();
  const phone = useIsPhone();
  const { data, error, loading, reload } = useApi((signal) => households.get(id, signal), [id]);
  const h = data?.id === id ? data : undefined;
  const head = h?.members.find((m) => m.relationToHead === 'head');
  const labourers = h?.members.filter((m) => m.isLabourer).length ?? 0;
  const employed = h?.members.filter((m) => m.employmentStatus === 'employed').length ?? 0;

  const items: DescriptionsProps['items'] = h && [
    {
      key: 'no',
      label: t('户编号', 'Household no.'),
      children: <span className="num">{h.householdNo}</span>,
    },
    { key: 'village', label: t('所在村', 'Village'), children: h.villageName ?? h.villageCode },
    {
      key: 'category',
      label: t('帮扶对象类别', 'Category'),
      children: codeLabel(householdCategory, h.category, lang),
    },
    ...(h.category === 'monitored'
      ? [
          {
            key: 'mt',
            label: t('监测对象类型', 'Monitoring type'),
            children: codeLabel(monitoringType, h.monitoringType, lang),
          },
        ]
      : []),
    {
      key: 'relocation',
      label: t('易地搬迁', 'Relocation'),
      children: codeLabel(relocation, h.relocation, lang),
    },
    ...(h.relocation !== 'none'
      ? [{ key: 'site', label: t('安置点', 'Resettlement site'), children: h.resettlementSite ?? '—' }]
      : []),
    { key: 'address', label: t('住址', 'Address'), children: h.address ?? '—' },
    {
      key: 'key',
      label: t('重点帮扶县', 'Key assistance county'),
      children: yesNo(h.keyAssistanceCounty, lang),
    },
    {
      key: 'members',
      label: t('家庭人口', 'Members'),
      children: (
        <span>
          {t(
            `${formatNumber(h.members.length)} 人，劳动力 ${labourers} 人，已就业 ${employed} 人`,
            `${h.members.length} people, ${labourers} labourers, ${employed} employed`,
          )}{' '}
          {labourers > 0 && employed === 0 && <Tag color="red">{t('零就业家庭', 'Zero-employment')}</Tag>}
        </span>
      ),
    },
    { key: 'created', label: t('登记时间', 'Registered'), children: formatDateTime(h.createdAt) },
  ];

  return (
    <div data-testid="household-view">
      <PageTitle
        title={
          h
            ? `${t('家庭', 'Household')} ${h.householdNo}${head ? ` · ${t('户主', 'head')} ${head.name}` : ''}`
            : t('家庭详情', 'Household')
        }
        extra={
          h &&
          can('registry.write') && (
            <Link to={`/households/${id}/members/new`}>
              <Button type="primary" icon={<UserAddOutlined />}>
                {t('添加成员', 'Add member')}
              </Button>
            </Link>
          )
        }
      />
      {error && <LoadError error={error} onRetry={reload} />}
      {!h && loading && <Skeleton active paragraph={{ rows: 8 }} />}
      {h && (
        <>
          <Descriptions
            bordered
            size="small"
            column={phone ? 1 : { xs: 1, sm: 2, lg: 3 }}
            items={items}
            style={{ marginBottom: 16 }}
          />
          <Card size="small" title={t('家庭成员', 'Members')}>
            <MembersTable members={h.members} />
          </Card>
        </>
      )}
    </div>
  );
}
