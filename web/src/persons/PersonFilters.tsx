// Search and filters of the person list, bound to the URL. On phones the code filters fold into a
// bottom drawer so the search box keeps the whole width.
import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useIsPhone } from '../common/useIsPhone';
import { codeOptions } from '../i18n/format';
import { useLang } from '../i18n/lang';
import {
  activeFilterCount,
  type PersonCodeFilter,
  type PersonListQuery,
  personCodeFilters,
} from './listQuery';

type Update = (changes: Record<string, string | null | undefined>) => void;

function CodeSelects({
  query,
  update,
  vertical,
}: {
  query: PersonListQuery;
  update: Update;
  vertical: boolean;
}) {
  const { lang, t } = useLang();
  const labels: Record<PersonCodeFilter, string> = {
    employmentStatus: t('就业状态', 'Employment status'),
    employmentForm: t('就业形式', 'Form of employment'),
    workLocation: t('务工地域', 'Work location'),
    labourAbility: t('劳动能力', 'Labour ability'),
    category: t('帮扶对象类别', 'Category'),
    relocation: t('易地搬迁', 'Relocation'),
  };
  const width = vertical ? '100%' : 150;
  return (
    <>
      <Select
        allowClear
        style={{ width }}
        placeholder={t('劳动力', 'Labourers')}
        value={query.labourers}
        onChange={(value) => update({ labourers: value })}
        options={[
          { value: 'true', label: t('仅劳动力', 'Labourers only') },
          { value: 'false', label: t('非劳动力', 'Not labourers') },
        ]}
        aria-label={t('劳动力', 'Labourers')}
        data-testid="filter-labourers"
      />
      {(Object.keys(personCodeFilters) as PersonCodeFilter[]).map((key) => (
        <Select
          key={key}
          allowClear
          style={{ width }}
          placeholder={labels[key]}
          value={query[key]}
          onChange={(value) => update({ [key]: value })}
          options={codeOptions(personCodeFilters[key], lang)}
          aria-label={labels[key]}
          data-testid={`filter-${key}`}
          popupMatchSelectWidth={false}
        />
      ))}
    </>
  );
}

export function PersonFilters({ query, update }: { query: PersonListQuery; update: Update }) {
  const { t } = useLang();
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);
  const count = activeFilterCount(query) - (query.q ? 1 : 0);
  const clear = () =>
    update(Object.fromEntries([...Object.keys(personCodeFilters), 'labourers', 'q'].map((k) => [k, null])));

  const search = (
    <Input.Search
      key={query.q ?? ''}
      defaultValue={query.q}
      allowClear
      enterButton
      maxLength={30}
      placeholder={t('姓名或身份证号码', 'Name or ID number')}
      onSearch={(value) => update({ q: value.trim() || null })}
      style={{ width: phone ? '100%' : 280 }}
      aria-label={t('查找人员', 'Find a person')}
      data-testid="person-search"
    />
  );

  if (phone) {
    return (
      <div style={{ marginBottom: 12 }}>
        <Flex gap={8}>
          {search}
          <Badge count={count} size="small">
            <Button
              icon={<FilterOutlined />}
              onClick={() => setOpen(true)}
              aria-label={t('筛选', 'Filters')}
            />
          </Badge>
        </Flex>
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="bottom"
          size="auto"
          title={t('筛选', 'Filters')}
          extra={
            <Button type="link" onClick={clear}>
              {t('清除', 'Clear')}
            </Button>
          }
        >
          <Flex vertical gap={10}>
            <CodeSelects query={query} update={update} vertical />
            <Button type="primary" block onClick={() => setOpen(false)}>
              {t('完成', 'Done')}
            </Button>
          </Flex>
        </Drawer>
      </div>
    );
  }
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      {search}
      <CodeSelects query={query} update={update} vertical={false} />
      {activeFilterCount(query) > 0 && (
        <Button type="link" onClick={clear}>
          {t('清除筛选', 'Clear filters')}
        </Button>
      )}
    </Flex>
  );
}
