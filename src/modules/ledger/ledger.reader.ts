// Streaming readers of the files offices keep their ledgers in: .xlsx (Excel, WPS, LibreOffice) and
// .csv (UTF-8 with or without BOM, GB18030 from Chinese Excel and WPS, UTF-16 "Unicode text").
// Both hand out rows as { number: the row number Excel shows, cells } in batches, never the whole file.
//
// .xlsx is read here with yauzl (random access to the zip entries) and saxes (XML), not with exceljs'
// WorkbookReader, which this project found unfit for Chinese ledgers (exceljs 4.4.0): it decodes every
// 16 KB chunk of XML on its own, so a character split between two chunks becomes U+FFFD — in a
// 50,000-row test 46 cells came back damaged (exceljs issues #2063, #2084, #2316; the fix, PR #1665,
// was never merged) — it ignores <mergeCell> entirely, and it keeps only the last run of an inline
// rich-text cell. This reader decodes with a streaming TextDecoder, reads the text of every run of
// rich text (LibreOffice writes shared strings as runs), and carries merged cells down.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { AppError } from '../../shared/errors.js';
import { detached } from '../../shared/text.js';
import { type Cell, excelSerialToDate, LedgerDate, type SheetRow } from './ledger.rules.js';

export type LedgerFormat = 'xlsx' | 'csv';

export interface LedgerSource {
  format: LedgerFormat;
  /** The sheet read (xlsx). */
  sheetName: string | null;
  /** The text encoding (csv). */
  encoding: string | null;
  /** The first `count` rows, for finding the header and for previews. */
  head(count: number): Promise<SheetRow[]>;
  /** Every row from the top, in batches, merged cells carried down. May be called more than once. */
  rows(): AsyncGenerator<SheetRow[]>;
  /** Share of the file read by the current rows() pass, 0 … 1. */
  progress(): number;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Picks the sheet: called with the first rows of each visible sheet in order; the first `true` wins. */
  acceptSheet?: (rows: SheetRow[]) => boolean;
  /** Rows given to acceptSheet. */
  probeRows?: number;
}

/** Opens a ledger file, telling .xlsx from .csv by its first bytes (the file name may lie). */
export async function openLedgerSource(path: string, options: OpenOptions = {}): Promise<LedgerSource> {
  const handle = await open(path, 'r');
  const magic = Buffer.alloc(8);
  try {
    await handle.read(magic, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (magic.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return openXlsx(path, options);
  if (magic.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new AppError('ledger.badFile', {
      params: { reason: '这是旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入' },
    });
  return openCsv(path);
}

// ---------------------------------------------------------------------------------------------------
// .xlsx

interface ZipFile {
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true }, (error, zip) => {
      if (error || !zip) {
        reject(new AppError('ledger.badFile', { params: { reason: '文件已损坏或不是 Excel 文件' } }));
        return;
      }
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName.replace(/^\//, ''), entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ zip, entries }));
      zip.on('error', () => reject(new AppError('ledger.badFile', { params: { reason: '文件已损坏' } })));
      zip.readEntry();
    });
  });
}

function entryStream(file: ZipFile, name: string): Promise<Readable> {
  const entry = file.entries.get(name);
  if (!entry) return Promise.reject(new AppError('ledger.badFile', { params: { reason: `缺少 ${name}` } }));
  return new Promise((resolve, reject) => {
    file.zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) reject(new AppError('ledger.badFile', { params: { reason: '文件已损坏' } }));
      else resolve(stream);
    });
  });
}

/** Local name of an XML element (x:row → row): some writers prefix the spreadsheet namespace. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Runs a SAX parser over an entry, decoding UTF-8 across chunk boundaries. */
async function* saxEvents(
  stream: Readable,
  setup: (parser: SaxesParser) => void,
  onBytes?: (n: number) => void,
) {
  const parser = new SaxesParser();
  setup(parser);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes?.(chunk.length);
      parser.write(decoder.decode(chunk, { stream: true }));
      yield;
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The parser's own words (line and column of the XML inside the zip, in English) mean nothing
    // to an office: it is told what to do about the file.
    throw new AppError('ledger.badFile', {
      params: { reason: '表格内容已损坏或不完整，请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入' },
    });
  } finally {
    stream.destroy();
  }
}

async function readSmallXml(
  file: ZipFile,
  name: string,
  onOpen: (tag: SaxesTagPlain) => void,
): Promise<void> {
  if (!file.entries.has(name)) return;
  const stream = await entryStream(file, name);
  for await (const _ of saxEvents(stream, (p) => p.on('opentag', onOpen)));
}

