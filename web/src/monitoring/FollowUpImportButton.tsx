// 导入回访表 on a village's month: the ledger's follow-up sheet import for this village and month in
// a drawer (the whole screen on a phone); after an import the month screen reloads its people.
import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Drawer } from 'antd';
import { useState } from 'react';
import { useIsPhone } from '../common/useIsPhone';
import { useLang } from '../i18n/lang';
import { FollowUpImport } from '../ledger/FollowUpImport';

interface Props {
  village: string;
  villageName: string;
  month: string;
  onImported: () => void;
}

export function FollowUpImportButton({ village, villageName, month, onImported }: Props) {
  const { t } = useLang();
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<FileExcelOutlined />} onClick={() => setOpen(true)} data-testid="open-follow-up-import">
        {t('导入回访表', 'Import a follow-up sheet')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={phone ? '100%' : 760}
        title={t('导入本月回访表', "Import this month's follow-up sheet")}
        destroyOnHidden
        data-testid="follow-up-import-drawer"
      >
        <FollowUpImport regionCode={village} regionName={villageName} month={month} onImported={onImported} />
      </Drawer>
    </>
  );
}
