// 查看完整信息: shows one person's full ID and phone numbers to roles allowed to, after saying
// that the read is logged (the server records it in the audit log).
import { EyeOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { persons } from '../api/endpoints';
import { useLang } from '../i18n/lang';

interface Props {
  personId: number;
  onRevealed: (values: { idNumber: string; phone: string | null }) => void;
}

export function RevealButton({ personId, onRevealed }: Props) {
  const { t } = useLang();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<EyeOutlined />}
      loading={busy}
      onClick={() =>
        modal.confirm({
          title: t('查看完整身份证号码和联系电话', 'Show the full ID and phone numbers'),
          content: t(
            '本次查看将记入操作日志（查看人、时间、对象），请仅在工作需要时查看。',
            'This read is recorded in the audit log (who, when, whom). Only look when your work needs it.',
          ),
          okText: t('确认查看', 'Show'),
          cancelText: t('取消', 'Cancel'),
          onOk: async () => {
            setBusy(true);
            try {
              onRevealed(await persons.reveal(personId));
              message.info(t('已显示完整信息，本次查看已留痕', 'Shown; this read has been logged'));
            } catch (e) {
              if (e instanceof ApiError && e.code !== 'auth.required') message.error(e.title);
            } finally {
              setBusy(false);
            }
          },
        })
      }
    >
      {t('查看完整信息', 'Show full numbers')}
    </Button>
  );
}
