// 月度回访: a village's month (the region selected, `?month=`). The clerk sees every person with last
// month beside this month, ticks those unchanged (or all not yet followed up) and confirms "no
// change" in one action, records the others one by one in a drawer, and submits; the town reviews
// the same screen. Above village level it lists the villages' months to open one.
import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Popconfirm, Segmented, Skeleton, Space, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { useUser } from '../auth/AuthContext';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { useIsPhone } from '../common/useIsPhone';
import { useQueryParams } from '../common/useQueryParams';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { useRegion } from '../region/RegionContext';
import { FollowUpDrawer } from './FollowUpDrawer';
import { FollowUpImportButton } from './FollowUpImportButton';
import { MonthPicker } from './MonthPicker';
import { MonthState } from './MonthState';
import { monitoringApi, type VillageMonth, type VillageMonthPerson } from './monitoringApi';
import { monthLabel, useReportingMonth } from './month';
import { PeopleCards } from './PeopleCards';
import { PeopleTable } from './PeopleTable';
import { monthPowers } from './powers';
import { VillageMonthTable } from './VillageMonthTable';
import './monitoring.css';

type Show = 'all' | 'todo' | 'done';

export function VillageMonthPage() {
  const { code, region } = useRegion();
  const month = useReportingMonth();
  if (!region) return <Skeleton active />;
  if (region.level !== 5) return <ChooseVillage regionCode={code} regionName={region.name} month={month} />;
  return <VillageMonthScreen key={`${code}:${month}`} village={code} month={month} />;
}

function ChooseVillage({
  regionCode,
  regionName,
  month,
}: {
  regionCode: string;
  regionName: string;
  month: string;
}) {
  const { lang, t } = useLang();
  const phone = useIsPhone();
  const { params, update } = useQueryParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const loaded = useApi(
    (signal) => monitoringApi.villageMonths({ region: regionCode, month, page, pageSize: 20 }, signal),
    [regionCode, month, page],
  );
  return (
    <div data-testid="village-month-choose">
      <PageTitle
        title={`${regionName} · ${monthLabel(month, lang)} ${t('月度回访', 'monthly follow-up')}`}
        extra={<MonthPicker />}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t(
          '请选择一个村，查看或录入该村本月回访',
          "Choose a village to see or record its month's follow-ups",
        )}
      />
      {loaded.error && <LoadError error={loaded.error} onRetry={loaded.reload} />}
      <VillageMonthTable
        loaded={loaded}
        page={page}
        onPage={(p) => update({ page: p }, { keepPage: true })}
        phone={phone}
        testId="village-months"
      />
    </div>
  );
}

