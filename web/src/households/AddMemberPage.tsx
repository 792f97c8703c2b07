// 添加成员: a new person in an existing household, checked like every person form; the relation
// is checked against the members already there (one head, one spouse).
import { App, Card, Form, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { households, persons } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { clearDraft, readDraft, writeDraft } from '../common/drafts';
import { FormFooter } from '../common/FormFooter';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { SaveProblem } from '../common/SaveProblem';
import { useSave } from '../common/useSave';
import { useLang } from '../i18n/lang';
import { PersonFields } from '../persons/form/PersonFields';
import { emptyPerson, type PersonFormValues, toPayload } from '../persons/form/personValues';
import { relationRule } from './memberRules';
import '../persons/persons.css';

export function AddMemberPage() {
  const householdId = Number(useParams().id);
  const draftKey = `bangfu.draft.member.${householdId}`;
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PersonFormValues>();
  const { saving, problem, warnInvalid, send } = useSave(form);
  const household = useApi((signal) => households.get(householdId, signal), [householdId]);
  const h = household.data?.id === householdId ? household.data : undefined;
  const existing = useMemo(() => h?.members.map((m) => m.relationToHead) ?? [], [h]);
  const initial = useMemo(
    () =>
      readDraft<PersonFormValues>(draftKey) ??
      emptyPerson({ relationToHead: existing.includes('head') ? undefined : 'head' }),
    [draftKey, existing],
  );

  async function save() {
    const created = await send(() =>
      persons.create({ ...toPayload(form.getFieldsValue(true)), householdId }),
    );
    if (!created) return;
    clearDraft(draftKey);
    message.success(t(`已添加 ${created.name}`, `${created.name} added`));
    navigate(`/households/${householdId}`);
  }

  return (
    <div data-testid="add-member">
      <PageTitle
        title={
          h
            ? `${t('添加成员', 'Add member')} · ${t('家庭', 'household')} ${h.householdNo}`
            : t('添加成员', 'Add member')
        }
      />
      {household.error && <LoadError error={household.error} onRetry={household.reload} />}
      {!h && household.loading && <Skeleton active paragraph={{ rows: 12 }} />}
      {problem && <SaveProblem error={problem} />}
      {h && (
        <Form<PersonFormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onValuesChange={() => writeDraft(draftKey, form.getFieldsValue(true))}
          onFinish={save}
          onFinishFailed={warnInvalid}
        >
          <Card className="form-card">
            <PersonFields
              relationRules={[relationRule(lang, (f) => [f.getFieldValue('relationToHead')], 0, existing)]}
            />
          </Card>
          <FormFooter
            saving={saving}
            onCancel={() => {
              clearDraft(draftKey);
              navigate(`/households/${householdId}`);
            }}
          />
        </Form>
      )}
    </div>
  );
}
