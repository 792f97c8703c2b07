// 劳动能力与意愿: labour ability, health (and disability grade), skills, wishes.
import { Col, Form, Row, Select, Switch } from 'antd';
import { health, labourAbility, workAwayWillingness } from '../../../../src/modules/registry/registry.codes';
import { fieldLabel } from '../../../../src/shared/i18n';
import { codeOptions } from '../../i18n/format';
import { useLang } from '../../i18n/lang';
import { type Path, skillsRule } from './personRules';

export function AbilityFields({ prefix, path }: { prefix: Path; path: Path }) {
  const { lang, t } = useLang();
  const form = Form.useFormInstance();
  const healthValue = Form.useWatch([...path, 'health'], form) as string | undefined;
  const label = (field: string) => fieldLabel(field, lang);
  const choose = (field: string) => ({
    required: true,
    message: t(`请选择${label(field)}`, `Choose ${label(field)}`),
  });
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item
          name={[...prefix, 'labourAbility']}
          label={label('labourAbility')}
          rules={[choose('labourAbility')]}
        >
          <Select options={codeOptions(labourAbility, lang)} data-testid="field-labourAbility" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item name={[...prefix, 'health']} label={label('health')} rules={[choose('health')]}>
          <Select options={codeOptions(health, lang)} />
        </Form.Item>
      </Col>
      {healthValue === 'disabled' && (
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name={[...prefix, 'disabilityGrade']} label={label('disabilityGrade')}>
            <Select
              allowClear
              options={[1, 2, 3, 4].map((g) => ({
                value: g,
                label: lang === 'zh' ? `${g}级` : `Grade ${g}`,
              }))}
            />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} sm={12} lg={8}>
        <Form.Item
          name={[...prefix, 'skills']}
          label={label('skills')}
          rules={[skillsRule(lang)]}
          extra={t('可输入多项，回车或逗号分隔', 'Several allowed; Enter or comma between them')}
        >
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item name={[...prefix, 'workAwayWillingness']} label={label('workAwayWillingness')}>
          <Select options={codeOptions(workAwayWillingness, lang)} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6} lg={4}>
        <Form.Item name={[...prefix, 'wantsWork']} label={label('wantsWork')} valuePropName="checked">
          <Switch checkedChildren={t('有', 'Yes')} unCheckedChildren={t('无', 'No')} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6} lg={4}>
        <Form.Item name={[...prefix, 'wantsTraining']} label={label('wantsTraining')} valuePropName="checked">
          <Switch checkedChildren={t('有', 'Yes')} unCheckedChildren={t('无', 'No')} />
        </Form.Item>
      </Col>
    </Row>
  );
}
