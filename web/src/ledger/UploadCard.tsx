// Choosing or dragging a ledger file and sending it into the selected region; the server checks it
// (a dry run) and the import page shows the result.
import { useNavigate } from 'react-router-dom';
import { useLang } from '../i18n/lang';
import { FileDrop } from './FileDrop';
import { uploadLedger } from './ledgerApi';

interface Props {
  regionCode: string;
  regionName: string | undefined;
  /** The largest file the server accepts (bytes); 0 while not known. */
  uploadLimit: number;
}

export function UploadCard({ regionCode, regionName, uploadLimit }: Props) {
  const { t } = useLang();
  const navigate = useNavigate();
  return (
    <div data-testid="ledger-upload">
      <p className="ledger-hint">
        {t('导入到：', 'Imports into: ')}
        <strong>{regionName ?? regionCode}</strong>
        {t(
          '。文件中不属于该地区的行不会导入；要导入更小的地区，请先在地区树中选择。',
          '. Rows of other regions are not imported; to import into a smaller region, choose it in the region tree first.',
        )}
      </p>
      <FileDrop
        uploadLimit={uploadLimit}
        text={t('点击选择或把台账文件拖到这里', 'Click to choose a ledger file, or drop it here')}
        send={(file, onProgress) => uploadLedger(file, regionCode, onProgress)}
        onSent={(created) => navigate(`/ledger/imports/${created.id}?region=${regionCode}`)}
      />
    </div>
  );
}
