// The household's own fields: village, number, category (and monitoring type), relocation (and
// resettlement site), address.
import { Col, Form, Input, Row, Select } from 'antd';
import { householdCategory, monitoringType, relocation } from '../../../src/modules/registry/registry.codes';
import { fieldLabel, fieldMessage } from '../../../src/shared/i18n';
import type { RegionRef } from '../api/types';
import { codeOptions } from '../i18n/format';
import { useLang } from '../i18n/lang';
import { maxLength } from '../persons/form/personRules';
import { householdRule } from './memberRules';
import { VillagePicker } from './VillagePicker';

export function HouseholdFields({ root, fixedVillage }: { root: RegionRef; fixedVillage?: RegionRef }) {
  const { lang, t } = useLang();
  const form = Form.useFormInstance();
  const category = Form.useWatch('category', form) as string | undefined;
  const reloc = Form.useWatch('relocation', form) as string | undefined;
  const label = (field: string) => fieldLabel(field, lang);
  const col = { xs: 24, sm: 12, lg: 8 };
  return (
    <Row gutter={16}>
      <Col {...col}>
        {fixedVillage ? (
          <Form.Item label={label('villageCode')} required>
            <Input disabled value={fixedVillage.name} />
          </Form.Item>
        ) : (
          <Form.Item
            name="villageCode"
            label={label('villageCode')}
            rules={[{ required: true, message: fieldMessage('villageCode', 'region.notVillage', lang) }]}
            extra={t('只能选择村（社区、嘎查）', 'Villages only')}
          >
            <VillagePicker root={root} />
          </Form.Item>
        )}
      </Col>
      <Col {...col}>
        <Form.Item
          name="householdNo"
          label={label('householdNo')}
          rules={[maxLength('householdNo', 40, lang)]}
          extra={t('不填则自动编号', 'Numbered automatically when left empty')}
        >
          <Input maxLength={45} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item
          name="category"
          label={label('category')}
          rules={[{ required: true, message: t('请选择帮扶对象类别', 'Choose a category') }]}
        >
          <Select options={codeOptions(householdCategory, lang)} />
        </Form.Item>
      </Col>
      {category === 'monitored' && (
        <Col {...col}>
          <Form.Item
            name="monitoringType"
            label={label('monitoringType')}
            required
            rules={[householdRule('monitoringType', lang)]}
            dependencies={['category']}
          >
            <Select allowClear options={codeOptions(monitoringType, lang)} />
          </Form.Item>
        </Col>
      )}
      <Col {...col}>
        <Form.Item name="relocation" label={label('relocation')}>
          <Select options={codeOptions(relocation, lang)} />
        </Form.Item>
      </Col>
      {reloc && reloc !== 'none' && (
        <Col {...col}>
          <Form.Item
            name="resettlementSite"
            label={label('resettlementSite')}
            rules={[maxLength('resettlementSite', 100, lang), householdRule('resettlementSite', lang)]}
          >
            <Input maxLength={110} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} lg={16}>
        <Form.Item name="address" label={label('address')} rules={[maxLength('address', 200, lang)]}>
          <Input maxLength={210} />
        </Form.Item>
      </Col>
    </Row>
  );
}
