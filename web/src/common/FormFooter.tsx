// Save and cancel, stuck to the bottom of the screen so they are in reach on a phone.
import { Button, Flex } from 'antd';
import { useLang } from '../i18n/lang';

export function FormFooter({ saving, onCancel }: { saving: boolean; onCancel: () => void }) {
  const { t } = useLang();
  return (
    <Flex gap={8} justify="flex-end" className="form-footer">
      <Button onClick={onCancel}>{t('取消', 'Cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="save">
        {t('保存', 'Save')}
      </Button>
    </Flex>
  );
}
