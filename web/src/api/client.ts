// The one way the interface talks to the API: JSON over fetch with the session cookie, the chosen
// language, and every failure turned into an ApiError shaped like the server's problem+json.
import { currentLanguage } from '../i18n/lang';

/** One problem with one input field, e.g. { field: 'members.0.idNumber', code: 'idNumber.checkDigit' }. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's stable code ('validation', 'conflict.version' …) or 'network'. */
    readonly code: string,
    /** A message for the user, in the interface language. */
    readonly title: string,
    readonly errors: FieldError[] = [],
  ) {
    super(title);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when the session is gone (401 auth.required): the app sends the user to log in. */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  unauthorizedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function fallbackTitle(status: number): string {
  const zh = currentLanguage() === 'zh';
  if (status === 0)
    return zh
      ? '网络连接失败，请检查网络后重试；已填写的内容仍保留'
      : 'Network error; check the connection and try again. Your input is kept.';
  if (status >= 500)
    return zh
      ? `服务器暂时无法处理（${status}），请稍后重试；已填写的内容仍保留`
      : `The server could not process this (${status}); try again later. Your input is kept.`;
  return zh ? `请求失败（${status}）` : `Request failed (${status})`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage() === 'en' ? 'en' : 'zh-CN',
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(options.query)}`, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network', fallbackTitle(0));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text().catch(() => '');
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw problemError(response.status, data);
  return data as T;
}

/**
 * The ApiError of a failed answer (its problem+json already parsed, or null), for callers that do
 * not go through `api` (uploads with progress, file downloads); a lost session sends the user to log in.
 */
export function problemError(status: number, data: unknown): ApiError {
  const problem = (data ?? {}) as { code?: string; title?: string; errors?: FieldError[] };
  const error = new ApiError(
    status,
    problem.code ?? (status === 0 ? 'network' : `http.${status}`),
    problem.title ?? fallbackTitle(status),
    Array.isArray(problem.errors) ? problem.errors : [],
  );
  if (error.code === 'auth.required') unauthorizedHandler?.();
  return error;
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
