import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkEmploymentSnapshot,
  checkHousehold,
  checkHouseholdMembers,
  type EmploymentSnapshot,
  type HouseholdFlags,
  idCheckCharacter,
  idNumberKey,
  isDateText,
  isLabourer,
  looksLikeExcelMangledIdNumber,
  maskIdNumber,
  maskPhone,
  normalizePhone,
  parseIdNumber,
} from './registry.rules.js';

// A local-time Date for 1 May 2024: the rules read a Date's local calendar day.
const TODAY = new Date(2024, 4, 1);

/** An ID built from its parts with a correct check character. */
function id(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  return first17 + idCheckCharacter(first17);
}

describe('idCheckCharacter', () => {
  it.each([
    // The worked examples of GB 11643-1999.
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['15052119840315123', idCheckCharacter('15052119840315123')],
  ])('%s → %s', (first17, expected) => {
    expect(idCheckCharacter(first17)).toBe(expected);
  });

  it('gives every one of the 11 characters for some input', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) seen.add(idCheckCharacter(`1505211984031${String(n).padStart(4, '0')}`));
    expect([...seen].sort().join('')).toBe('0123456789X');
  });

  it.each(['', '1505211984031512', '150521198403151234', '1505211984031512a'])('rejects %j', (bad) => {
    expect(() => idCheckCharacter(bad)).toThrow(RangeError);
  });
});

describe('parseIdNumber', () => {
  it('parses the GB 11643 example 11010519491231002X', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      areaCode: '110105',
    });
  });

  const valid = [
    ['male, odd 17th digit', id('150521', '19840315', '123'), '1984-03-15', 'M'],
    ['female, even 17th digit', id('150521', '19840315', '124'), '1984-03-15', 'F'],
    ['29 February of a leap year', id('371521', '20000229', '001'), '2000-02-29', 'M'],
    ['born on 1900-01-01', id('140000', '19000101', '010'), '1900-01-01', 'F'],
    ['born today', id('360000', '20240501', '002'), '2024-05-01', 'F'],
    // An ID keeps the county code it was issued under, even one that no longer exists.
    ['unknown area code', id('990101', '19700101', '005'), '1970-01-01', 'M'],
  ] as const;
  it.each(valid)('accepts %s', (_label, raw, birthDate, sex) => {
    const parsed = parseIdNumber(raw, TODAY);
    expect(parsed).toEqual({ ok: true, idNumber: raw, birthDate, sex, areaCode: raw.slice(0, 6) });
  });

  it.each([
    ['lower-case x', '11010519491231002x'],
    ['full-width digits and X', '１１０１０５１９４９１２３１００２Ｘ'],
    ['full-width lower-case x', '１１０１０５１９４９１２３１００２ｘ'],
    ['surrounding spaces and tab', '  11010519491231002X\t'],
    ['ideographic spaces', '\u300011010519491231002X\u3000'],
  ])('normalises %s', (_label, raw) => {
    const parsed = parseIdNumber(raw, TODAY);
    expect(parsed.ok && parsed.idNumber).toBe('11010519491231002X');
  });

  it('accepts "today" as text as well as a Date', () => {
    expect(parseIdNumber('11010519491231002X', '2024-05-01').ok).toBe(true);
  });

  const base = id('150521', '19840315', '123');
  const wrongCheck = base.slice(0, 17) + (base.endsWith('0') ? '1' : '0');
  it.each([
    ['empty', '', 'idNumber.empty'],
    ['blank', '   ', 'idNumber.empty'],
    ['wrong check character', wrongCheck, 'idNumber.checkDigit'],
    [
      'two neighbours swapped',
      `${base.slice(0, 14)}${base[15]}${base[14]}${base.slice(16)}`,
      'idNumber.checkDigit',
    ],
    ['the 15-digit first-generation ID', '150521840315123', 'idNumber.length'],
    ['17 digits', base.slice(0, 17), 'idNumber.length'],
    ['19 characters', `${base}1`, 'idNumber.length'],
    ['a letter', `${base.slice(0, 17)}A`, 'idNumber.characters'],
    ['X not at the end', `${base.slice(0, 10)}X${base.slice(11)}`, 'idNumber.characters'],
    ['a hyphen', `${base.slice(0, 6)}-${base.slice(6)}`, 'idNumber.characters'],
    ['inner space', `${base.slice(0, 6)} ${base.slice(6)}`, 'idNumber.characters'],
    ['2月30日', id('150521', '19840230', '123'), 'idNumber.birthDate'],
    ['29 February of a common year', id('150521', '19010229', '123'), 'idNumber.birthDate'],
    ['month 13', id('150521', '19841301', '123'), 'idNumber.birthDate'],
    ['day 00', id('150521', '19840300', '123'), 'idNumber.birthDate'],
    [
      'born before 1900 (GB 11643 example 440524188001010014)',
      '440524188001010014',
      'idNumber.birthTooEarly',
    ],
    ['born tomorrow', id('150521', '20240502', '123'), 'idNumber.futureBirth'],
    ['born in 2099', id('150521', '20990101', '123'), 'idNumber.futureBirth'],
    ['Excel scientific notation', '1.50521198412057E+17', 'idNumber.excelMangled'],
  ])('rejects %s', (_label, raw, code) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, code });
  });
});

