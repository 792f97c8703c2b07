// The menu's icon for 台账导入/导出 (kept here so the shared menu needs one line for it).
import { FileExcelOutlined } from '@ant-design/icons';

export function LedgerMenuIcon() {
  return <FileExcelOutlined />;
}
