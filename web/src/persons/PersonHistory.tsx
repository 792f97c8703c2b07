// 修改记录: the person's change history from the audit log, newest first, each change as
// field: before → after (ID and phone masked by the server).
import { Card, Empty, Timeline, Typography } from 'antd';
import { auditAction } from '../../../src/modules/access/access.codes';
import type { HistoryEvent } from '../api/types';
import { AuditChanges } from '../audit/AuditChanges';
import { codeLabel, formatDateTime } from '../i18n/format';
import { useLang } from '../i18n/lang';

const actionColors: Record<string, string> = {
  'person.create': 'green',
  'person.update': 'blue',
  'person.delete': 'red',
};

export function PersonHistory({ events }: { events: HistoryEvent[] }) {
  const { lang, t } = useLang();
  return (
    <Card size="small" title={t('修改记录', 'Change history')} data-testid="person-history">
      {events.length === 0 ? (
        <Empty description={t('暂无修改记录', 'No changes yet')} />
      ) : (
        <Timeline
          items={events.map((event) => {
            return {
              key: event.id,
              color: actionColors[event.action] ?? 'gray',
              content: (
                <div>
                  <div className="num history-at">{formatDateTime(event.at)}</div>
                  <strong>{codeLabel(auditAction, event.action, lang)}</strong>
                  <Typography.Text type="secondary">
                    {' · '}
                    {event.actorName ?? event.actorUsername ?? t('系统', 'system')}
                  </Typography.Text>
                  {event.note && <div>{event.note}</div>}
                  <AuditChanges event={event} />
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
