// 基本信息: name, ID number (with the birth date and sex it carries), relation to head, phone, education.
import { Col, Form, type FormRule, Input, Row, Select } from 'antd';
import { education, relationToHead } from '../../../../src/modules/registry/registry.codes';
import { parseIdNumber } from '../../../../src/modules/registry/registry.rules';
import { fieldLabel } from '../../../../src/shared/i18n';
import { codeOptions, formatDate, sexLabel } from '../../i18n/format';
import { useLang } from '../../i18n/lang';
import { MaskedInput } from './MaskedInput';
import { idNumberRule, maxLength, type Path, phoneRule, required, today } from './personRules';

export interface Masked {
  idNumber?: string;
  phone?: string;
  /** What the stored ID number says, shown while the masked number is kept. */
  birthDate?: string;
  sex?: string;
}

interface Props {
  prefix: Path;
  path: Path;
  masked?: Masked;
  relationRules?: FormRule[];
  idRules?: FormRule[];
}

function IdDerived({ path, masked }: { path: Path; masked?: Masked }) {
  const { lang, t } = useLang();
  const form = Form.useFormInstance();
  const value = Form.useWatch([...path, 'idNumber'], form) as string | undefined;
  let birthDate: string | undefined;
  let sex: string | undefined;
  if (masked?.idNumber && value === masked.idNumber) {
    birthDate = masked.birthDate;
    sex = masked.sex;
  } else if (value) {
    const parsed = parseIdNumber(value, today());
    if (parsed.ok) {
      birthDate = parsed.birthDate;
      sex = parsed.sex;
    }
  }
  if (!birthDate) return null;
  return (
    <span data-testid="id-derived">
      {t('出生日期', 'Born')} {formatDate(birthDate)} · {sexLabel(sex, lang)}
    </span>
  );
}

export function BasicFields({ prefix, path, masked, relationRules = [], idRules = [] }: Props) {
  const { lang, t } = useLang();
  const label = (field: string) => fieldLabel(field, lang);
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item
          name={[...prefix, 'name']}
          label={label('name')}
          rules={[required('name', lang), maxLength('name', 50, lang)]}
        >
          <Input maxLength={60} autoComplete="off" data-testid="field-name" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item
          name={[...prefix, 'idNumber']}
          label={label('idNumber')}
          required
          rules={[idNumberRule(lang, masked?.idNumber), ...idRules]}
          extra={<IdDerived path={path} masked={masked} />}
        >
          <MaskedInput
            masked={masked?.idNumber}
            maxLength={30}
            placeholder={t('18 位，末位可为 X', '18 characters, last may be X')}
            testId="field-idNumber"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item
          name={[...prefix, 'relationToHead']}
          label={label('relationToHead')}
          rules={[
            { required: true, message: t('请选择与户主关系', 'Choose the relation to the head') },
            ...relationRules,
          ]}
        >
          <Select options={codeOptions(relationToHead, lang)} data-testid="field-relationToHead" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item
          name={[...prefix, 'phone']}
          label={label('phone')}
          rules={[phoneRule(lang, masked?.phone)]}
        >
          <MaskedInput
            masked={masked?.phone}
            maxLength={20}
            inputMode="tel"
            placeholder={t('手机号或带区号的固话', 'Mobile, or landline with area code')}
            testId="field-phone"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Form.Item name={[...prefix, 'education']} label={label('education')}>
          <Select allowClear options={codeOptions(education, lang)} />
        </Form.Item>
      </Col>
    </Row>
  );
}
