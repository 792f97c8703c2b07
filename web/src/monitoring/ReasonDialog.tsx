// Asks for the reason a month is returned to the village or reopened; the server requires one and
// writes it to the audit log.
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useLang } from '../i18n/lang';

interface Props {
  open: boolean;
  title: string;
  saving: boolean;
  onCancel: () => void;
  onOk: (reason: string) => void;
}

export function ReasonDialog({ open, title, saving, onCancel, onOk }: Props) {
  const { t } = useLang();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('确定', 'OK')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'reason-ok' }}
    >
      <Form form={form} layout="vertical" onFinish={(v) => onOk(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('原因', 'Reason')}
          rules={[
            { required: true, whitespace: true, message: t('请填写原因', 'Give a reason') },
            { max: 500, message: t('原因最多 500 字', 'At most 500 characters') },
          ]}
        >
          <Input.TextArea rows={3} autoFocus data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
