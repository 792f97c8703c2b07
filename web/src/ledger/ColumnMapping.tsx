// Which column of the file became which field (headers as the office wrote them), which columns
// are ignored, and the first rows as read (a ledger's preview has them; a follow-up sheet's report not).
import { Alert, Collapse, Table, Tag } from 'antd';
import { fieldLabel } from '../../../src/shared/i18n';
import { useLang } from '../i18n/lang';
import type { ImportPreview } from './ledgerTypes';

/** What ColumnMapping shows: a ledger's preview, or the columns of a follow-up sheet's report. */
export interface FoundColumns
  extends Pick<ImportPreview, 'format' | 'sheet' | 'headerRows' | 'ignoredColumns'>,
    Partial<Pick<ImportPreview, 'encoding' | 'sampleRows'>> {
  /** `fieldLabel` as the server names the field; else the field's own name. */
  columns: { column: string; header: string; field: string; fieldLabel?: string }[];
}

export function ColumnMapping({
  preview,
  ignoredTitle,
}: {
  preview: FoundColumns;
  /** Why the ignored columns are ignored. */
  ignoredTitle?: string;
}) {
  const { lang, t } = useLang();
  const sampleRows = preview.sampleRows ?? [];
  const headers = preview.columns.map((c) => c.header);
  return (
    <div data-testid="column-mapping">
      <p className="ledger-hint">
        {preview.format === 'xlsx'
          ? t(`工作表“${preview.sheet ?? ''}”，`, `Sheet "${preview.sheet ?? ''}", `)
          : preview.encoding
            ? t(`编码 ${preview.encoding}，`, `encoding ${preview.encoding}, `)
            : ''}
        {t(
          `表头在第 ${preview.headerRows.join('、')} 行。`,
          `header in row ${preview.headerRows.join(', ')}.`,
        )}
      </p>
      {preview.ignoredColumns.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="ignored-columns"
          title={
            ignoredTitle ??
            t('以下列不是台账字段，不会导入：', 'These columns are not ledger fields and are ignored:')
          }
          description={
            <span>
              {preview.ignoredColumns.map((c) => (
                <Tag key={c.column}>
                  {c.header}（{t(`${c.column} 列`, `column ${c.column}`)}）
                </Tag>
              ))}
            </span>
          }
        />
      )}
      <Table
        size="small"
        rowKey="column"
        pagination={false}
        scroll={{ x: 420 }}
        dataSource={preview.columns}
        columns={[
          { key: 'column', title: t('列', 'Column'), dataIndex: 'column', width: 60 },
          { key: 'header', title: t('文件中的表头', 'Header in the file'), dataIndex: 'header' },
          {
            key: 'field',
            title: t('识别为', 'Recognised as'),
            render: (_, c) =>
              c.fieldLabel === undefined
                ? fieldLabel(c.field, lang)
                : lang === 'zh'
                  ? c.fieldLabel
                  : `${c.fieldLabel} (${c.field})`,
          },
        ]}
      />
      {sampleRows.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'sample',
              label: t(`文件的前 ${sampleRows.length} 行`, `First ${sampleRows.length} rows`),
              children: (
                <Table
                  size="small"
                  rowKey="row"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={sampleRows}
                  columns={[
                    { key: 'row', title: t('行号', 'Row'), dataIndex: 'row', fixed: 'left', width: 56 },
                    ...headers.map((header) => ({
                      key: header,
                      title: header,
                      render: (_: unknown, r: ImportPreview['sampleRows'][number]) => r.cells[header] ?? '',
                    })),
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
