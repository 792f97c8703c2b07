// Every field an official types for a person, in the ledger's three groups. `prefix` is the name
// prefix inside the form (or inside a Form.List), `path` the absolute path of the person's values.
import type { FormRule } from 'antd';
import { useLang } from '../../i18n/lang';
import { AbilityFields } from './AbilityFields';
import { BasicFields, type Masked } from './BasicFields';
import { EmploymentFields } from './EmploymentFields';
import type { Path } from './personRules';

interface Props {
  prefix?: Path;
  path?: Path;
  masked?: Masked;
  relationRules?: FormRule[];
  idRules?: FormRule[];
}

export function PersonFields({ prefix = [], path = prefix, masked, relationRules, idRules }: Props) {
  const { t } = useLang();
  return (
    <>
      <div className="field-group-title">{t('基本信息', 'Basic information')}</div>
      <BasicFields
        prefix={prefix}
        path={path}
        masked={masked}
        relationRules={relationRules}
        idRules={idRules}
      />
      <div className="field-group-title">{t('劳动能力与意愿', 'Ability and wishes')}</div>
      <AbilityFields prefix={prefix} path={path} />
      <div className="field-group-title">{t('就业情况', 'Employment')}</div>
      <EmploymentFields prefix={prefix} path={path} />
    </>
  );
}