/** Built-in number formats that are dates, including the CJK ones (27–36, 50–58) of Chinese Excel. */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58,
]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymd]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

interface Workbook {
  file: ZipFile;
  sheets: { name: string; path: string; visible: boolean }[];
  date1904: boolean;
  dateStyles: boolean[];
  sharedStrings: string[];
}

async function readWorkbook(path: string): Promise<Workbook> {
  const file = await openZip(path);
  if (!file.entries.has('xl/workbook.xml'))
    throw new AppError('ledger.badFile', { params: { reason: '不是 Excel 工作簿（.xlsx）' } });
  const rels = new Map<string, string>();
  await readSmallXml(file, 'xl/_rels/workbook.xml.rels', (tag) => {
    if (local(tag.name) === 'Relationship')
      rels.set(String(tag.attributes.Id), String(tag.attributes.Target));
  });
  const sheets: Workbook['sheets'] = [];
  let date1904 = false;
  await readSmallXml(file, 'xl/workbook.xml', (tag) => {
    const name = local(tag.name);
    if (name === 'workbookPr') date1904 = ['1', 'true'].includes(String(tag.attributes.date1904 ?? ''));
    if (name !== 'sheet') return;
    const rId = String(
      tag.attributes['r:id'] ?? Object.entries(tag.attributes).find(([k]) => k.endsWith(':id'))?.[1],
    );
    const target = rels.get(rId);
    if (!target) return;
    const resolved = target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
    sheets.push({
      name: String(tag.attributes.name),
      path: resolved,
      visible: !tag.attributes.state || tag.attributes.state === 'visible',
    });
  });

  // Which cell styles show dates: cellXfs → numFmtId → built-in or custom format code.
  const customFormats = new Map<number, string>();
  const dateStyles: boolean[] = [];
  let inCellXfs = false;
  if (file.entries.has('xl/styles.xml')) {
    const stream = await entryStream(file, 'xl/styles.xml');
    for await (const _ of saxEvents(stream, (p) => {
      p.on('opentag', (tag) => {
        const name = local(tag.name);
        if (name === 'numFmt')
          customFormats.set(Number(tag.attributes.numFmtId), String(tag.attributes.formatCode ?? ''));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(tag.attributes.numFmtId ?? 0);
          const custom = customFormats.get(id);
          dateStyles.push(custom !== undefined ? isDateFormat(custom) : BUILTIN_DATE_FORMATS.has(id));
        }
      });
      p.on('closetag', (tag) => {
        if (local(tag.name) === 'cellXfs') inCellXfs = false;
      });
    }));
  }

  // Shared strings: the text of every run (<r><t>), never the phonetic guide (<rPh>).
  const sharedStrings: string[] = [];
  const sstPath = [...file.entries.keys()].find((k) => /^xl\/sharedStrings\.xml$/i.test(k));
  if (sstPath) {
    const stream = await entryStream(file, sstPath);
    let text = '';
    let inText = false;
    let inPhonetic = false;
    for await (const _ of saxEvents(stream, (p) => {
      p.on('opentag', (tag) => {
        const name = local(tag.name);
        if (name === 'si') text = '';
        else if (name === 't') inText = !inPhonetic;
        else if (name === 'rPh') inPhonetic = true;
      });
      p.on('text', (value) => {
        if (inText) text += value;
      });
      p.on('closetag', (tag) => {
        const name = local(tag.name);
        if (name === 't') inText = false;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'si') sharedStrings.push(text);
      });
    }));
  }
  return { file, sheets, date1904, dateStyles, sharedStrings };
}

/** Column index (0-based) of a cell reference like AB12. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Merged ranges of a sheet (<mergeCells> comes after <sheetData>, so it is found by a first pass). */
interface Merges {
  r1: Int32Array;
  c1: Int32Array;
  r2: Int32Array;
  count: number;
}

