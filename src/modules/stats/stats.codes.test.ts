import { describe, expect, it } from 'vitest';
import { employmentForm, notWorkingReason, workLocation } from '../registry/registry.codes.js';
import { monthPeopleLabel, warningReason } from './stats.codes.js';

const lists = { employmentForm, workLocation, notWorkingReason };
const label = (list: keyof typeof lists, code: unknown) =>
  typeof code === 'string'
    ? ((lists[list].labels as Record<string, { zh: string }>)[code]?.zh ?? code)
    : '不详';

describe('monthPeopleLabel', () => {
  it('names the list behind each figure as officials say it', () => {
    expect(monthPeopleLabel({}, 'zh')).toBe('全部回访人员');
    expect(monthPeopleLabel({ employed: true }, 'zh')).toBe('已就业');
    expect(monthPeopleLabel({ labourer: true, employed: false }, 'zh')).toBe('劳动力 · 未就业');
    expect(monthPeopleLabel({ employed: true, workLocation: 'outOfProvince' }, 'zh')).toBe('已就业 · 省外');
    expect(monthPeopleLabel({ employed: true, relocated: true }, 'en')).toBe('Relocated · Employed');
    expect(monthPeopleLabel({ zeroEmploymentHousehold: true }, 'zh')).toBe('零就业家庭成员');
  });
});

describe('warningReason', () => {
  it('puts the facts behind a warning in one line', () => {
    expect(warningReason('lowIncome', { income: 819, floor: 1000 }, 'zh', label)).toBe(
      '月收入 819 元，低于 1,000 元',
    );
    expect(warningReason('returned', { previousLocation: 'outOfProvince' }, 'zh', label)).toBe(
      '从省外回流在家',
    );
    expect(warningReason('returned', { previousLocation: null }, 'zh', label)).toBe(
      '务工返乡，本月在家未就业',
    );
    expect(warningReason('lostJob', { previousForm: 'migrantWork', reason: 'returned' }, 'zh', label)).toBe(
      '上月外出务工，本月未就业（务工回流）',
    );
    expect(warningReason('notFollowedUp', { lastMonth: null }, 'en', label)).toBe('Never followed up');
  });
});