describe('idNumberKey', () => {
  it('is exact: neighbouring IDs, the extremes of every part, and a sample all have their own key', () => {
    const ids = [
      id('110105', '19491231', '002'),
      id('110105', '19491231', '003'),
      id('110105', '19500101', '002'),
      id('110106', '19491231', '002'),
      id('000000', '19000101', '000'),
      id('999999', '20991231', '999'),
    ];
    for (let n = 0; n < 5000; n++)
      ids.push(
        id(
          String(130000 + (n % 97)),
          `19${String(40 + (n % 60))}0${1 + (n % 9)}1${n % 10}`,
          String(n % 1000).padStart(3, '0'),
        ),
      );
    const unique = new Set(ids);
    const keys = new Set([...unique].map(idNumberKey));
    expect(keys.size).toBe(unique.size);
    for (const key of keys) expect(Number.isSafeInteger(key)).toBe(true);
    expect(idNumberKey(id('110105', '19491231', '002'))).toBe(idNumberKey('11010519491231002X'));
  });
});

describe('ageOn', () => {
  it.each([
    ['1984-03-15', '2024-03-14', 39],
    ['1984-03-15', '2024-03-15', 40],
    ['1984-03-15', '2024-12-31', 40],
    ['2024-05-01', '2024-05-01', 0],
    ['2000-02-29', '2023-02-28', 22],
    ['2000-02-29', '2023-03-01', 23],
    ['2000-02-29', '2024-02-29', 24],
  ])('born %s, on %s → %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('accepts a Date and reads its local calendar day', () => {
    expect(ageOn('1984-05-01', new Date(2024, 4, 1, 23, 59))).toBe(40);
    expect(ageOn('1984-05-02', new Date(2024, 4, 1, 0, 0))).toBe(39);
  });

  it('throws on text that is not a date', () => {
    expect(() => ageOn('1984-02-30', '2024-01-01')).toThrow(RangeError);
  });
});

describe('isDateText', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['20240101', false],
  ])('%s → %s', (text, expected) => {
    expect(isDateText(text)).toBe(expected);
  });
});