function VillageMonthScreen({ village, month }: { village: string; month: string }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const user = useUser();
  const { data, error, reload } = useApi(
    (signal) => monitoringApi.villageMonth(village, month, signal),
    [village, month],
  );
  const [selected, setSelected] = useState<number[]>([]);
  const [open, setOpen] = useState<VillageMonthPerson | null>(null);
  const [show, setShow] = useState<Show>('all');
  const [labourersOnly, setLabourersOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [confirming, setConfirming] = useState(false);

  const powers = monthPowers(user, data?.status ?? 'accepted');
  const shown = useMemo(
    () => filterPeople(data, show, labourersOnly, search),
    [data, show, labourersOnly, search],
  );
  const todo = data ? data.people.length - data.recorded : 0;

  async function confirm(personIds?: number[]) {
    setConfirming(true);
    try {
      const result = await monitoringApi.confirmUnchanged(village, month, personIds);
      message.success(t(`已确认 ${result.confirmed} 人无变化`, `${result.confirmed} confirmed as unchanged`));
      setSelected([]);
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.code !== 'auth.required') message.error(e.title);
    } finally {
      setConfirming(false);
    }
  }

  const bulkBar = powers.record && (
    <Flex wrap gap={8} className={phone ? 'bulk-bar bulk-bar-phone' : 'bulk-bar'}>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        disabled={selected.length === 0}
        loading={confirming}
        onClick={() => confirm(selected)}
        data-testid="confirm-selected"
      >
        {t(`选中的 ${selected.length} 人无变化`, `No change for ${selected.length} selected`)}
      </Button>
      <Popconfirm
        title={t(
          `确认其余 ${todo} 名未回访人员本月无变化？`,
          `Confirm no change for the other ${todo} not yet followed up?`,
        )}
        description={t(
          '将按台账现有就业情况记为本月回访',
          "Each is recorded with the registry's current employment",
        )}
        okText={t('确认', 'Confirm')}
        cancelText={t('取消', 'Cancel')}
        onConfirm={() => confirm()}
        disabled={todo === 0}
      >
        <Button disabled={todo === 0} data-testid="confirm-all">
          {t('未回访的全部无变化', 'No change for all not yet done')}
        </Button>
      </Popconfirm>
    </Flex>
  );

  const title = `${data?.village.name ?? ''} · ${monthLabel(month, lang)} ${t('月度回访', 'monthly follow-up')}`;
  return (
    <div data-testid="village-month" className={phone ? 'village-month phone' : 'village-month'}>
      <PageTitle
        title={title}
        extra={
          <Space wrap>
            {data && powers.record && (
              <FollowUpImportButton
                village={village}
                villageName={data.village.name}
                month={month}
                onImported={reload}
              />
            )}
            <MonthPicker />
          </Space>
        }
      />
      {error && <LoadError error={error} onRetry={reload} />}
      {!data && !error && <Skeleton active paragraph={{ rows: 10 }} />}
      {data && (
        <>
          <MonthState month={data} powers={powers} onChanged={reload} />
          <Flex wrap gap={8} align="center" justify="space-between" className="month-toolbar">
            <Space wrap>
              <Segmented<Show>
                value={show}
                onChange={setShow}
                options={[
                  { value: 'all', label: `${t('全部', 'All')} ${formatNumber(data.people.length)}` },
                  { value: 'todo', label: `${t('未回访', 'To do')} ${formatNumber(todo)}` },
                  { value: 'done', label: `${t('已回访', 'Done')} ${formatNumber(data.recorded)}` },
                ]}
                data-testid="show-filter"
              />
              <Space size={4}>
                <Switch
                  size="small"
                  checked={labourersOnly}
                  onChange={setLabourersOnly}
                  id="labourers-only"
                />
                <label htmlFor="labourers-only">{t('只看劳动力', 'Labourers only')}</label>
              </Space>
            </Space>
            <Input.Search
              allowClear
              placeholder={t('按姓名查找', 'Find by name')}
              style={{ width: phone ? '100%' : 220 }}
              onSearch={setSearch}
              onChange={(e) => !e.target.value && setSearch('')}
            />
          </Flex>
          {!phone && bulkBar}
          {phone ? (
            <PeopleCards
              people={shown}
              selected={selected}
              onSelect={powers.record ? setSelected : null}
              onOpen={setOpen}
            />
          ) : (
            <PeopleTable
              people={shown}
              selected={selected}
              onSelect={powers.record ? setSelected : null}
              onOpen={setOpen}
              editable={powers.record}
            />
          )}
          {phone && bulkBar}
          <FollowUpDrawer
            person={open}
            village={village}
            month={month}
            editable={powers.record}
            onClose={() => setOpen(null)}
            onSaved={() => {
              message.success(t('已保存本月回访', 'Follow-up saved'));
              setOpen(null);
              reload();
            }}
          />
        </>
      )}
    </div>
  );
}

function filterPeople(data: VillageMonth | undefined, show: Show, labourersOnly: boolean, search: string) {
  if (!data) return [];
  const q = search.trim();
  return data.people.filter(
    (p) =>
      (show === 'all' || (show === 'todo' ? p.record === null : p.record !== null)) &&
      (!labourersOnly || p.isLabourer) &&
      (!q || p.name.includes(q)),
  );
}
