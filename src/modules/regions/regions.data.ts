// Reads the shipped region tree, assets/regions/regions-2023.tsv.gz (see assets/regions/README.md):
// gzip-compressed `CODE\tNAME` lines, `#` lines are comments.
import { createReadStream, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

export interface RegionRow {
  /** 12-digit statistical code. */
  code: string;
  /** Official name as published (villages in their committee form, 贾庄村民委员会). */
  name: string;
}

const ASSET = join('assets', 'regions', 'regions-2023.tsv.gz');

let packageRoot: string | undefined;

/**
 * The folder holding package.json, found by walking up from this file, so the same code finds the
 * asset from src/modules/regions (tests, tsx) and from dist/modules/regions (the built package).
 */
function findPackageRoot(): string {
  if (packageRoot) return packageRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  packageRoot = dir;
  return dir;
}

/** Absolute path of the shipped region asset. */
export function regionAssetPath(): string {
  return join(findPackageRoot(), ASSET);
}

/**
 * All regions of the asset, in file order (sorted by code). Streams through gunzip and readline, so
 * only the rows are held, not the 3 MB of text. Throws on a malformed line with its line number rather
 * than loading a half-read tree.
 */
export async function readRegionAsset(path: string = regionAssetPath()): Promise<RegionRow[]> {
  const file = createReadStream(path);
  const gunzip = createGunzip();
  // pipe() does not forward errors; readline's iterator rejects on errors of its input (gunzip).
  file.on('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: file.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });

  const rows: RegionRow[] = [];
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line === '' || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      const code = line.slice(0, tab);
      const name = line.slice(tab + 1).trim();
      if (tab < 0 || !/^\d{12}$/.test(code) || name === '') {
        throw new Error(`${path}:${lineNumber}: not a CODE<TAB>NAME line: ${JSON.stringify(line)}`);
      }
      rows.push({ code, name });
    }
  } finally {
    file.destroy();
  }
  return rows;
}
