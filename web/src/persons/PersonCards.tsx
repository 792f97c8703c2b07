// The person list on a phone: one compact card per person, tapped to open.
import { Card, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { employmentForm, workLocation } from '../../../src/modules/registry/registry.codes';
import type { Page, PersonListItem } from '../api/types';
import { codeLabel, formatNumber, sexLabel } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { EmploymentTag } from './EmploymentTag';
import type { PersonListQuery } from './listQuery';

interface Props {
  page: Page<PersonListItem> | undefined;
  query: PersonListQuery;
  loading: boolean;
  onPage: (page: number) => void;
  linkTo: (id: number) => string;
}

export function PersonCards({ page, query, loading, onPage, linkTo }: Props) {
  const { lang, t } = useLang();
  if (!page) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  if (page.items.length === 0) return <Empty description={t('没有符合条件的人员', 'No one matches')} />;
  return (
    <Spin spinning={loading}>
      <Typography.Text type="secondary">
        {t(`共 ${formatNumber(page.total)} 人`, `${formatNumber(page.total)} people`)}
      </Typography.Text>
      <Flex vertical gap={8} style={{ marginTop: 8 }} data-testid="person-cards">
        {page.items.map((p) => (
          <Link key={p.id} to={linkTo(p.id)} className="person-card-link">
            <Card size="small" hoverable>
              <Flex justify="space-between" align="center" gap={8}>
                <span className="person-card-name">{p.name}</span>
                <EmploymentTag status={p.employmentStatus} />
              </Flex>
              <div className="person-card-line">
                {sexLabel(p.sex, lang)} · {p.age}
                {lang === 'zh' ? '岁' : ''} · <span className="num">{p.idNumber}</span>
              </div>
              <div className="person-card-line">
                {p.villageName}
                {p.employmentForm &&
                  ` · ${codeLabel(employmentForm, p.employmentForm, lang)} · ${codeLabel(workLocation, p.workLocation, lang)}`}
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
        total={page.total}
        onChange={onPage}
      />
    </Spin>
  );
}
