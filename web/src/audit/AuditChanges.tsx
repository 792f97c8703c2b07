// What one recorded change did, field by field: before → after (ID and phone masked by the server).
// Shown in a person's history and in the audit log.
import { fieldLabel } from '../../../src/shared/i18n';
import type { HistoryEvent } from '../api/types';
import { useLang } from '../i18n/lang';
import { formatFieldValue } from '../persons/fieldValue';

export function AuditChanges({ event }: { event: HistoryEvent }) {
  const { lang } = useLang();
  // A creation records the whole new record, not a change.
  if (!event.before) return null;
  const fields = Object.keys({ ...event.before, ...(event.after ?? {}) });
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
