// Moves a warning on (new → being handled → resolved; a resolved one may be taken up again) with a
// note of what was done, e.g. 已电话联系，推荐到帮扶车间. The server checks the step and records who and when.
import { Alert, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import {
  canMoveWarning,
  type WarningState,
  warningStates,
} from '../../../src/modules/monitoring/monitoring.rules';
import { warningRule, warningState } from '../../../src/modules/stats/stats.codes';
import { ApiError } from '../api/client';
import { codeLabel } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { statsApi, type Warning } from '../stats/statsApi';

export function MoveWarning({
  warning,
  onClose,
  onMoved,
}: {
  warning: Warning | undefined;
  onClose: () => void;
  onMoved: () => void;
}) {
  const { lang, t } = useLang();
  const [to, setTo] = useState<WarningState>('handling');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const allowed = warning ? warningStates.filter((s) => canMoveWarning(warning.state, s)) : [];

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset for each warning opened
  useEffect(() => {
    if (!warning) return;
    setTo(allowed[0] ?? 'handling');
    setNote(warning.note ?? '');
    setProblem(undefined);
  }, [warning]);

  const save = async () => {
    if (!warning) return;
    setSaving(true);
    setProblem(undefined);
    try {
      await statsApi.moveWarning(warning.id, to, note.trim() || null);
      onMoved();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.title : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={warning !== undefined}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ 'data-testid': 'save-warning' }}
      title={
        warning &&
        `${warning.personName ?? `${t('户', 'Household')} ${warning.householdNo}`} · ${codeLabel(warningRule, warning.rule, lang)}`
      }
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Radio.Group
        value={to}
        onChange={(e) => setTo(e.target.value)}
        options={allowed.map((s) => ({ value: s, label: codeLabel(warningState, s, lang) }))}
        optionType="button"
        style={{ marginBottom: 12 }}
        aria-label={t('改为', 'Move to')}
      />
      <Input.TextArea
        rows={3}
        maxLength={500}
        showCount
        value={note}
        onChange={(e) => setNote(e.target.value)}
        aria-label={t('处理说明', 'Note')}
        placeholder={t(
          '处理说明，如：已电话联系，推荐到帮扶车间',
          'What was done, e.g. called, offered a workshop job',
        )}
        data-testid="warning-note"
      />
    </Modal>
  );
}
