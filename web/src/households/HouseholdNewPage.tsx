// 新增家庭: the household and its members in one form, checked as typed (ID numbers, employment,
// one head); server errors such as members.1.idNumber land on that member's field.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { households } from '../api/endpoints';
import { useUser } from '../auth/AuthContext';
import { clearDraft, readDraft, writeDraft } from '../common/drafts';
import { FormFooter } from '../common/FormFooter';
import { PageTitle } from '../common/PageTitle';
import { SaveProblem } from '../common/SaveProblem';
import { useSave } from '../common/useSave';
import { useLang } from '../i18n/lang';
import { PersonFields } from '../persons/form/PersonFields';
import { emptyPerson, type PersonFormValues, toPayload } from '../persons/form/personValues';
import { useRegion } from '../region/RegionContext';
import { HouseholdFields } from './HouseholdFields';
import { maxMembers, relationRule, sameIdRule } from './memberRules';
import '../persons/persons.css';

interface Values {
  villageCode?: string;
  householdNo?: string;
  category?: string;
  monitoringType?: string | null;
  relocation: string;
  resettlementSite?: string | null;
  address?: string | null;
  members: PersonFormValues[];
}

const draftKey = 'bangfu.draft.household.new';
const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

export function HouseholdNewPage() {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const { region } = useRegion();
  const [form] = Form.useForm<Values>();
  const { saving, problem, warnInvalid, send } = useSave(form);
  const village = region && region.level === 5 ? region : undefined;
  const initial = useMemo<Values>(
    () =>
      readDraft<Values>(draftKey) ?? {
        villageCode: village?.code,
        relocation: 'none',
        members: [emptyPerson({ relationToHead: 'head' })],
      },
    [village],
  );
  const relations = (f: { getFieldValue: (n: string) => PersonFormValues[] }) =>
    (f.getFieldValue('members') ?? []).map((m) => m?.relationToHead);

  async function save() {
    const v = form.getFieldsValue(true) as Values;
    const body = {
      villageCode: village?.code ?? v.villageCode,
      householdNo: text(v.householdNo) ?? undefined,
      category: v.category,
      monitoringType: v.category === 'monitored' ? (v.monitoringType ?? null) : null,
      relocation: v.relocation,
      resettlementSite: v.relocation !== 'none' ? text(v.resettlementSite) : null,
      address: text(v.address),
      members: v.members.map(toPayload),
    };
    const created = await send(() => households.create(body));
    if (!created) return;
    clearDraft(draftKey);
    message.success(t(`已新增家庭 ${created.householdNo}`, `Household ${created.householdNo} created`));
    navigate(`/households/${created.id}`);
  }

  if (!user.region) return null;
  if (!region) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <div data-testid="household-new">
      <PageTitle title={t('新增家庭', 'New household')} />
      {problem && <SaveProblem error={problem} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Partial<Values>) => {
          writeDraft(draftKey, form.getFieldsValue(true));
          // A member's relation or ID number is checked against the others: recheck the others too
          // (only fields already touched, so untouched ones do not turn red).
          for (const key of ['relationToHead', 'idNumber'] as const) {
            if (changed.members?.some((m) => m && key in m)) {
              const count = (form.getFieldValue('members') as unknown[]).length;
              const names = Array.from({ length: count }, (_, i) => ['members', i, key]);
              form.validateFields(names, { dirty: true }).catch(() => {});
            }
          }
        }}
        onFinish={save}
        onFinishFailed={warnInvalid}
      >
        <Card className="form-card" title={t('家庭信息', 'Household')}>
          <HouseholdFields root={user.region} fixedVillage={village} />
        </Card>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  className="form-card"
                  title={`${t('成员', 'Member')} ${index + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        {t('移除', 'Remove')}
                      </Button>
                    )
                  }
                >
                  <PersonFields
                    prefix={[field.name]}
                    path={['members', field.name]}
                    relationRules={[relationRule(lang, relations, index)]}
                    idRules={[sameIdRule(lang, index)]}
                  />
                </Card>
              ))}
              {fields.length < maxMembers && (
                <Button
                  block
                  icon={<PlusOutlined />}
                  onClick={() => add(emptyPerson())}
                  style={{ marginBottom: 12 }}
                >
                  {t('再添加一名成员', 'Add another member')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <FormFooter
          saving={saving}
          onCancel={() => {
            clearDraft(draftKey);
            navigate(-1);
          }}
        />
      </Form>
    </div>
  );
}
