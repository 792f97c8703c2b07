// 修改记录: the person's change history from the audit log, newest first, each change as
// field: before → after (ID and phone masked by the server).
import { Card, Empty, Timeline, Typography } from 'antd';
import { fieldLabel } from '../../../src/shared/i18n';
import type { HistoryEvent } from '../api/types';
import { formatDateTime } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { formatFieldValue } from './fieldValue';

const actionLabels: Record<string, { zh: string; en: string; color: string }> = {
  'person.create': { zh: '新增登记', en: 'Registered', color: 'green' },
  'person.update': { zh: '修改', en: 'Changed', color: 'blue' },
  'person.delete': { zh: '删除', en: 'Removed', color: 'red' },
  'person.reveal': { zh: '查看完整证件号和电话', en: 'Viewed full ID and phone', color: 'gray' },
};

function Changes({ event }: { event: HistoryEvent }) {
  const { lang } = useLang();
  if (event.action === 'person.create' || !event.before) return null;
  const fields = Object.keys({ ...(event.before ?? {}), ...(event.after ?? {}) });
  return (
    <ul className="history-changes">
      {fields.map((field) => (
        <li key={field}>
          <span className="history-field">{fieldLabel(field, lang)}</span>
          {lang === 'zh' ? '：' : ': '}
          <span className="history-before">{formatFieldValue(field, event.before?.[field], lang)}</span>
          {' → '}
          <span className="history-after">{formatFieldValue(field, event.after?.[field], lang)}</span>
        </li>
      ))}
    </ul>
  );
}

export function PersonHistory({ events }: { events: HistoryEvent[] }) {
  const { lang, t } = useLang();
  return (
    <Card size="small" title={t('修改记录', 'Change history')} data-testid="person-history">
      {events.length === 0 ? (
        <Empty description={t('暂无修改记录', 'No changes yet')} />
      ) : (
        <Timeline
          items={events.map((event) => {
            const action = actionLabels[event.action];
            return {
              key: event.id,
              color: action?.color ?? 'gray',
              content: (
                <div>
                  <div className="num history-at">{formatDateTime(event.at)}</div>
                  <strong>{action ? action[lang] : event.action}</strong>
                  <Typography.Text type="secondary">
                    {' · '}
                    {event.actorName ?? event.actorUsername ?? t('系统', 'system')}
                  </Typography.Text>
                  {event.note && <div>{event.note}</div>}
                  <Changes event={event} />
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
