// Words of the ledger screens shared by several of them.
import type { ImportStatus } from './ledgerTypes';

export const statusLabels: Record<ImportStatus, { zh: string; en: string; color: string }> = {
  checking: { zh: '正在检查', en: 'Checking', color: 'processing' },
  checked: { zh: '已检查，待确认导入', en: 'Checked, to confirm', color: 'gold' },
  importing: { zh: '正在导入', en: 'Importing', color: 'processing' },
  imported: { zh: '已导入', en: 'Imported', color: 'green' },
  failed: { zh: '未完成', en: 'Failed', color: 'red' },
};

export const running = (status: ImportStatus) => status === 'checking' || status === 'importing';