describe('looksLikeExcelMangledIdNumber', () => {
  it.each([
    [150521198412057000, true],
    [1.50521198412057e17, true],
    ['1.50521198412057E+17', true],
    ['1.50521E+17', true],
    [' 1.50521198412057e+17 ', true],
    ['１.50521198412057E+17', true],
    [1e17, true],
    [12345, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['150521198403151234', false],
    ['11010519491231002X', false],
    ['1.5E+5', false],
    [null, false],
    [undefined, false],
    [{}, false],
  ])('%j → %s', (value, expected) => {
    expect(looksLikeExcelMangledIdNumber(value)).toBe(expected);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678', 'mobile'],
    [' 138 1234 5678 ', '13812345678', 'mobile'],
    ['138-1234-5678', '13812345678', 'mobile'],
    ['１３８１２３４５６７８', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['+8613812345678', '13812345678', 'mobile'],
    ['008613812345678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['19912345678', '19912345678', 'mobile'],
    ['0635-8888888', '0635-8888888', 'landline'],
    ['(0635)8888888', '0635-8888888', 'landline'],
    ['（0635）8888888', '0635-8888888', 'landline'],
    ['0635 8888888', '0635-8888888', 'landline'],
    ['06358888888', '0635-8888888', 'landline'],
    ['010-62345678', '010-62345678', 'landline'],
    ['021 6234 5678', '021-62345678', 'landline'],
    ['0475-82345678', '0475-82345678', 'landline'],
    ['+86 635 8888888', '0635-8888888', 'landline'],
  ])('%j → %s (%s)', (raw, phone, kind) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, phone, kind });
  });

  it.each([
    ['', 'phone.empty'],
    ['   ', 'phone.empty'],
    ['abc', 'phone.characters'],
    ['138x1234567', 'phone.characters'],
    ['13812345678转123', 'phone.characters'],
    ['12812345678', 'phone.mobile'],
    ['1381234567', 'phone.mobile'],
    ['138123456789', 'phone.mobile'],
    ['0635-888', 'phone.landline'],
    ['010-12345678', 'phone.landline'],
    ['0635-088888888', 'phone.landline'],
    ['8888888', 'phone.areaCodeMissing'],
    ['62345678', 'phone.areaCodeMissing'],
    ['400-123-4567', 'phone.format'],
  ])('%j → %s', (raw, code) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, code });
  });
});

describe('masking', () => {
  it.each([
    ['150521198403151234', '150521********1234'],
    ['11010519491231002X', '110105********002X'],
    [' 150521198403151234 ', '150521********1234'],
    ['150521840315123', '150521*****5123'],
    ['12345', '1***5'],
    ['123', '***'],
    ['', ''],
  ])('maskIdNumber(%j) → %j', (value, masked) => {
    expect(maskIdNumber(value)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['0635-8888888', '0635-***8888'],
    ['010-62345678', '010-****5678'],
    ['12345', '1***5'],
    ['123', '***'],
    ['', ''],
  ])('maskPhone(%j) → %j', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });

  it('passes null through', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
  });

  it('keeps the length, so a masked value still looks like what it hides', () => {
    expect(maskIdNumber('150521198403151234')).toHaveLength(18);
    expect(maskPhone('13812345678')).toHaveLength(11);
  });
});

