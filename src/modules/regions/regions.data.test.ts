import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RegionRow, readRegionAsset, regionAssetPath } from './regions.data.js';
import { parentCode, type RegionLevel, regionAliases, regionLevel } from './regions.rules.js';

describe('the shipped region asset', () => {
  let rows: RegionRow[];
  let names: Map<string, string>;
  const childrenNames = (code: string) => rows.filter((r) => parentCode(r.code) === code).map((r) => r.name);

  beforeAll(async () => {
    rows = await readRegionAsset();
    names = new Map(rows.map((r) => [r.code, r.name]));
  });

  it('is found from the package root', () => {
    expect(regionAssetPath()).toMatch(/assets[\\/]regions[\\/]regions-2023\.tsv\.gz$/);
    expect(existsSync(regionAssetPath())).toBe(true);
  });

  it('holds the expected number of rows', () => {
    expect(rows.length).toBeGreaterThan(88_000);
    expect(rows.length).toBeLessThan(89_000);
  });

  it('has well-formed, unique codes in sorted order and non-empty names', () => {
    expect(rows.every((r) => /^\d{12}$/.test(r.code))).toBe(true);
    expect(rows.every((r) => r.name.length > 0 && !/[\t\n]/.test(r.name))).toBe(true);
    expect(names.size).toBe(rows.length);
    expect(rows.every((r, i) => i === 0 || (rows[i - 1] as RegionRow).code < r.code)).toBe(true);
  });

  it('has the parent of every row below province', () => {
    const orphans = rows.filter((r) => {
      const parent = parentCode(r.code);
      return parent !== null && !names.has(parent);
    });
    expect(orphans).toEqual([]);
  });

  it('counts rows per level as extracted', () => {
    const counts: Partial<Record<RegionLevel, number>> = {};
    for (const r of rows) {
      const level = regionLevel(r.code);
      counts[level] = (counts[level] ?? 0) + 1;
    }
    expect(counts.province).toBe(5);
    expect(counts.city).toBe(25);
    expect(counts.county).toBeGreaterThan(300);
    expect(counts.town).toBeGreaterThan(4_000);
    expect(counts.village).toBeGreaterThan(40_000);
  });

  it('ships whole provinces and only the seed cities of the others', () => {
    const provinces = rows.filter((r) => regionLevel(r.code) === 'province').map((r) => r.name);
    expect(provinces).toEqual(['河北省', '山西省', '内蒙古自治区', '江西省', '山东省']);
    expect(childrenNames('150000000000')).toEqual(['通辽市']);
    expect(childrenNames('140000000000')).toEqual(['临汾市']);
    expect(childrenNames('370000000000')).toEqual(['聊城市']);
    expect(childrenNames('130000000000')).toHaveLength(11);
    expect(childrenNames('360000000000')).toHaveLength(11);
  });

  it('has 科尔沁左翼中旗, written 科左中旗', () => {
    const name = names.get('150521000000');
    expect(name).toBe('科尔沁左翼中旗');
    expect(regionAliases(name as string, 'county')).toContain('科左中旗');
  });

  it('has 东昌府区 in Liaocheng', () => {
    expect(names.get('371502000000')).toBe('东昌府区');
    expect(names.get('371500000000')).toBe('聊城市');
  });

  it("has Tongliao's counties of the seed's target table", () => {
    expect(childrenNames('150500000000')).toEqual(
      expect.arrayContaining(['科尔沁区', '科尔沁左翼中旗', '开鲁县', '库伦旗', '奈曼旗', '扎鲁特旗']),
    );
  });

  it('never aliases a region by its own name or by a single character', () => {
    const bad = rows.filter((r) => {
      const aliases = regionAliases(r.name, regionLevel(r.code));
      return aliases.includes(r.name) || aliases.some((a) => a.length < 2);
    });
    expect(bad).toEqual([]);
  });
});

describe('readRegionAsset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regions-'));
  const write = (file: string, text: string) => {
    const path = join(dir, file);
    writeFileSync(path, gzipSync(text));
    return path;
  };

  it('skips comment and empty lines and reads CRLF files', async () => {
    const path = write(
      'ok.tsv.gz',
      '# source: test\r\n130000000000\t河北省\r\n\r\n130100000000\t石家庄市\r\n',
    );
    expect(await readRegionAsset(path)).toEqual([
      { code: '130000000000', name: '河北省' },
      { code: '130100000000', name: '石家庄市' },
    ]);
  });

  it.each([
    ['no tab', '130000000000 河北省\n'],
    ['short code', '1300\t河北省\n'],
    ['empty name', '130000000000\t\n'],
  ])('rejects a malformed line (%s) with its line number', async (_, text) => {
    const path = write('bad.tsv.gz', `# header\n${text}`);
    await expect(readRegionAsset(path)).rejects.toThrow(/:2: not a CODE<TAB>NAME line/);
  });

  it('rejects a missing file and a file that is not gzip', async () => {
    await expect(readRegionAsset(join(dir, 'missing.tsv.gz'))).rejects.toThrow(/ENOENT/);
    const plain = join(dir, 'plain.tsv');
    writeFileSync(plain, '130000000000\t河北省\n');
    await expect(readRegionAsset(plain)).rejects.toThrow();
  });
});
