// 人员台账: people of the selected region, searched, filtered, sorted and paged by the server, with
// every choice in the URL. A wide table on desktop, compact cards on phones.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { Link } from 'react-router-dom';
import { persons } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { useQueryParams } from '../common/useQueryParams';
import { useLang } from '../i18n/lang';
import { ExportButton } from '../ledger/ExportButton';
import { useRegion } from '../region/RegionContext';
import { readPersonQuery } from './listQuery';
import { PersonCards } from './PersonCards';
import { PersonFilters } from './PersonFilters';
import { PersonTable } from './PersonTable';
import './persons.css';

export function PersonListPage() {
  const { t } = useLang();
  const { can } = useAuth();
  const phone = useIsPhone();
  const { code, region } = useRegion();
  const { params, update } = useQueryParams();
  const query = readPersonQuery(params);
  const apiQuery = { ...query, region: code };
  const key = JSON.stringify(apiQuery);
  const { data, error, loading, reload } = useApi((signal) => persons.search(apiQuery, signal), [key]);
  const linkTo = (id: number) => `/persons/${id}`;

  return (
    <div data-testid="person-list">
      <PageTitle
        title={`${t('人员台账', 'People')}${region ? ` · ${region.name}` : ''}`}
        extra={
          <Flex wrap gap={8}>
            <ExportButton
              path="/ledger/export/persons.xlsx"
              query={apiQuery}
              label={t('导出', 'Export')}
              fileName="人员名单.xlsx"
              testId="export-persons"
            />
            {can('registry.write') && (
              <Link to={`/households/new?region=${code}`}>
                <Button icon={<PlusOutlined />}>{t('新增家庭', 'New household')}</Button>
              </Link>
            )}
          </Flex>
        }
      />
      <PersonFilters query={query} update={update} />
      {error && <LoadError error={error} onRetry={reload} />}
      {phone ? (
        <PersonCards
          page={data}
          query={query}
          loading={loading}
          onPage={(page) => update({ page }, { keepPage: true })}
          linkTo={linkTo}
        />
      ) : (
        <PersonTable page={data} query={query} loading={loading} onChange={update} linkTo={linkTo} />
      )}
    </div>
  );
}