describe('checkEmploymentSnapshot', () => {
  const employed: EmploymentSnapshot = {
    employmentStatus: 'employed',
    employmentForm: 'migrantWork',
    workLocation: 'outOfProvince',
    workplace: '浙江省宁波市',
    employer: '宁波市鑫达电子有限公司',
    monthlyIncome: 5200,
    notWorkingReason: null,
    employmentStart: '2023-03-01',
    organizedByCooperation: true,
    cooperationName: '京蒙劳务协作',
  };
  const notEmployed: EmploymentSnapshot = {
    employmentStatus: 'unemployed',
    employmentForm: null,
    workLocation: null,
    workplace: null,
    employer: null,
    monthlyIncome: null,
    notWorkingReason: 'returned',
    employmentStart: null,
    organizedByCooperation: false,
    cooperationName: null,
  };

  it('accepts consistent snapshots', () => {
    expect(checkEmploymentSnapshot(employed, TODAY)).toEqual([]);
    expect(checkEmploymentSnapshot(notEmployed, TODAY)).toEqual([]);
  });

  it.each<[string, EmploymentSnapshot]>([
    [
      'employed without employer, income, start or cooperation',
      {
        ...employed,
        employer: null,
        monthlyIncome: null,
        employmentStart: null,
        organizedByCooperation: false,
        cooperationName: null,
      },
    ],
    ['organised without a cooperation name', { ...employed, cooperationName: null }],
    ['income 0', { ...employed, monthlyIncome: 0 }],
    ['income just below the bound', { ...employed, monthlyIncome: 99_999 }],
    ['started today', { ...employed, employmentStart: '2024-05-01' }],
    ['not employed with income 0 ("no income")', { ...notEmployed, monthlyIncome: 0 }],
    ['not employed with blank texts', { ...notEmployed, employer: '', workplace: ' ', employmentStart: '' }],
    ['workplace not passed at all', (({ workplace: _w, ...rest }) => rest)(notEmployed)],
  ])('accepts %s', (_label, snapshot) => {
    expect(checkEmploymentSnapshot(snapshot, TODAY)).toEqual([]);
  });

  it.each<[string, EmploymentSnapshot, string, string]>([
    [
      'employed without form',
      { ...employed, employmentForm: null },
      'employmentForm',
      'employment.formRequired',
    ],
    [
      'employed without location',
      { ...employed, workLocation: null },
      'workLocation',
      'employment.locationRequired',
    ],
    [
      'employed with a reason',
      { ...employed, notWorkingReason: 'idle' },
      'notWorkingReason',
      'employment.reasonNotAllowed',
    ],
    [
      'not employed without reason',
      { ...notEmployed, notWorkingReason: null },
      'notWorkingReason',
      'employment.reasonRequired',
    ],
    [
      'not employed with form',
      { ...notEmployed, employmentForm: 'farming' },
      'employmentForm',
      'employment.formNotAllowed',
    ],
    [
      'not employed with location',
      { ...notEmployed, workLocation: 'inCounty' },
      'workLocation',
      'employment.locationNotAllowed',
    ],
    [
      'not employed with workplace',
      { ...notEmployed, workplace: '北京市' },
      'workplace',
      'employment.workplaceNotAllowed',
    ],
    [
      'not employed with employer',
      { ...notEmployed, employer: '某公司' },
      'employer',
      'employment.employerNotAllowed',
    ],
    [
      'not employed with income',
      { ...notEmployed, monthlyIncome: 3000 },
      'monthlyIncome',
      'employment.incomeNotAllowed',
    ],
    [
      'not employed with start',
      { ...notEmployed, employmentStart: '2023-01-01' },
      'employmentStart',
      'employment.startNotAllowed',
    ],
    [
      'not employed but organised',
      { ...notEmployed, organizedByCooperation: true },
      'organizedByCooperation',
      'employment.cooperationNotAllowed',
    ],
    ['negative income', { ...employed, monthlyIncome: -1 }, 'monthlyIncome', 'employment.incomeNegative'],
    [
      'income at the bound',
      { ...employed, monthlyIncome: 100_000 },
      'monthlyIncome',
      'employment.incomeTooHigh',
    ],
    [
      'yearly income in the monthly column',
      { ...employed, monthlyIncome: 620_000 },
      'monthlyIncome',
      'employment.incomeTooHigh',
    ],
    [
      'income not a number',
      { ...employed, monthlyIncome: Number.NaN },
      'monthlyIncome',
      'employment.incomeInvalid',
    ],
    [
      'start tomorrow',
      { ...employed, employmentStart: '2024-05-02' },
      'employmentStart',
      'employment.startInFuture',
    ],
    [
      'start not a date',
      { ...employed, employmentStart: '2024-02-30' },
      'employmentStart',
      'employment.startInvalid',
    ],
    [
      'cooperation name without cooperation',
      { ...employed, organizedByCooperation: false },
      'cooperationName',
      'employment.cooperationNameNotAllowed',
    ],
  ])('flags %s', (_label, snapshot, field, code) => {
    expect(checkEmploymentSnapshot(snapshot, TODAY)).toEqual([{ field, code }]);
  });

  it('reports every problem of a record at once', () => {
    const problems = checkEmploymentSnapshot(
      { ...notEmployed, employmentForm: 'farming', monthlyIncome: -5, notWorkingReason: null },
      TODAY,
    );
    expect(problems.map((p) => p.code).sort()).toEqual([
      'employment.formNotAllowed',
      'employment.incomeNegative',
      'employment.incomeNotAllowed',
      'employment.reasonRequired',
    ]);
  });

  it('takes the income bound as configuration', () => {
    const snapshot = { ...employed, monthlyIncome: 30_000 };
    expect(checkEmploymentSnapshot(snapshot, TODAY)).toEqual([]);
    expect(checkEmploymentSnapshot(snapshot, TODAY, { maxMonthlyIncome: 20_000 })).toEqual([
      { field: 'monthlyIncome', code: 'employment.incomeTooHigh' },
    ]);
  });

  it('accepts "today" as text', () => {
    expect(checkEmploymentSnapshot({ ...employed, employmentStart: '2024-05-02' }, '2024-05-02')).toEqual([]);
  });
});

