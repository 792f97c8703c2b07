import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkEmploymentSnapshot,
  checkHousehold,
  checkHouseholdMembers,
  isLabourer,
  normalizePhone,
  parseIdNumber,
} from '../modules/registry/registry.rules.js';
import { type DemoHousehold, generatePopulation, Rng, villageCommittee, villagePlace } from './population.js';

const TODAY = '2024-05-01';

// Villages in the regions of the seed documents: Tongliao (科左中旗), Liaocheng (冠县), Linfen (浮山县),
// Jiangxi (兴国县), Hebei (蔚县), written as the statistical division names them.
const VILLAGES = [
  { code: '150521101201', name: '哈日毛都嘎查委员会' },
  { code: '150521102203', name: '张家窝堡村委会' },
  { code: '371525103204', name: '后村村民委员会' },
  { code: '141027100201', name: '北王村委会' },
  { code: '360732104210', name: '长冈村委会' },
  { code: '130726106001', name: '东关社区居委会' },
];

function take(households: number, seed = 1, villages = VILLAGES): DemoHousehold[] {
  return [...generatePopulation({ villages, households, seed, today: TODAY })];
}

describe('Rng', () => {
  it('is deterministic per seed and stream, and differs between them', () => {
    const draw = (seed: number, stream: number) => {
      const rng = new Rng(seed, stream);
      return Array.from({ length: 5 }, () => rng.uint32());
    };
    expect(draw(1, 0)).toEqual(draw(1, 0));
    expect(draw(1, 0)).not.toEqual(draw(2, 0));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
  });

  it('is roughly uniform', () => {
    const rng = new Rng(99);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const b = Math.floor(rng.next() * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(9_500);
    for (const count of buckets) expect(count).toBeLessThan(10_500);
  });
});

describe('generatePopulation: determinism', () => {
  it('gives the same output for the same seed', () => {
    expect(take(300, 7)).toEqual(take(300, 7));
  });

  it('gives different output for a different seed', () => {
    const a = take(300, 7).flatMap((h) => h.members.map((p) => p.idNumber));
    const b = take(300, 8).flatMap((h) => h.members.map((p) => p.idNumber));
    expect(a).not.toEqual(b);
    expect(take(300, 7).map((h) => h.members.length)).not.toEqual(take(300, 8).map((h) => h.members.length));
  });

  it('gives the same first households whatever the total', () => {
    expect(take(50, 3)).toEqual(take(400, 3).slice(0, 50));
  });
});

describe('generatePopulation: streaming', () => {
  it('is lazy: asking for an enormous population and taking three households is instant', () => {
    const started = performance.now();
    const iterator = generatePopulation({
      villages: VILLAGES,
      households: Number.MAX_SAFE_INTEGER,
      seed: 1,
      today: TODAY,
    })[Symbol.iterator]();
    const first = [iterator.next(), iterator.next(), iterator.next()];
    expect(first.every((r) => r.done === false)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('checks its options at the call, not at the first household', () => {
    expect(() =>
      generatePopulation({ villages: VILLAGES, households: 1, seed: 1, today: '2024-02-30' }),
    ).toThrow(RangeError);
    expect(() => generatePopulation({ villages: [], households: 1, seed: 1, today: TODAY })).toThrow(
      RangeError,
    );
    expect(() =>
      generatePopulation({ villages: [{ code: '15x', name: '某村' }], households: 1, seed: 1, today: TODAY }),
    ).toThrow(RangeError);
  });

  it('yields nothing for zero households', () => {
    expect(take(0)).toEqual([]);
  });
});

describe('generatePopulation: uniqueness', () => {
  it('never repeats an ID number, even with 200,000+ people in one county', () => {
    // One county is the hard case: IDs differ there only by birth date and sequence digits.
    const villages = [
      { code: '150521101201', name: '哈日毛都嘎查委员会' },
      { code: '150521102203', name: '张家窝堡村委会' },
      { code: '150521103205', name: '查干花嘎查委员会' },
    ];
    const ids = new Set<string>();
    const householdNos = new Set<string>();
    let people = 0;
    for (const h of generatePopulation({ villages, households: 70_000, seed: 2024, today: TODAY })) {
      householdNos.add(h.householdNo);
      for (const p of h.members) {
        ids.add(p.idNumber);
        people++;
      }
    }
    expect(people).toBeGreaterThanOrEqual(200_000);
    expect(ids.size).toBe(people);
    expect(householdNos.size).toBe(70_000);
  });
});

describe('generatePopulation: several populations in one database', () => {
  const county = [{ code: '150521101201', name: '哈日毛都嘎查委员会' }];
  const idsOf = (seed: number, index: number) =>
    new Set(
      [
        ...generatePopulation({
          villages: county,
          households: 5_000,
          seed,
          today: TODAY,
          idPartition: { index, of: 8 },
        }),
      ].flatMap((h) => h.members.map((p) => p.idNumber)),
    );

  it('never shares an ID number between different partitions, whatever the seeds', () => {
    const a = idsOf(1, 0);
    const b = idsOf(2, 1);
    expect(a.size).toBeGreaterThan(10_000);
    expect([...b].filter((id) => a.has(id))).toEqual([]);
  });

  it('does share them within one partition: the partition is what keeps loads apart', () => {
    const a = idsOf(1, 0);
    expect([...idsOf(2, 0)].some((id) => a.has(id))).toBe(true);
  });

  it('refuses a partition that cannot hold the population, and a malformed one', () => {
    const tooSmall = generatePopulation({
      villages: county,
      households: 20_000,
      seed: 1,
      today: TODAY,
      idPartition: { index: 999, of: 1000 },
    });
    expect(() => [...tooSmall]).toThrow(/too many/);
    for (const idPartition of [
      { index: 8, of: 8 },
      { index: -1, of: 8 },
      { index: 0, of: 0 },
      { index: 0.5, of: 8 },
    ]) {
      expect(() =>
        generatePopulation({ villages: county, households: 1, seed: 1, today: TODAY, idPartition }),
      ).toThrow(RangeError);
    }
  });
});

describe('generatePopulation: every record passes the registry rules', () => {
  const households = take(3_000, 11);

  it('has valid ID numbers that carry the birth date, sex and county of the village', () => {
    for (const h of households) {
      for (const p of h.members) {
        const parsed = parseIdNumber(p.idNumber, TODAY);
        expect(parsed).toEqual({
          ok: true,
          idNumber: p.idNumber,
          birthDate: p.birthDate,
          sex: p.sex,
          areaCode: h.villageCode.slice(0, 6),
        });
      }
    }
  });

  it('has consistent employment snapshots and households', () => {
    for (const h of households) {
      expect(checkHousehold(h)).toEqual([]);
      expect(checkHouseholdMembers(h.members)).toEqual([]);
      for (const p of h.members) expect(checkEmploymentSnapshot(p, TODAY)).toEqual([]);
    }
  });

  it('has plausible people', () => {
    for (const h of households) {
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(7);
      expect(h.householdNo.startsWith(h.villageCode)).toBe(true);
      expect(h.address).toBeTruthy();
      for (const p of h.members) {
        const age = ageOn(p.birthDate, TODAY);
        expect(age).toBeGreaterThanOrEqual(0);
        expect(age).toBeLessThanOrEqual(90);
        expect(p.name.length).toBeGreaterThanOrEqual(2);
        if (p.phone !== null) expect(normalizePhone(p.phone)).toMatchObject({ ok: true, kind: 'mobile' });
        expect(p.disabilityGrade !== null).toBe(p.health === 'disabled');
        if (p.disabilityGrade !== null) expect([1, 2, 3, 4]).toContain(p.disabilityGrade);
        if (age < 16 || age > 64) expect(p.labourAbility).toBe('none');
        if (age < 6) expect(p.education).toBeNull();
        if (p.employmentStatus === 'employed') {
          expect(isLabourer(p, TODAY)).toBe(true);
          expect(p.employmentStart !== null && p.employmentStart >= p.birthDate).toBe(true);
        }
        if (!isLabourer(p, TODAY)) {
          expect(p.employmentStatus).toBe('unemployed');
          expect(p.wantsWork).toBe(false);
        }
      }
    }
  });

  it('has ages consistent with the relations to the head', () => {
    for (const h of households) {
      const head = h.members.find((p) => p.relationToHead === 'head');
      if (!head) throw new Error('no head');
      const headAge = ageOn(head.birthDate, TODAY);
      const spouse = h.members.find((p) => p.relationToHead === 'spouse');
      if (spouse) expect(spouse.sex).not.toBe(head.sex);
      for (const p of h.members) {
        const age = ageOn(p.birthDate, TODAY);
        if (p.relationToHead === 'child') {
          expect(headAge - age).toBeGreaterThanOrEqual(16);
          if (spouse) expect(ageOn(spouse.birthDate, TODAY) - age).toBeGreaterThanOrEqual(16);
        }
        if (p.relationToHead === 'parent') expect(age - headAge).toBeGreaterThanOrEqual(16);
        if (p.relationToHead === 'grandchild') expect(headAge - age).toBeGreaterThanOrEqual(30);
        if (p.relationToHead === 'spouse' || p.relationToHead === 'childInLaw') {
          expect(age).toBeGreaterThanOrEqual(18);
        }
      }
    }
  });

  it('places work where its form says and pays plausibly', () => {
    for (const p of households.flatMap((h) => h.members)) {
      if (p.employmentStatus !== 'employed') continue;
      switch (p.employmentForm) {
        case 'assistanceWorkshop':
        case 'publicWelfarePost':
        case 'farming':
        case 'workRelief':
        case 'localEnterprise':
          expect(p.workLocation).toBe('inCounty');
          break;
        case 'migrantWork':
          expect(['inProvince', 'outOfProvince']).toContain(p.workLocation);
          break;
      }
      if (p.employmentForm === 'publicWelfarePost') {
        expect(p.monthlyIncome).toBeGreaterThanOrEqual(500);
        expect(p.monthlyIncome).toBeLessThanOrEqual(1_500);
        expect(p.employer).toMatch(/委员会$/);
      }
      if (p.employmentForm === 'migrantWork' && p.workLocation === 'outOfProvince') {
        expect(p.monthlyIncome).toBeGreaterThanOrEqual(3_500);
        expect(p.monthlyIncome).toBeLessThanOrEqual(7_000);
        expect(p.workplace).toBeTruthy();
      }
      if (p.employmentForm === 'farming' && p.monthlyIncome !== null)
        expect(p.monthlyIncome).toBeLessThan(2_000);
      if (p.employmentForm === 'assistanceWorkshop') expect(p.employer).toMatch(/帮扶车间$/);
      if (p.organizedByCooperation) expect(p.cooperationName).toMatch(/协作$/);
    }
  });
});

describe('generatePopulation: proportions', () => {
  const households = take(10_000, 5);
  const people = households.flatMap((h) => h.members);
  const share = <T>(items: readonly T[], test: (item: T) => boolean) =>
    items.filter(test).length / items.length;

  it('has households of about three people', () => {
    expect(people.length / households.length).toBeGreaterThan(2.8);
    expect(people.length / households.length).toBeLessThan(3.4);
    expect(share(households, (h) => h.members.length === 1)).toBeGreaterThan(0.1);
    expect(share(households, (h) => h.members.length >= 6)).toBeGreaterThan(0.03);
  });

  it('has the household categories and relocation in their bands', () => {
    expect(share(households, (h) => h.category === 'monitored')).toBeGreaterThan(0.065);
    expect(share(households, (h) => h.category === 'monitored')).toBeLessThan(0.095);
    expect(share(households, (h) => h.category === 'povertyExited')).toBeGreaterThan(0.83);
    expect(share(households, (h) => h.category === 'povertyExited')).toBeLessThan(0.87);
    expect(share(households, (h) => h.relocation !== 'none')).toBeGreaterThan(0.05);
    expect(share(households, (h) => h.relocation !== 'none')).toBeLessThan(0.07);
    const relocated = households.filter((h) => h.relocation !== 'none');
    expect(share(relocated, (h) => h.relocation === 'centralized')).toBeGreaterThan(0.7);
    for (const h of relocated) {
      if (h.relocation === 'centralized') expect(h.resettlementSite).toMatch(/安置区$/);
    }
  });

  it('spans the ages and both sexes', () => {
    const ages = people.map((p) => ageOn(p.birthDate, TODAY));
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(88);
    expect(share(ages, (a) => a < 16)).toBeGreaterThan(0.12);
    expect(share(ages, (a) => a >= 65)).toBeGreaterThan(0.12);
    expect(share(people, (p) => p.sex === 'F')).toBeGreaterThan(0.44);
    expect(share(people, (p) => p.sex === 'F')).toBeLessThan(0.52);
  });

  it('employs 70–80 % of labourers, migrant work first', () => {
    const labourers = people.filter((p) => isLabourer(p, TODAY));
    expect(labourers.length / people.length).toBeGreaterThan(0.5);
    expect(share(labourers, (p) => p.employmentStatus === 'employed')).toBeGreaterThan(0.7);
    expect(share(labourers, (p) => p.employmentStatus === 'employed')).toBeLessThan(0.8);
    const employed = labourers.filter((p) => p.employmentStatus === 'employed');
    const byForm = new Map<string, number>();
    for (const p of employed)
      byForm.set(String(p.employmentForm), (byForm.get(String(p.employmentForm)) ?? 0) + 1);
    const ranked = [...byForm.entries()].sort((a, b) => b[1] - a[1]).map(([form]) => form);
    expect(ranked[0]).toBe('migrantWork');
    expect(ranked.at(-1)).toBe('workRelief');
    expect(share(employed, (p) => p.employmentForm === 'publicWelfarePost')).toBeLessThan(0.12);
    expect(share(employed, (p) => p.workLocation === 'outOfProvince')).toBeGreaterThan(0.1);
    expect(share(employed, (p) => p.organizedByCooperation)).toBeGreaterThan(0.02);
  });

  it('gives reasons for not working, students in school', () => {
    const idleLabourers = people.filter((p) => isLabourer(p, TODAY) && p.employmentStatus === 'unemployed');
    const reasons = new Set(idleLabourers.map((p) => p.notWorkingReason));
    for (const r of ['idle', 'returned', 'caringForFamily', 'ill', 'inSchool']) expect(reasons).toContain(r);
    const schoolAge = people.filter((p) => {
      const age = ageOn(p.birthDate, TODAY);
      return age >= 7 && age <= 14;
    });
    expect(share(schoolAge, (p) => p.notWorkingReason === 'inSchool')).toBeGreaterThan(0.9);
  });

  it('gives labour ability, health and phones in plausible shares', () => {
    const workingAge = people.filter((p) => {
      const age = ageOn(p.birthDate, TODAY);
      return age >= 16 && age <= 64;
    });
    expect(share(workingAge, (p) => p.labourAbility === 'ordinary')).toBeGreaterThan(0.55);
    expect(share(workingAge, (p) => p.labourAbility === 'skilled')).toBeGreaterThan(0.05);
    expect(share(people, (p) => p.health === 'healthy')).toBeGreaterThan(0.7);
    expect(share(people, (p) => p.health === 'disabled')).toBeGreaterThan(0.02);
    expect(share(households, (h) => h.members.some((p) => p.phone !== null))).toBeGreaterThan(0.8);
  });

  it('numbers households per village and uses the village in addresses', () => {
    const byVillage = new Map<string, string[]>();
    for (const h of households)
      byVillage.set(h.villageCode, [...(byVillage.get(h.villageCode) ?? []), h.householdNo]);
    expect(byVillage.size).toBe(VILLAGES.length);
    for (const [code, numbers] of byVillage) {
      expect(numbers[0]).toBe(`${code}0001`);
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });

  it('labels cooperation by the province people come from', () => {
    const cooperation = new Map<string, Set<string>>();
    for (const h of households) {
      for (const p of h.members) {
        if (!p.cooperationName) continue;
        const province = h.villageCode.slice(0, 2);
        cooperation.set(province, (cooperation.get(province) ?? new Set()).add(p.cooperationName));
      }
    }
    expect(cooperation.get('15')).toContain('京蒙劳务协作');
    expect([...(cooperation.get('37') ?? [])]).toEqual(['省内劳务协作']);
  });
});

describe('village names', () => {
  it.each([
    ['张庄村委会', '张庄村', '张庄村民委员会'],
    ['后村村民委员会', '后村村', '后村村民委员会'],
    ['东关社区居委会', '东关社区', '东关社区居民委员会'],
    ['哈日毛都嘎查委员会', '哈日毛都嘎查', '哈日毛都嘎查村民委员会'],
    ['张庄村', '张庄村', '张庄村民委员会'],
  ])('%s → place %s, committee %s', (name, place, committee) => {
    expect(villagePlace(name)).toBe(place);
    expect(villageCommittee(name)).toBe(committee);
  });
});

describe('generatePopulation: names of places', () => {
  it('uses the county and province names it is given', () => {
    const households = [
      ...generatePopulation({
        villages: [{ code: '150521101201', name: '哈日毛都嘎查委员会' }],
        households: 400,
        seed: 9,
        today: TODAY,
        countyName: (code) => (code === '150521' ? '科左中旗' : undefined),
        provinceName: (code) => (code === '15' ? '内蒙古' : '?'),
      }),
    ];
    const people = households.flatMap((h) => h.members);
    expect(people.some((p) => p.workplace === '科左中旗')).toBe(true);
    expect(people.some((p) => p.workplace?.startsWith('内蒙古') && p.workLocation === 'inProvince')).toBe(
      true,
    );
    expect(households.some((h) => h.resettlementSite?.startsWith('科左中旗'))).toBe(true);
  });
});
