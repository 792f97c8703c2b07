// 就业情况: status, and either the job (form, where, employer, start, income, cooperation) or the
// reason for not working. Hidden fields keep what was typed (switching back restores it) but are
// not sent: the payload carries job details only for the employed.
import { Col, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import {
  employmentForm,
  employmentStatus,
  notWorkingReason,
  workLocation,
} from '../../../../src/modules/registry/registry.codes';
import { fieldLabel } from '../../../../src/shared/i18n';
import { codeOptions } from '../../i18n/format';
import { useLang } from '../../i18n/lang';
import { DateField } from './DateField';
import { employmentRule, maxLength, type Path } from './personRules';

export function EmploymentFields({ prefix, path }: { prefix: Path; path: Path }) {
  const { lang, t } = useLang();
  const form = Form.useFormInstance();
  const status = Form.useWatch([...path, 'employmentStatus'], form) as string | undefined;
  const cooperation = Form.useWatch([...path, 'organizedByCooperation'], form) as boolean | undefined;
  const label = (field: string) => fieldLabel(field, lang);
  const rule = (field: Parameters<typeof employmentRule>[0]) => employmentRule(field, path, lang);
  const onStatus = [[...path, 'employmentStatus']];
  const col = { xs: 24, sm: 12, lg: 8 };

  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item name={[...prefix, 'employmentStatus']} label={label('employmentStatus')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={codeOptions(employmentStatus, lang)}
            data-testid="field-employmentStatus"
          />
        </Form.Item>
      </Col>
      {status === 'employed' ? (
        <>
          <Col {...col}>
            <Form.Item
              name={[...prefix, 'employmentForm']}
              label={label('employmentForm')}
              required
              rules={[rule('employmentForm')]}
              dependencies={onStatus}
            >
              <Select
                allowClear
                options={codeOptions(employmentForm, lang)}
                data-testid="field-employmentForm"
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name={[...prefix, 'workLocation']}
              label={label('workLocation')}
              required
              rules={[rule('workLocation')]}
              dependencies={onStatus}
            >
              <Select allowClear options={codeOptions(workLocation, lang)} data-testid="field-workLocation" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name={[...prefix, 'workplace']}
              label={label('workplace')}
              rules={[maxLength('workplace', 100, lang), rule('workplace')]}
            >
              <Input maxLength={110} placeholder={t('如 浙江省宁波市', 'e.g. Ningbo, Zhejiang')} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name={[...prefix, 'employer']}
              label={label('employer')}
              rules={[maxLength('employer', 100, lang), rule('employer')]}
            >
              <Input maxLength={110} data-testid="field-employer" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name={[...prefix, 'employmentStart']}
              label={label('employmentStart')}
              rules={[rule('employmentStart')]}
            >
              <DateField />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name={[...prefix, 'monthlyIncome']}
              label={label('monthlyIncome')}
              rules={[rule('monthlyIncome')]}
            >
              <InputNumber
                style={{ width: '100%' }}
                min={0}
                precision={0}
                suffix={t('元', 'yuan')}
                inputMode="numeric"
                data-testid="field-monthlyIncome"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item
              name={[...prefix, 'organizedByCooperation']}
              label={label('organizedByCooperation')}
              valuePropName="checked"
            >
              <Switch checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
            </Form.Item>
          </Col>
          {cooperation && (
            <Col {...col}>
              <Form.Item
                name={[...prefix, 'cooperationName']}
                label={label('cooperationName')}
                rules={[maxLength('cooperationName', 50, lang), rule('cooperationName')]}
              >
                <Input maxLength={60} placeholder={t('如 京蒙劳务协作', 'e.g. Beijing–Inner Mongolia')} />
              </Form.Item>
            </Col>
          )}
        </>
      ) : (
        <Col {...col}>
          <Form.Item
            name={[...prefix, 'notWorkingReason']}
            label={label('notWorkingReason')}
            required
            rules={[rule('notWorkingReason')]}
            dependencies={onStatus}
          >
            <Select
              allowClear
              options={codeOptions(notWorkingReason, lang)}
              data-testid="field-notWorkingReason"
            />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