describe('isLabourer', () => {
  it.each([
    ['ordinary, 16 today', 'ordinary', '2008-05-01', true],
    ['ordinary, one day short of 16', 'ordinary', '2008-05-02', false],
    ['weak, 40', 'weak', '1984-01-01', true],
    ['partial, 64', 'partial', '1959-05-02', true],
    ['skilled, 65 today', 'skilled', '1959-05-01', false],
    ['no labour ability, 40', 'none', '1984-01-01', false],
  ] as const)('%s → %s', (_label, labourAbility, birthDate, expected) => {
    expect(isLabourer({ labourAbility, birthDate }, TODAY)).toBe(expected);
  });

  it('takes the working-age band as a parameter', () => {
    const p = { labourAbility: 'ordinary', birthDate: '1962-01-01' } as const;
    expect(isLabourer(p, '2024-05-01')).toBe(true);
    expect(isLabourer(p, '2024-05-01', { minAge: 16, maxAge: 60 })).toBe(false);
  });
});

describe('checkHousehold', () => {
  const plain: HouseholdFlags = {
    category: 'povertyExited',
    monitoringType: null,
    relocation: 'none',
    resettlementSite: null,
  };

  it.each<[string, HouseholdFlags]>([
    ['poverty-exited, not relocated', plain],
    ['monitored with a type', { ...plain, category: 'monitored', monitoringType: 'marginal' }],
    ['low-income', { ...plain, category: 'lowIncome' }],
    ['centralized with a site', { ...plain, relocation: 'centralized', resettlementSite: '幸福家园安置区' }],
    ['centralized, site not yet entered', { ...plain, relocation: 'centralized' }],
    ['dispersed without a site', { ...plain, relocation: 'dispersed' }],
    ['not relocated, blank site', { ...plain, resettlementSite: '  ' }],
  ])('accepts %s', (_label, h) => {
    expect(checkHousehold(h)).toEqual([]);
  });

  it.each<[string, HouseholdFlags, string, string]>([
    [
      'monitored without a type',
      { ...plain, category: 'monitored' },
      'monitoringType',
      'household.monitoringTypeRequired',
    ],
    [
      'exited with a monitoring type',
      { ...plain, monitoringType: 'suddenHardship' },
      'monitoringType',
      'household.monitoringTypeNotAllowed',
    ],
    [
      'low-income with a monitoring type',
      { ...plain, category: 'lowIncome', monitoringType: 'marginal' },
      'monitoringType',
      'household.monitoringTypeNotAllowed',
    ],
    [
      'not relocated with a site',
      { ...plain, resettlementSite: '幸福家园安置区' },
      'resettlementSite',
      'household.resettlementSiteNotAllowed',
    ],
  ])('flags %s', (_label, h, field, code) => {
    expect(checkHousehold(h)).toEqual([{ field, code }]);
  });
});

describe('checkHouseholdMembers', () => {
  it.each([
    ['a head alone', ['head']],
    ['a family', ['head', 'spouse', 'child', 'child', 'parent', 'parent']],
    ['three generations', ['head', 'spouse', 'child', 'childInLaw', 'grandchild']],
  ] as const)('accepts %s', (_label, relations) => {
    expect(checkHouseholdMembers(relations.map((relationToHead) => ({ relationToHead })))).toEqual([]);
  });

  it.each([
    ['no members', [], [{ field: 'relationToHead', code: 'household.headMissing' }]],
    ['no head', ['spouse', 'child'], [{ field: 'relationToHead', code: 'household.headMissing' }]],
    [
      'two heads',
      ['head', 'child', 'head'],
      [{ field: 'relationToHead', code: 'household.headNotUnique', index: 2 }],
    ],
    [
      'two spouses',
      ['head', 'spouse', 'spouse'],
      [{ field: 'relationToHead', code: 'household.spouseNotUnique', index: 2 }],
    ],
  ] as const)('flags %s', (_label, relations, problems) => {
    expect(checkHouseholdMembers(relations.map((relationToHead) => ({ relationToHead })))).toEqual(problems);
  });
});
