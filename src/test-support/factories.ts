// Builders for tests: each makes what it needs (accounts, households) so test files stay independent.
import { hash } from '@node-rs/argon2';
import type { Database } from '../db/database.js';
import type { Role } from '../modules/access/access.rules.js';
import type { PersonFields } from '../modules/registry/registry.dto.js';
import { idCheckCharacter } from '../modules/registry/registry.rules.js';

let sequence = 0;

/** A valid resident ID number, different on every call within a test process. */
export function validIdNumber(
  options: { county?: string; birthDate?: string; female?: boolean } = {},
): string {
  sequence++;
  const county = options.county ?? '150521';
  const birth = (options.birthDate ?? '1985-03-15').replaceAll('-', '');
  // Order code: 3 digits, odd for men, even for women; combined with the birth date for uniqueness.
  const order = (sequence * 2 + (options.female ? 0 : 1)) % 1000;
  const day = String((Math.floor((sequence * 2) / 1000) % 28) + 1).padStart(2, '0');
  const first17 = `${county}${birth.slice(0, 6)}${options.birthDate ? birth.slice(6) : day}${String(order).padStart(3, '0')}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

export function personFields(overrides: Partial<PersonFields> = {}): PersonFields {
  return {
    name: '张三',
    idNumber: validIdNumber(),
    relationToHead: 'head',
    phone: '13812345678',
    education: 'juniorHigh',
    labourAbility: 'ordinary',
    health: 'healthy',
    disabilityGrade: null,
    skills: [],
    wantsWork: true,
    wantsTraining: false,
    workAwayWillingness: 'inProvince',
    employmentStatus: 'employed',
    employmentForm: 'migrantWork',
    workLocation: 'inProvince',
    workplace: '内蒙古自治区呼和浩特市',
    employer: '呼和浩特市某建筑公司',
    employmentStart: '2024-03-01',
    monthlyIncome: 4200,
    notWorkingReason: null,
    organizedByCooperation: false,
    cooperationName: null,
    ...overrides,
  };
}

/** Villages of the shipped tree: `count` villages below `regionCode`, in code order. */
export async function villages(database: Database, regionCode: string, count: number): Promise<string[]> {
  const prefix = regionCode.replace(/0+$/, '');
  const rows = await database.db
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 5)
    .where('code', 'like', `${prefix}%`)
    .orderBy('code')
    .limit(count)
    .execute();
  return rows.map((r) => r.code);
}

let userSequence = 0;
let cachedHash: Promise<string> | undefined;
export const testPassword = 'test1234';

/** An account with a known password, inserted directly (faster than hashing per test). */
export async function buildUser(database: Database, role: Role, regionCode: string) {
  cachedHash ??= hash(testPassword);
  const username = `user${++userSequence}_${process.pid}`;
  const user = await database.db
    .insertInto('users')
    .values({
      username,
      displayName: `测试${userSequence}`,
      passwordHash: await cachedHash,
      role,
      regionCode,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return user;
}
