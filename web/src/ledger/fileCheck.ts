// What the browser can tell about a chosen file before sending it: the kind (by its name), empty,
// too large. The server checks again (and reads the content); this only saves a pointless upload.
import type { Language } from '../../../src/shared/i18n';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Null when the file may be sent, otherwise why not, for the office. */
export function fileProblem(
  file: { name: string; size: number },
  limit: number,
  lang: Language,
): string | null {
  const zh = lang === 'zh';
  const extension = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (extension === 'xls' || extension === 'et' || extension === 'ods' || extension === 'wps')
    return zh
      ? `“${file.name}”是旧版或其他格式的表格，请在 Excel / WPS 中“另存为” .xlsx 后再上传`
      : `"${file.name}" is an older or other spreadsheet format; save it as .xlsx in Excel or WPS first`;
  if (extension !== 'xlsx' && extension !== 'csv')
    return zh
      ? `“${file.name}”不是台账文件，只能上传 .xlsx 或 .csv 文件`
      : `"${file.name}" is not a ledger file; only .xlsx and .csv files can be imported`;
  if (file.size === 0) return zh ? `“${file.name}”是空文件，请检查后重新选择` : `"${file.name}" is empty`;
  if (limit > 0 && file.size > limit) return tooLarge(file.name, limit, lang);
  return null;
}

/** A file over the server's limit (also when the server says so). */
export function tooLarge(name: string, limit: number, lang: Language): string {
  const most = limit > 0 ? formatBytes(limit) : '';
  return lang === 'zh'
    ? `“${name}”超过了允许的大小${most ? `（${most}）` : ''}，请按乡镇或村拆分后分别导入`
    : `"${name}" is larger than allowed${most ? ` (${most})` : ''}; split it by town or village`;
}
