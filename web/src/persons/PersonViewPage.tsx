// 人员详情: every field of one person, a link to the household, the audited reveal for roles that
// may, and the change history.
import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { persons } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { useLang } from '../i18n/lang';
import { PersonDetails } from './PersonDetails';
import { PersonHistory } from './PersonHistory';
import { RevealButton } from './RevealButton';
import './persons.css';

export function PersonViewPage() {
  const id = Number(useParams().id);
  const { t } = useLang();
  const { can } = useAuth();
  const phone = useIsPhone();
  const [revealed, setRevealed] = useState<{ id: number; idNumber: string; phone: string | null }>();
  const person = useApi((signal) => persons.get(id, signal), [id]);
  const history = useApi(
    (signal) => (can('audit.read') ? persons.history(id, signal) : Promise.resolve([])),
    [id, revealed],
  );
  const p = person.data?.id === id ? person.data : undefined;

  return (
    <div data-testid="person-view">
      <PageTitle
        title={p ? p.name : t('人员详情', 'Person')}
        extra={
          p && (
            <Flex gap={8} wrap>
              {can('registry.write') && (
                <Link to={`/persons/${id}/edit`}>
                  <Button type="primary" icon={<EditOutlined />} data-testid="edit-person">
                    {t('修改', 'Edit')}
                  </Button>
                </Link>
              )}
              <Link to={`/households/${p.householdId}`}>
                <Button icon={<TeamOutlined />}>{t('家庭', 'Household')}</Button>
              </Link>
              {can('pii.reveal') && revealed?.id !== id && (
                <RevealButton personId={id} onRevealed={(values) => setRevealed({ ...values, id })} />
              )}
            </Flex>
          )
        }
      />
      {person.error && <LoadError error={person.error} onRetry={person.reload} />}
      {!p && person.loading && <Skeleton active paragraph={{ rows: 10 }} />}
      {p && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={can('audit.read') ? 16 : 24}>
            <PersonDetails person={p} revealed={revealed?.id === id ? revealed : undefined} phone={phone} />
          </Col>
          {can('audit.read') && (
            <Col xs={24} xl={8}>
              {history.error && <LoadError error={history.error} onRetry={history.reload} />}
              {history.data && <PersonHistory events={history.data} />}
            </Col>
          )}
        </Row>
      )}
    </div>
  );
}
