// Calls of the ledger API: the region's imports, one import, confirm; uploads with progress in
// bytes (XMLHttpRequest: fetch cannot report upload progress) — a ledger, or a month's follow-up
// sheet checked or imported — and file downloads with the server's messages on failure (fetch, then
// the browser saves the file under the server's name), optionally sending a file to get one back.
import { api, problemError, type Query, queryString } from '../api/client';
import { currentLanguage } from '../i18n/lang';
import type { FollowUpImportReport, ImportList, LedgerImport } from './ledgerTypes';

type Signal = AbortSignal | undefined;

export const ledger = {
  list: (region: string, signal?: Signal) =>
    api<ImportList>('/ledger/imports', { query: { region }, signal }),
  /** One import; `errors` problems from `errorOffset` (0 while only the state matters). */
  get: (id: number, query: { errors: number; errorOffset?: number }, signal?: Signal) =>
    api<LedgerImport>(`/ledger/imports/${id}`, { query, signal }),
  confirm: (id: number) => api<LedgerImport>(`/ledger/imports/${id}/confirm`, { method: 'POST' }),
  rejectedPath: (id: number) => `/ledger/imports/${id}/rejected.xlsx`,
};

function acceptLanguage() {
  return currentLanguage() === 'en' ? 'en' : 'zh-CN';
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export interface Upload<T = unknown> {
  /** Resolves with the server's answer, rejects with an ApiError. */
  done: Promise<T>;
  abort: () => void;
}

export type OnProgress = (sent: number, total: number) => void;

/** Sends a file as multipart/form-data (field "file") to `/api{path}`, reporting bytes sent. */
export function uploadFile<T>(path: string, query: Query, file: File, onProgress?: OnProgress): Upload<T> {
  const request = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    request.open('POST', `/api${path}${queryString(query)}`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json, application/problem+json');
    request.setRequestHeader('accept-language', acceptLanguage());
    request.upload.onprogress = (event) =>
      onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => {
      const data = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) resolve(data as T);
      else reject(problemError(request.status, data));
    };
    request.onerror = () => reject(problemError(0, null));
    request.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
  return { done, abort: () => request.abort() };
}

/** A ledger into `region`: answers at once with the import, its check running. */
export const uploadLedger = (file: File, region: string, onProgress?: OnProgress) =>
  uploadFile<LedgerImport>('/ledger/imports', { region }, file, onProgress);

/** A month's follow-up sheet of `region`: checked only (dryRun) or imported; answers the report. */
export const uploadFollowUps = (
  file: File,
  query: { month: string; region: string; dryRun: boolean },
  onProgress?: OnProgress,
) => uploadFile<FollowUpImportReport>('/ledger/follow-ups', query, file, onProgress);

export const followUpRejectedPath = '/ledger/follow-ups/rejected.xlsx';

/** The file name of a download from Content-Disposition (RFC 5987 filename* first). */
export function downloadName(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // fall through to the plain name
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * Fetches `/api{path}` and has the browser save it; a refusal (problem+json) becomes an ApiError
 * with the server's message instead of a saved error page. With `upload`, POSTs that file
 * (multipart, field "file") and saves what comes back. Returns the saved file's name.
 */
export async function downloadFile(
  path: string,
  query: Query | undefined,
  fallbackName: string,
  upload?: File,
): Promise<string> {
  let response: Response;
  let body: FormData | undefined;
  if (upload) {
    body = new FormData();
    body.append('file', upload, upload.name);
  }
  try {
    response = await fetch(`/api${path}${queryString(query)}`, {
      method: upload ? 'POST' : 'GET',
      body,
      credentials: 'same-origin',
      headers: { 'accept-language': acceptLanguage() },
    });
  } catch {
    throw problemError(0, null);
  }
  if (!response.ok) throw problemError(response.status, parseJson(await response.text().catch(() => '')));
  const blob = await response.blob();
  const name = downloadName(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start saving before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
