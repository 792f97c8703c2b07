// 回访录入: one person's follow-up of the month in a drawer (full screen on a phone). The employment
// fields are the person form's own, checked as they are typed with the server's rules; a refused
// save puts the server's errors at their fields (entries.0.monthlyIncome → 月收入) and keeps the input.
import { Alert, Button, Col, Descriptions, Drawer, Flex, Form, Row, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { fieldLabel } from '../../../src/shared/i18n';
import { ApiError } from '../api/client';
import { SaveProblem } from '../common/SaveProblem';
import { useIsPhone } from '../common/useIsPhone';
import { useSave } from '../common/useSave';
import { formatDateTime } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { EmploymentFields } from '../persons/form/EmploymentFields';
import { EmploymentSummary } from './EmploymentSummary';
import { type FollowUpFormValues, fromRecord, toEntry } from './followUpValues';
import { monitoringApi, type VillageMonthPerson } from './monitoringApi';

interface Props {
  person: VillageMonthPerson | null;
  village: string;
  month: string;
  /** False when the month is submitted or locked: the record is shown, not edited. */
  editable: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** The API's errors of `entries.0.field` as errors of `field`, the drawer's own names. */
function asFormErrors(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(
    error.status,
    error.code,
    error.title,
    error.errors.map((e) => ({ ...e, field: e.field.replace(/^entries\.\d+\./, '') })),
  );
}

export function FollowUpDrawer({ person, village, month, editable, onClose, onSaved }: Props) {
  const { lang, t } = useLang();
  const phone = useIsPhone();
  const [form] = Form.useForm<FollowUpFormValues>();
  const { saving, problem, setProblem, warnInvalid, send } = useSave(form);

  // This month's record when there is one, else what "no change" would record: last month's, or
  // without one the registry's.
  useEffect(() => {
    if (!person) return;
    form.resetFields();
    form.setFieldsValue(fromRecord(person.record ?? person.lastMonth ?? person.registered));
    setProblem(undefined);
  }, [person, form, setProblem]);

  async function save(values: FollowUpFormValues) {
    if (!person) return;
    const saved = await send(async () => {
      try {
        return await monitoringApi.record(village, month, [toEntry(person.id, values)]);
      } catch (e) {
        throw asFormErrors(e);
      }
    });
    if (saved) onSaved();
  }

  const label = (field: string) => fieldLabel(field, lang);
  return (
    <Drawer
      open={person !== null}
      onClose={onClose}
      size={phone ? '100%' : 640}
      title={person ? `${person.name} · ${t('本月回访', 'Follow-up this month')}` : ''}
      destroyOnHidden
      data-testid="follow-up-drawer"
      footer={
        editable ? (
          <Flex gap={8} justify="flex-end">
            <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
            <Button
              type="primary"
              loading={saving}
              onClick={() => form.submit()}
              data-testid="save-follow-up"
            >
              {t('保存', 'Save')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {person && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('身份证号码', 'ID number')}>{person.idNumber}</Descriptions.Item>
            <Descriptions.Item label={t('上月情况', 'Last month')}>
              {person.lastMonth ? (
                <EmploymentSummary record={person.lastMonth} />
              ) : (
                <Typography.Text type="secondary">{t('无上月记录', 'No record last month')}</Typography.Text>
              )}
            </Descriptions.Item>
            {person.record && (
              <Descriptions.Item label={t('回访人', 'Recorded by')}>
                <span data-testid="recorded-by">
                  {person.record.recordedBy ?? '—'} · {formatDateTime(person.record.recordedAt)}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {!editable && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t(
                '本月已报送或已审核通过，记录只读',
                'This month is submitted or accepted; the record is read-only',
              )}
            />
          )}
          {problem && <SaveProblem error={problem} />}
          <Form<FollowUpFormValues>
            form={form}
            layout="vertical"
            disabled={!editable}
            onFinish={save}
            onFinishFailed={warnInvalid}
            scrollToFirstError={{ block: 'center' }}
          >
            <EmploymentFields prefix={[]} path={[]} />
            <Row gutter={16}>
              <Col xs={12}>
                <Form.Item name="wantsWork" label={label('wantsWork')} valuePropName="checked">
                  <Switch checkedChildren={t('有', 'Yes')} unCheckedChildren={t('无', 'No')} />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="wantsTraining" label={label('wantsTraining')} valuePropName="checked">
                  <Switch checkedChildren={t('有', 'Yes')} unCheckedChildren={t('无', 'No')} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </>
      )}
    </Drawer>
  );
}
