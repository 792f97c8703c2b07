// A village month's people on a phone: one card per person with a tick box for "no change" (people
// not yet followed up), last month and this month one under the other, tapped to record or edit.
import { Card, Checkbox, Empty, Flex, Pagination, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { changedSinceLastMonth, EmploymentSummary } from './EmploymentSummary';
import type { VillageMonthPerson } from './monitoringApi';

interface Props {
  people: VillageMonthPerson[];
  selected: number[];
  onSelect: ((ids: number[]) => void) | null;
  onOpen: (person: VillageMonthPerson) => void;
}

const pageSize = 30;

export function PeopleCards({ people, selected, onSelect, onOpen }: Props) {
  const { t } = useLang();
  const [page, setPage] = useState(1);
  if (people.length === 0) return <Empty description={t('没有符合条件的人员', 'No one matches')} />;
  const shown = people.slice((page - 1) * pageSize, page * pageSize);
  const toggle = (id: number, on: boolean) =>
    onSelect?.(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <>
      <Flex vertical gap={8} data-testid="month-people">
        {shown.map((p) => (
          <Card key={p.id} size="small" className="follow-up-card" onClick={() => onOpen(p)}>
            <Flex gap={10} align="flex-start">
              {onSelect && (
                // A tick is its own tap, not an opening of the person.
                // biome-ignore lint/a11y/noStaticElementInteractions: stops the card's click only
                // biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox inside takes the keys
                <span onClick={(e) => e.stopPropagation()} className="follow-up-card-check">
                  <Checkbox
                    checked={selected.includes(p.id)}
                    disabled={p.record !== null}
                    onChange={(e) => toggle(p.id, e.target.checked)}
                    aria-label={`${t('选择', 'Select')} ${p.name}`}
                  />
                </span>
              )}
              <div className="follow-up-card-body">
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  {p.record ? (
                    changedSinceLastMonth(p.record, p.lastMonth) ? (
                      <Tag color="blue">{t('有变化', 'Changed')}</Tag>
                    ) : (
                      <Tag color="green">{t('已回访', 'Done')}</Tag>
                    )
                  ) : (
                    <Tag color="orange">{t('未回访', 'Not followed up')}</Tag>
                  )}
                </Flex>
                <div className="follow-up-card-line">
                  <span className="muted">{t('上月', 'Last')}：</span>
                  {p.lastMonth ? <EmploymentSummary record={p.lastMonth} /> : t('无记录', 'No record')}
                </div>
                {p.record && (
                  <div className="follow-up-card-line">
                    <span className="muted">{t('本月', 'Now')}：</span>
                    <EmploymentSummary record={p.record} />
                  </div>
                )}
                {p.record && (
                  <div className="follow-up-card-line muted">
                    {p.record.recordedBy ?? '—'} · {formatDateTime(p.record.recordedAt)}
                  </div>
                )}
              </div>
            </Flex>
          </Card>
        ))}
      </Flex>
      {people.length > pageSize && (
        <Pagination
          simple
          style={{ marginTop: 12, justifyContent: 'center' }}
          current={page}
          pageSize={pageSize}
          total={people.length}
          onChange={setPage}
        />
      )}
    </>
  );
}
