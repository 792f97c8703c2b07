// 修改人员: the person's fields checked as they are typed; the save sends only what changed with
// the version read. A refusal keeps the input; a version conflict offers to load the latest record
// and keep the user's changes on top of it. Unsaved input survives an expired session (draft).
import { Alert, App, Card, Form, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { fieldLabel } from '../../../src/shared/i18n';
import { ApiError } from '../api/client';
import { persons } from '../api/endpoints';
import type { Person } from '../api/types';
import { clearDraft, readDraft, writeDraft } from '../common/drafts';
import { FormFooter } from '../common/FormFooter';
import { LoadError } from '../common/LoadError';
import { PageTitle } from '../common/PageTitle';
import { SaveProblem } from '../common/SaveProblem';
import { useSave } from '../common/useSave';
import { useLang } from '../i18n/lang';
import { PersonFields } from './form/PersonFields';
import { changedFields, diffValues, fromPerson, type PersonFormValues } from './form/personValues';
import './persons.css';

interface Draft {
  version: number;
  baseline: PersonFormValues;
  values: PersonFormValues;
}

export function PersonEditPage() {
  const id = Number(useParams().id);
  const draftKey = `bangfu.draft.person.${id}`;
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PersonFormValues>();
  const { saving, problem, setProblem, warnInvalid, send } = useSave(form);
  const [base, setBase] = useState<{ person: Person; values: PersonFormValues; initial: PersonFormValues }>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    const controller = new AbortController();
    persons
      .get(id, controller.signal)
      .then((person) => {
        const values = fromPerson(person);
        const draft = readDraft<Draft>(draftKey);
        const mine = draft ? diffValues(draft.baseline, draft.values) : {};
        if (Object.keys(mine).length > 0)
          setNotice(
            t('已恢复上次未保存的修改，请核对后保存', 'Your unsaved changes were restored; check and save'),
          );
        setBase({ person, values, initial: { ...values, ...mine } });
      })
      .catch((e) => {
        if (!controller.signal.aborted) setLoadError(e instanceof ApiError ? e : undefined);
      });
    return () => controller.abort();
  }, [id, draftKey, t]);

  const keepDraft = () => {
    if (base)
      writeDraft(draftKey, {
        version: base.person.version,
        baseline: base.values,
        values: form.getFieldsValue(true),
      });
  };

  async function save() {
    if (!base) return;
    const changes = changedFields(base.values, form.getFieldsValue(true));
    if (Object.keys(changes).length === 0) {
      message.info(t('没有修改任何内容', 'Nothing was changed'));
      return;
    }
    keepDraft();
    const saved = await send(() => persons.update(id, { ...changes, version: base.person.version }));
    if (!saved) return;
    clearDraft(draftKey);
    message.success(t('已保存', 'Saved'));
    navigate(`/persons/${id}`);
  }

  async function reloadLatest() {
    if (!base) return;
    const latest = await send(() => persons.get(id));
    if (!latest) return;
    const values = fromPerson(latest);
    const mine = diffValues(base.values, form.getFieldsValue(true));
    const theirs = Object.keys(diffValues(base.values, values)).map((f) => fieldLabel(f, lang));
    setBase({ person: latest, values, initial: base.initial });
    form.setFieldsValue({ ...values, ...mine });
    setProblem(undefined);
    setNotice(
      t(
        `已载入最新内容${theirs.length ? `（他人修改了：${theirs.join('、')}）` : ''}，您的修改已保留，请核对后再保存`,
        `Latest version loaded${theirs.length ? ` (others changed: ${theirs.join(', ')})` : ''}; your changes are kept. Check and save.`,
      ),
    );
    keepDraft();
  }

  function cancel() {
    clearDraft(draftKey);
    navigate(`/persons/${id}`);
  }

  return (
    <div data-testid="person-edit">
      <PageTitle title={base ? `${t('修改', 'Edit')} · ${base.person.name}` : t('修改人员', 'Edit person')} />
      {loadError && <LoadError error={loadError} />}
      {!base && !loadError && <Skeleton active paragraph={{ rows: 12 }} />}
      {notice && (
        <Alert
          type="info"
          showIcon
          title={notice}
          closable
          style={{ marginBottom: 16 }}
          data-testid="form-notice"
        />
      )}
      {problem && <SaveProblem error={problem} onReloadLatest={reloadLatest} />}
      {base && (
        <Form<PersonFormValues>
          form={form}
          layout="vertical"
          initialValues={base.initial}
          onValuesChange={keepDraft}
          onFinish={save}
          onFinishFailed={warnInvalid}
          scrollToFirstError={{ block: 'center' }}
        >
          <Card className="form-card">
            <PersonFields
              masked={{
                idNumber: base.person.masked ? base.values.idNumber : undefined,
                phone: base.person.masked && base.values.phone ? base.values.phone : undefined,
                birthDate: base.person.birthDate,
                sex: base.person.sex,
              }}
            />
          </Card>
          <FormFooter saving={saving} onCancel={cancel} />
        </Form>
      )}
    </div>
  );
}