async function scanMerges(book: Workbook, sheetPath: string): Promise<Merges> {
  let r1 = new Int32Array(1024);
  let c1 = new Int32Array(1024);
  let r2 = new Int32Array(1024);
  let count = 0;
  const stream = await entryStream(book.file, sheetPath);
  let carry: Buffer = Buffer.alloc(0);
  const pattern = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const end = buffer.lastIndexOf(0x3e) + 1;
    carry = Buffer.from(buffer.subarray(end));
    const body = buffer.subarray(0, end);
    if (body.indexOf('mergeCell') < 0) continue;
    for (const m of body.toString('latin1').matchAll(pattern)) {
      if (!m[3] || !m[4]) continue;
      if (count === r1.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        r1 = grow(r1);
        c1 = grow(c1);
        r2 = grow(r2);
      }
      r1[count] = Number(m[2]);
      c1[count] = columnIndex(m[1] ?? 'A');
      r2[count] = Number(m[4]);
      count++;
    }
  }
  // Sort by first row so the sheet pass can walk them in step.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (r1[a] ?? 0) - (r1[b] ?? 0));
  const pick = (a: Int32Array) => Int32Array.from(order, (i) => a[i] ?? 0);
  return { r1: pick(r1), c1: pick(c1), r2: pick(r2), count };
}

async function openXlsx(path: string, options: OpenOptions): Promise<LedgerSource> {
  const book = await readWorkbook(path);
  const visible = book.sheets.filter((s) => s.visible && book.file.entries.has(s.path));
  if (visible.length === 0)
    throw new AppError('ledger.badFile', { params: { reason: '工作簿中没有工作表' } });
  let chosen = visible[0] as (typeof visible)[number];
  if (options.acceptSheet) {
    let found = false;
    for (const sheet of visible) {
      const rows = await sheetHead(book, sheet.path, options.probeRows ?? 40);
      if (options.acceptSheet(rows)) {
        chosen = sheet;
        found = true;
        break;
      }
    }
    if (!found) throw new AppError('ledger.headerNotFound');
  }
  const total = book.file.entries.get(chosen.path)?.uncompressedSize ?? 1;
  let read = 0;
  let merges: Merges | null = null;
  return {
    format: 'xlsx',
    sheetName: chosen.name,
    encoding: null,
    head: (count) => sheetHead(book, chosen.path, count),
    async *rows() {
      merges ??= await scanMerges(book, chosen.path);
      read = 0;
      yield* sheetRows(book, chosen.path, merges, (n) => {
        read += n;
      });
    },
    progress: () => Math.min(1, read / Math.max(1, total)),
    async close() {
      book.file.zip.close();
    },
  };
}

async function sheetHead(book: Workbook, sheetPath: string, count: number): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of sheetRows(book, sheetPath, null)) {
    for (const row of batch) {
      if (rows.length >= count) return rows;
      rows.push(row);
    }
    if (rows.length >= count) return rows;
  }
  return rows;
}

