// Receiving an uploaded spreadsheet: streamed to a file of its own, its size capped as it arrives
// (nothing is held in memory) and its SHA-256 taken on the way.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors.js';

export interface SavedUpload {
  file: string;
  size: number;
  sha256: string;
}

/** Writes the stream to a new file in `dir`; refuses an empty file or one over `limit` bytes. */
export async function saveUpload(stream: Readable, dir: string, limit: number): Promise<SavedUpload> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `upload-${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > limit) throw new AppError('request.tooLarge');
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(file),
    );
    if (size === 0) throw new AppError('ledger.badFile', { params: { reason: '文件为空' } });
    return { file, size, sha256: hash.digest('hex') };
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}
