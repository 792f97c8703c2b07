// Every action the code records in the audit log has words for officials in access.codes.ts: a new
// action without a label would show its code in the audit log.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportActions } from '../monitoring/monitoring.rules.js';
import { auditAction, auditEntity } from './access.codes.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('audit actions', () => {
  const code = sources(srcDir)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

  it('labels every action written by the code', () => {
    // recordAudit({ action: '…' }) and the import's SQL: '…', '<entity type>'
    const written = new Set([
      ...[...code.matchAll(/action: '([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1] as string),
      ...[...code.matchAll(/'([a-zA-Z]+\.[a-zA-Z]+)', '([a-zA-Z]+)'/g)]
        .filter((m) => m[2] && m[2] in auditEntity.labels)
        .map((m) => m[1] as string),
      ...reportActions.map((a) => `villageMonth.${a}`),
      'reportingPolicy.add',
      'warningThresholds.add',
    ]);
    expect(written.size).toBeGreaterThan(20);
    const unlabelled = [...written].filter((a) => !(a in auditAction.labels));
    expect(unlabelled).toEqual([]);
  });

  it('labels every kind of record the code writes about', () => {
    const kinds = new Set([...code.matchAll(/entityType: '([a-zA-Z]+)'/g)].map((m) => m[1] as string));
    expect(kinds.size).toBeGreaterThan(8);
    expect([...kinds].filter((k) => !(k in auditEntity.labels))).toEqual([]);
  });
});
