// 家庭台账: households of the selected region, with filters (incl. 零就业家庭) in the URL.
import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Pagination,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { Link } from 'react-router-dom';
import { householdCategory, monitoringType, relocation } from '../../../src/modules/registry/registry.codes';
import { households } from '../api/endpoints';
import type { Household } from '../api/types';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { useQueryParams } from '../common/useQueryParams';
import { codeLabel, codeOptions, formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { ExportButton } from '../ledger/ExportButton';
import { pageSizes } from '../persons/listQuery';
import { useRegion } from '../region/RegionContext';
import { readHouseholdQuery } from './listQuery';
import '../persons/persons.css';

export function HouseholdListPage() {
  const { lang, t } = useLang();
  const { can } = useAuth();
  const phone = useIsPhone();
  const { code, region } = useRegion();
  const { params, update } = useQueryParams();
  const query = readHouseholdQuery(params);
  const apiQuery = { ...query, region: code };
  const { data, error, loading, reload } = useApi(
    (signal) => households.search(apiQuery, signal),
    [JSON.stringify(apiQuery)],
  );
  const total = t(`共 ${formatNumber(data?.total ?? 0)} 户`, `${formatNumber(data?.total ?? 0)} households`);

  const columns: TableColumnsType<Household> = [
    {
      key: 'no',
      title: t('户编号', 'Household no.'),
      render: (_, h) => (
        <Link to={`/households/${h.id}`} className="num">
          {h.householdNo}
        </Link>
      ),
    },
    { key: 'head', title: t('户主', 'Head'), render: (_, h) => h.headName ?? '—' },
    {
      key: 'members',
      title: t('人口', 'Members'),
      align: 'right',
      render: (_, h) => formatNumber(h.memberCount),
    },
    { key: 'village', title: t('所在村', 'Village'), render: (_, h) => h.villageName },
    {
      key: 'category',
      title: t('帮扶对象类别', 'Category'),
      render: (_, h) =>
        h.category === 'monitored'
          ? `${codeLabel(householdCategory, h.category, lang)}（${codeLabel(monitoringType, h.monitoringType, lang)}）`
          : codeLabel(householdCategory, h.category, lang),
    },
    {
      key: 'relocation',
      title: t('易地搬迁', 'Relocation'),
      render: (_, h) => codeLabel(relocation, h.relocation, lang),
    },
    { key: 'address', title: t('住址', 'Address'), render: (_, h) => h.address ?? '—' },
  ];

  return (
    <div data-testid="household-list">
      <PageTitle
        title={`${t('家庭台账', 'Households')}${region ? ` · ${region.name}` : ''}`}
        extra={
          <Flex wrap gap={8}>
            <ExportButton
              path="/ledger/export/households.xlsx"
              query={apiQuery}
              label={t('导出', 'Export')}
              fileName="家庭名单.xlsx"
              testId="export-households"
            />
            {can('registry.write') && (
              <Link to={`/households/new?region=${code}`}>
                <Button icon={<PlusOutlined />}>{t('新增家庭', 'New household')}</Button>
              </Link>
            )}
          </Flex>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          key={query.q ?? ''}
          defaultValue={query.q}
          allowClear
          enterButton
          maxLength={40}
          placeholder={t('户编号或成员姓名', 'Household no. or member name')}
          onSearch={(value) => update({ q: value.trim() || null })}
          style={{ width: phone ? '100%' : 260 }}
        />
        <Select
          allowClear
          style={{ width: phone ? 'calc(50% - 4px)' : 170 }}
          placeholder={t('帮扶对象类别', 'Category')}
          value={query.category}
          onChange={(value) => update({ category: value })}
          options={codeOptions(householdCategory, lang)}
        />
        <Select
          allowClear
          style={{ width: phone ? 'calc(50% - 4px)' : 150 }}
          placeholder={t('易地搬迁', 'Relocation')}
          value={query.relocation}
          onChange={(value) => update({ relocation: value })}
          options={codeOptions(relocation, lang)}
        />
        <Checkbox
          checked={query.zeroEmployment === 'true'}
          onChange={(e) => update({ zeroEmployment: e.target.checked ? 'true' : null })}
          style={{ alignSelf: 'center' }}
          data-testid="filter-zeroEmployment"
        >
          {t('仅零就业家庭', 'Zero-employment only')}
        </Checkbox>
      </Flex>
      {query.relocated && (
        <Tag color="blue" closable onClose={() => update({ relocated: null })} style={{ marginBottom: 8 }}>
          {t('易地搬迁户（集中安置与分散安置）', 'Relocated households (centralized and dispersed)')}
        </Tag>
      )}
      {query.zeroEmployment && (
        <Tag color="red" style={{ marginBottom: 8 }}>
          {t('零就业家庭：有劳动力但无人就业', 'Zero-employment: labourers, nobody employed')}
        </Tag>
      )}
      {error && <LoadError error={error} onRetry={reload} />}
      {phone ? (
        <>
          <div style={{ color: 'rgba(0,0,0,.45)' }}>{total}</div>
          <Flex vertical gap={8} style={{ marginTop: 8 }}>
            {(data?.items ?? []).map((h) => (
              <Link key={h.id} to={`/households/${h.id}`} className="person-card-link">
                <Card size="small" hoverable>
                  <span className="person-card-name">{h.headName ?? '—'}</span>{' '}
                  <span className="num">{h.householdNo}</span>
                  <div className="person-card-line">
                    {h.villageName} · {formatNumber(h.memberCount)} {t('人', 'people')} ·{' '}
                    {codeLabel(householdCategory, h.category, lang)}
                  </div>
                </Card>
              </Link>
            ))}
          </Flex>
          <Pagination
            simple
            style={{ marginTop: 12, justifyContent: 'center' }}
            current={query.page}
            pageSize={query.pageSize}
            total={data?.total ?? 0}
            onChange={(page) => update({ page }, { keepPage: true })}
          />
        </>
      ) : (
        <Table<Household>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 900 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: pageSizes,
            showSizeChanger: true,
            showTotal: () => total,
          }}
          onChange={(p) =>
            update(
              {
                page: (p.current ?? 1) > 1 && p.pageSize === query.pageSize ? (p.current ?? 1) : null,
                pageSize: p.pageSize && p.pageSize !== 20 ? p.pageSize : null,
              },
              { keepPage: true },
            )
          }
        />
      )}
    </div>
  );
}