/** The rows of one sheet, with cell values typed and merged cells carried down their first column. */
async function* sheetRows(
  book: Workbook,
  sheetPath: string,
  merges: Merges | null,
  onBytes?: (n: number) => void,
): AsyncGenerator<SheetRow[]> {
  const stream = await entryStream(book.file, sheetPath);
  const { sharedStrings, dateStyles, date1904 } = book;
  let batch: SheetRow[] = [];
  let rowNumber = 0;
  let cells: Cell[] = [];
  let column = -1;
  let type = '';
  let style = 0;
  let value = '';
  let inline = '';
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let inPhonetic = false;
  let inRow = false;
  // Merges whose first row has been seen and whose last row has not: value to carry, column, last row.
  let nextMerge = 0;
  let active: { column: number; last: number; value: Cell }[] = [];

  const finishCell = () => {
    let cell: Cell = null;
    switch (type) {
      case 's': {
        const text = sharedStrings[Number(value)];
        cell = text === undefined ? null : text;
        break;
      }
      case 'inlineStr':
        cell = detached(inline);
        break;
      case 'str':
        cell = detached(value);
        break;
      case 'b':
        cell = value === '1' || value === 'true';
        break;
      case 'e':
        cell = value; // #N/A and other errors stay visible as text
        break;
      case 'd':
        cell = /^\d{4}-\d{2}-\d{2}/.test(value) ? new LedgerDate(value.slice(0, 10)) : value;
        break;
      default: {
        if (value === '') break;
        const n = Number(value);
        if (!Number.isFinite(n)) cell = detached(value);
        else if (dateStyles[style]) {
          const iso = excelSerialToDate(n, date1904);
          cell = iso ? new LedgerDate(iso) : n;
        } else cell = n;
      }
    }
    if (cell !== null && cell !== '') cells[column] = cell;
  };

  const finishRow = () => {
    if (merges) {
      while (nextMerge < merges.count && (merges.r1[nextMerge] ?? 0) <= rowNumber) {
        const first = merges.r1[nextMerge] ?? 0;
        const last = merges.r2[nextMerge] ?? 0;
        const col = merges.c1[nextMerge] ?? 0;
        if (first === rowNumber && last > first)
          active.push({ column: col, last, value: cells[col] ?? null });
        nextMerge++;
      }
      if (active.length > 0) {
        for (const m of active) {
          if (
            m.last >= rowNumber &&
            rowNumber > 0 &&
            (cells[m.column] === undefined || cells[m.column] === null)
          ) {
            if (m.value !== null) cells[m.column] = m.value;
          }
        }
        active = active.filter((m) => m.last > rowNumber);
      }
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    batch.push({ number: rowNumber, cells });
  };

  for await (const _ of saxEvents(
    stream,
    (parser) => {
      parser.on('opentag', (tag) => {
        switch (local(tag.name)) {
          case 'row': {
            const r = tag.attributes.r;
            rowNumber = r === undefined ? rowNumber + 1 : Number(r);
            cells = [];
            column = -1;
            inRow = true;
            break;
          }
          case 'c': {
            const ref = tag.attributes.r;
            column = ref === undefined ? column + 1 : columnIndex(String(ref));
            type = String(tag.attributes.t ?? 'n');
            style = Number(tag.attributes.s ?? 0);
            value = '';
            inline = '';
            break;
          }
          case 'v':
            if (inRow) capture = 'v';
            break;
          case 'is':
            inInline = true;
            break;
          case 'rPh':
            inPhonetic = true;
            break;
          case 't':
            if (inInline && !inPhonetic) capture = 't';
            break;
        }
      });
      parser.on('text', (text) => {
        if (capture === 'v') value += text;
        else if (capture === 't') inline += text;
      });
      parser.on('closetag', (tag) => {
        switch (local(tag.name)) {
          case 'v':
          case 't':
            capture = null;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            inPhonetic = false;
            break;
          case 'c':
            if (inRow) finishCell();
            break;
          case 'row':
            finishRow();
            inRow = false;
            break;
        }
      });
    },
    onBytes,
  )) {
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

// ---------------------------------------------------------------------------------------------------
// .csv

interface CsvFormat {
  encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
  bomLength: number;
  delimiter: string;
}

/** Encoding from the BOM, else UTF-8 when the start of the file is valid UTF-8, else GB18030. */
export function detectCsvFormat(start: Buffer): CsvFormat {
  let encoding: CsvFormat['encoding'] = 'utf-8';
  let bomLength = 0;
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) bomLength = 3;
  else if (start[0] === 0xff && start[1] === 0xfe) {
    encoding = 'utf-16le';
    bomLength = 2;
  } else if (start[0] === 0xfe && start[1] === 0xff) {
    encoding = 'utf-16be';
    bomLength = 2;
  } else {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
    } catch {
      encoding = 'gb18030';
    }
  }
  const text = new TextDecoder(encoding).decode(start.subarray(bomLength));
  const lines = text.split(/\r?\n/).slice(0, 20).join('\n');
  const counts = [',', '\t', ';'].map((d) => ({ d, n: lines.split(d).length }));
  counts.sort((a, b) => b.n - a.n);
  return { encoding, bomLength, delimiter: counts[0]?.n && counts[0].n > 1 ? counts[0].d : ',' };
}

async function openCsv(path: string): Promise<LedgerSource> {
  const size = (await stat(path)).size;
  const handle = await open(path, 'r');
  const start = Buffer.alloc(Math.min(size, 65_536));
  try {
    await handle.read(start, 0, start.length, 0);
  } finally {
    await handle.close();
  }
  const format = detectCsvFormat(start);
  let read = 0;

  async function* rows(onBytes?: (n: number) => void): AsyncGenerator<SheetRow[]> {
    const decoder = new TextDecoder(format.encoding, { fatal: true });
    const splitter = new CsvSplitter(format.delimiter);
    const file = createReadStream(path, { start: format.bomLength, highWaterMark: 256 * 1024 });
    let number = 0;
    const toRows = (records: string[][]): SheetRow[] =>
      records.map((record) => ({ number: ++number, cells: csvCells(record) }));
    // Without a chunk: the end of the file, where a character cut short (a UTF-16 file of an odd
    // length) is as wrong as a bad byte in the middle.
    const decode = (chunk?: Buffer) => {
      try {
        return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      } catch {
        throw new AppError('ledger.badFile', {
          params: { reason: `文件编码有误（按 ${format.encoding} 读取失败）` },
        });
      }
    };
    try {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        onBytes?.(chunk.length);
        const records: string[][] = [];
        splitter.push(decode(chunk), records);
        if (records.length > 0) yield toRows(records);
      }
      const records: string[][] = [];
      splitter.push(decode(), records);
      splitter.end(records);
      if (records.length > 0) yield toRows(records);
    } finally {
      file.destroy();
    }
  }

  return {
    format: 'csv',
    sheetName: null,
    encoding: format.encoding,
    async head(count) {
      const head: SheetRow[] = [];
      for await (const batch of rows()) {
        head.push(...batch);
        if (head.length >= count) break;
      }
      return head.slice(0, count);
    },
    async *rows() {
      read = format.bomLength;
      yield* rows((n) => {
        read += n;
      });
    },
    progress: () => Math.min(1, read / Math.max(1, size)),
    async close() {},
  };
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * Splits CSV text into records, fed in pieces of any size (a record or a character may be split
 * between pieces). RFC 4180 as Excel and WPS write it — quoted fields with "" for a quote and line
 * breaks inside, records ended by CRLF, LF or CR — and as offices mistype it: a quote inside an
 * unquoted field is kept as a character, text after a closing quote is kept, an unclosed quote runs
 * to the end of the file. An empty line is a record of one empty field, so record numbers are the
 * row numbers Excel shows.
 *
 * Written here rather than taken from csv-parse: measured on this machine, csv-parse read 6.6 MB/s
 * (45 s for a 1,000,000-row ledger before any other work); this loop reads the same file 5× faster.
 */
export class CsvSplitter {
  private record: string[] = [];
  private field = '';
  private state = FIELD_START;
  private afterCR = false;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds the complete records found in `text` to `out`. */
  push(text: string, out: string[][]): void {
    const d = this.delimiter;
    const n = text.length;
    let { state, field, record } = this;
    let start = 0;
    let i = 0;
    if (this.afterCR) {
      this.afterCR = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = start = 1;
    }
    const endRecord = (c: number) => {
      out.push(record);
      record = [];
      state = FIELD_START;
      if (c === CR) {
        if (i + 1 < n) {
          if (text.charCodeAt(i + 1) === LF) i++;
        } else this.afterCR = true;
      }
    };
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (state === UNQUOTED) {
        if (c === d) {
          record.push(field + text.slice(start, i));
          field = '';
          state = FIELD_START;
        } else if (c === LF || c === CR) {
          record.push(field + text.slice(start, i));
          field = '';
          endRecord(c);
        }
      } else if (state === FIELD_START) {
        if (c === QUOTE) {
          state = QUOTED;
          start = i + 1;
        } else if (c === d) {
          record.push(field);
          field = '';
        } else if (c === LF || c === CR) {
          record.push(field);
          field = '';
          endRecord(c);
        } else {
          state = UNQUOTED;
          start = i;
        }
      } else if (state === QUOTED) {
        if (c === QUOTE) {
          field += text.slice(start, i);
          state = QUOTE_IN_QUOTED;
        }
      } else if (c === QUOTE) {
        field += '"';
        start = i + 1;
        state = QUOTED;
      } else if (c === d) {
        record.push(field);
        field = '';
        state = FIELD_START;
      } else if (c === LF || c === CR) {
        record.push(field);
        field = '';
        endRecord(c);
      } else {
        state = UNQUOTED;
        start = i;
      }
    }
    if (state === UNQUOTED || state === QUOTED) field += text.slice(start, n);
    this.state = state;
    this.field = field;
    this.record = record;
  }

  /** Adds the last record (a file need not end with a line break). */
  end(out: string[][]): void {
    if (this.state !== FIELD_START || this.record.length > 0 || this.field !== '') {
      this.record.push(this.field);
      out.push(this.record);
    }
    this.record = [];
    this.field = '';
    this.state = FIELD_START;
  }
}

/**
 * A record's fields as cells, in place, detached from the text they were cut from: ="0001" (how some
 * systems keep leading zeros for Excel) is the text inside. Fields rarely start with =, so nothing
 * else is matched.
 */
function csvCells(record: string[]): Cell[] {
  for (let i = 0; i < record.length; i++) {
    const field = record[i] as string;
    if (
      field.charCodeAt(0) === EQUALS &&
      field.length >= 3 &&
      field.charCodeAt(1) === QUOTE &&
      field.endsWith('"')
    )
      record[i] = detached(field.slice(2, -1));
    else record[i] = detached(field);
  }
  return record;
}
const EQUALS = 61;
