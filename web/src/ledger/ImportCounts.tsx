// The counts of a check or an import: rows read, created, updated, unchanged, refused, and any
// further figure the import has (villages of a follow-up sheet); a note below (households).
import { Card, Statistic } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { formatNumber } from '../i18n/format';
import { useLang } from '../i18n/lang';
import type { ImportCounts as Counts } from './ledgerTypes';

interface Props {
  counts: Counts;
  /** The import ran (else: what it would do). */
  done: boolean;
  extra?: { key: string; label: string; value: number }[];
  note?: ReactNode;
}

export function ImportCounts({ counts, done, extra = [], note }: Props) {
  const { t } = useLang();
  const items: { key: string; label: string; value: number; color?: string | undefined }[] = [
    { key: 'rows', label: t('数据行', 'Data rows'), value: counts.rows },
    {
      key: 'created',
      label: done ? t('已新增', 'Created') : t('将新增', 'Will create'),
      value: counts.created,
      color: '#237804',
    },
    {
      key: 'updated',
      label: done ? t('已更新', 'Updated') : t('将更新', 'Will update'),
      value: counts.updated,
      color: '#1d5fb8',
    },
    { key: 'unchanged', label: t('无变化', 'Unchanged'), value: counts.unchanged },
    {
      key: 'rejected',
      label: done ? t('未导入', 'Rejected') : t('不能导入', 'Rejected'),
      value: counts.rejected,
      color: counts.rejected ? '#b7242a' : undefined,
    },
    ...extra,
  ];
  return (
    <div>
      <div className="ledger-counts" style={{ '--counts': items.length } as CSSProperties}>
        {items.map((item) => (
          <Card size="small" key={item.key} data-testid={`count-${item.key}`}>
            <Statistic
              title={item.label}
              value={item.value}
              formatter={(v) => formatNumber(Number(v))}
              styles={{ content: item.color ? { color: item.color } : undefined }}
            />
          </Card>
        ))}
      </div>
      {note && <div className="ledger-hint">{note}</div>}
    </div>
  );
}
