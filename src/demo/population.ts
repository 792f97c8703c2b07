// A deterministic synthetic population for demos, load tests and screenshots: households of rural
// labourers with plausible ages, ID numbers, labour ability, health and employment, spread over the
// villages the caller passes. Pure: no I/O, no clock, no Math.random — the same options always give the
// same people, so a demo database can be rebuilt and a benchmark repeated.
//
// It streams: `generatePopulation` returns a generator, so a million people are produced one household
// at a time. The only state kept across households is one counter per (county, birth year, sex) for
// ID numbers and one counter per village for household numbers — bounded by the regions, not by people.
import type {
  Education,
  EmploymentForm,
  Health,
  HouseholdCategory,
  LabourAbility,
  MonitoringType,
  NotWorkingReason,
  RelationToHead,
  Relocation,
  WorkAwayWillingness,
  WorkLocation,
} from '../modules/registry/registry.codes.js';
import { ageOn, idCheckCharacter, isDateText, isLabourer } from '../modules/registry/registry.rules.js';
import type { HouseholdRow, PersonRow, RecordBookkeeping } from '../modules/registry/registry.tables.js';
import type { Weighted } from './names.js';
import * as names from './names.js';

/** A person as the registry stores one, without the keys and bookkeeping the database adds. */
export type DemoPerson = Omit<PersonRow, RecordBookkeeping | 'householdId' | 'villageCode'>;

/** A household with its members, without the keys and bookkeeping the database adds. */
export type DemoHousehold = Omit<HouseholdRow, RecordBookkeeping> & { members: DemoPerson[] };

export interface PopulationOptions {
  /** Villages to spread households over; the first 6 digits of a code are the county of its ID numbers. */
  villages: readonly { code: string; name: string }[];
  /** Number of households to generate (≈ 3 people each). */
  households: number;
  /** Any integer; taken modulo 2^32. */
  seed: number;
  /** The day the data describes, `YYYY-MM-DD`: nobody is born or starts work after it. */
  today: string;
  /** Name of a province by its 2-digit code ('15' → '内蒙古自治区'); defaults to the built-in list. */
  provinceName?: (code: string) => string;
  /** Name of a county by its 6-digit code ('150521' → '科左中旗'), for workplaces and employers. */
  countyName?: (code: string) => string | undefined;
  /**
   * For several populations in one database (a second demo load): the 182,500 possible ID numbers of
   * each (county, birth year, sex) are split into `of` blocks and this population draws from block
   * `index` only. Populations with different indexes of the same `of` never share an ID number,
   * whatever their seeds; populations with the same index do. Default { index: 0, of: 1 }. Each block
   * holds 182,500 / `of` people per county, birth year and sex: with `of` = 8 that is 22,812, enough
   * for over a million generated people in a single county.
   */
  idPartition?: IdPartition;
}

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

// Murmur3's 32-bit finaliser: spreads nearby integers (seed 1, 2, 3 …; household 0, 1, 2 …) into
// unrelated 32-bit values, so neighbouring seeds and households do not get correlated streams.
function mix32(x: number): number {
  let h = (x + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// FNV-1a over UTF-16 code units: a stable 32-bit hash of a code or name.
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * sfc32 ("small fast chaotic", Chris Doty-Humphrey; passes PractRand): 128 bits of state, 32-bit
 * integer operations only, so it is fast in JavaScript. Math.random cannot be seeded; this can. Each
 * household gets its own stream (seed, household index), so household n is the same whether 10 or
 * 10 million households are generated.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number, stream = 0) {
    this.a = mix32(seed);
    this.b = mix32(this.a ^ mix32(stream));
    this.c = mix32(this.b ^ 0x5bd1e995);
    // The first outputs of a freshly seeded sfc32 are still close to the seed: discard them.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  weighted<T>(items: readonly Weighted<T>[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }
}

// ---------------------------------------------------------------------------------------------------
// Dates (UTC arithmetic on YYYY-MM-DD text: calendar days, no time zone)

const DAY_MS = 86_400_000;
const MONTH_STARTS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// Day 0–364 of a common year to MM-DD. 29 February is never produced; nothing here needs it.
function monthDay(dayOfYear: number): string {
  let month = 1;
  while ((MONTH_STARTS[month] ?? 365) <= dayOfYear) month++;
  const day = dayOfYear - (MONTH_STARTS[month - 1] ?? 0) + 1;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------
// ID numbers, unique by construction

// Slots per (county, birth year, sex): 365 days × 500 sequence numbers of the right parity.
const ID_SLOTS = 365 * 500;
// Coprime to ID_SLOTS (= 2² · 5⁴ · 73), so `c ↦ (ID_STEP·c + offset) mod ID_SLOTS` is a permutation.
const ID_STEP = 7_919;

/** Which block of the ID slots a population uses; see PopulationOptions.idPartition. */
export interface IdPartition {
  index: number;
  of: number;
}

/**
 * Hands out ID numbers. Two people can only share an ID if they share county, birth date and the
 * three sequence digits (whose parity is their sex). The generator picks each person's birth *year*;
 * this allocator picks the day and the sequence from a counter per (county, year, sex), pushed through
 * a fixed permutation of the 182,500 slots so that days and sequences look scattered. Distinct counter
 * values give distinct slots, so IDs are unique by construction — across households and across a
 * million people — with memory bounded by counties × years × 2. The permutation does not depend on the
 * seed on purpose: a partition (block `index` of `of` blocks of counter values) then keeps separately
 * generated populations apart whatever their seeds.
 */
class IdAllocator {
  private readonly counters = new Map<number, number>();
  private readonly capacity: number;
  private readonly first: number;

  constructor(partition: IdPartition) {
    this.capacity = Math.floor(ID_SLOTS / partition.of);
    this.first = partition.index * this.capacity;
  }

  allocate(county: string, year: number, sex: 'M' | 'F'): { idNumber: string; birthDate: string } {
    const key = (Number(county) * 400 + (year - 1800)) * 2 + (sex === 'M' ? 1 : 0);
    const count = this.counters.get(key) ?? 0;
    if (count >= this.capacity) {
      throw new RangeError(
        `more than ${this.capacity} people of one sex born in ${year} in county ${county}: ` +
          'too many for one county (or for one block of idPartition)',
      );
    }
    this.counters.set(key, count + 1);
    const slot = (ID_STEP * (this.first + count) + (mix32(key) % ID_SLOTS)) % ID_SLOTS;
    const birthDate = `${year}-${monthDay(slot % 365)}`;
    const sequence = Math.floor(slot / 365) * 2 + (sex === 'M' ? 1 : 0);
    const first17 = `${county}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return { idNumber: first17 + idCheckCharacter(first17), birthDate };
  }
}

// ---------------------------------------------------------------------------------------------------
// Household composition

interface Draft {
  relation: RelationToHead;
  /** Intended age; the real one is this or one more, depending on the birthday (see birthYear). */
  age: number;
  sex: 'M' | 'F';
  surname: string;
}

// Household sizes 1–7, mean ≈ 3.1, the shape of rural registered households (many elderly couples
// and three-to-five-person families, few of six or seven).
const HOUSEHOLD_SIZES: readonly Weighted<number>[] = [
  [1, 16],
  [2, 25],
  [3, 22],
  [4, 19],
  [5, 11],
  [6, 5],
  [7, 2],
];

const MAX_AGE = 89;

function clampAge(age: number): number {
  return Math.max(0, Math.min(MAX_AGE, age));
}

function otherSex(sex: 'M' | 'F'): 'M' | 'F' {
  return sex === 'M' ? 'F' : 'M';
}

class Composer {
  readonly members: Draft[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly surname: () => string,
  ) {}

  add(relation: RelationToHead, age: number, sex: 'M' | 'F', surname = this.surname()): Draft {
    const draft = { relation, age: clampAge(age), sex, surname };
    this.members.push(draft);
    return draft;
  }

  spouseOf(partner: Draft, relation: RelationToHead = 'spouse'): Draft {
    const rng = this.rng;
    // Wives are on average a couple of years younger than their husbands.
    const diff = partner.sex === 'M' ? -rng.int(-2, 5) : rng.int(-2, 5);
    return this.add(relation, Math.max(20, partner.age + diff), otherSex(partner.sex));
  }

  // Children of a couple (or a single parent), spaced 1–5 years apart, the eldest born when the mother
  // was 20–34: ages stay consistent with the parents.
  children(mother: Draft, count: number, relation: RelationToHead, surname: string): Draft[] {
    const rng = this.rng;
    const gaps = Array.from({ length: Math.max(0, count - 1) }, () => rng.int(1, 5));
    let span = gaps.reduce((a, b) => a + b, 0);
    const oldestAllowed = mother.age - 20;
    if (span > oldestAllowed) {
      gaps.fill(1);
      span = gaps.length;
    }
    let age = Math.max(span, Math.min(oldestAllowed, mother.age - rng.int(20, 34)));
    const result: Draft[] = [];
    for (let i = 0; i < count; i++) {
      result.push(this.add(relation, age, rng.chance(0.52) ? 'M' : 'F', surname));
      age -= gaps[i] ?? 0;
    }
    return result;
  }
}

function composeHousehold(rng: Rng, size: number, surname: () => string): Draft[] {
  const c = new Composer(rng, surname);
  const headSex = rng.chance(0.82) ? 'M' : 'F';
  const familyName = surname();
  const motherOf = (a: Draft, b: Draft | undefined) => (a.sex === 'F' || b === undefined ? a : b);
  // Children take the father's surname.
  const childSurname = (head: Draft, spouse: Draft | undefined) =>
    head.sex === 'M' ? head.surname : (spouse?.surname ?? surname());

  const addParents = (head: Draft, count: number) => {
    const father = head.age + rng.int(22, 35);
    if (count >= 2) {
      c.add('parent', father, 'M', head.sex === 'M' ? head.surname : familyName);
      c.add('parent', Math.max(head.age + 20, father - rng.int(0, 4)), 'F');
    } else if (count === 1) {
      const sex = rng.chance(0.6) ? 'F' : 'M';
      c.add('parent', head.age + rng.int(20, 34), sex, sex === 'M' ? head.surname : surname());
    }
  };

  if (size === 1) {
    // Living alone: mostly the elderly, some single men.
    const age = rng.chance(0.65) ? rng.int(55, MAX_AGE) : rng.int(25, 60);
    c.add('head', age, headSex, familyName);
    return c.members;
  }

  if (size === 2) {
    const r = rng.next();
    if (r < 0.55) {
      const head = c.add('head', rng.int(48, MAX_AGE), headSex, familyName);
      c.spouseOf(head);
    } else if (r < 0.8) {
      const head = c.add('head', rng.int(40, 85), headSex, familyName);
      c.children(head, 1, 'child', childSurname(head, undefined));
    } else {
      const head = c.add('head', rng.int(22, 55), headSex, familyName);
      addParents(head, 1);
    }
    return c.members;
  }

  const r = rng.next();
  if (r < 0.62 || size === 3) {
    // Head in the middle generation: spouse, children, sometimes the head's parents.
    if (size === 3 && r >= 0.62) {
      if (rng.chance(0.5)) {
        const head = c.add('head', rng.int(25, 50), headSex, familyName);
        c.spouseOf(head);
        addParents(head, 1);
      } else {
        // Grandparents raising a grandchild whose parents are registered elsewhere.
        const head = c.add('head', rng.int(52, 76), 'M', familyName);
        c.spouseOf(head);
        c.add('grandchild', rng.int(2, 15), rng.chance(0.52) ? 'M' : 'F', familyName);
      }
      return c.members;
    }
    const hasSpouse = rng.chance(0.92);
    const slots = size - 1 - (hasSpouse ? 1 : 0);
    let parents = 0;
    if (slots >= 3)
      parents = rng.weighted<number>([
        [0, 50],
        [1, 30],
        [2, 20],
      ]);
    else if (slots === 2) parents = rng.chance(0.3) ? 1 : 0;
    let siblings = size >= 5 && rng.chance(0.05) ? 1 : 0;
    let kids = slots - parents - siblings;
    if (kids < 1) {
      kids += siblings;
      siblings = 0;
    }
    const head = c.add('head', rng.int(Math.max(24, 20 + 3 * kids), 60), headSex, familyName);
    const spouse = hasSpouse ? c.spouseOf(head) : undefined;
    c.children(motherOf(head, spouse), kids, 'child', childSurname(head, spouse));
    addParents(head, parents);
    if (siblings > 0) c.add('sibling', Math.max(16, head.age + rng.int(-8, 8)), 'M', head.surname);
    return c.members;
  }

  // Three generations with the grandparent as head: a married child, the child's spouse, grandchildren.
  const head = c.add('head', rng.int(50, 78), headSex, familyName);
  const spouse = rng.chance(0.85) ? c.spouseOf(head) : undefined;
  const [married] = c.children(motherOf(head, spouse), 1, 'child', childSurname(head, spouse));
  if (married === undefined) return c.members;
  if (married.age < 22) married.age = 22 + rng.int(0, 4);
  // Sons usually stay in the parents' household and daughters marry out, so the married child is
  // mostly a son.
  married.sex = rng.chance(0.8) ? 'M' : 'F';
  const inLaw = c.spouseOf(married, 'childInLaw');
  let remaining = size - c.members.length;
  const unmarried = remaining > 3 ? remaining - 3 : 0;
  remaining -= unmarried;
  const grandMother = married.sex === 'F' ? married : inLaw;
  const grandSurname = married.sex === 'M' ? married.surname : inLaw.surname;
  if (remaining > 0) c.children(grandMother, remaining, 'grandchild', grandSurname);
  for (let i = 0; i < unmarried; i++) {
    c.add('child', Math.max(16, married.age - rng.int(1, 6)), rng.chance(0.6) ? 'M' : 'F', married.surname);
  }
  return c.members;
}

// ---------------------------------------------------------------------------------------------------
// Person attributes

interface Context {
  rng: Rng;
  today: string;
  todayYear: number;
  province: string;
  provinceName: string;
  county: string;
  countyName: string | undefined;
  /** The village as a place (张庄村), for addresses and workplaces. */
  place: string;
  /** The village committee (张庄村民委员会), employer of public-welfare posts. */
  committee: string;
  mongolian: boolean;
  hasYoungChild: boolean;
}

function givenName(rng: Rng, sex: 'M' | 'F', mongolian: boolean): string {
  if (mongolian) return rng.pick(sex === 'M' ? names.mongolianMaleNames : names.mongolianFemaleNames);
  const own = sex === 'M' ? names.maleGivenChars : names.femaleGivenChars;
  if (rng.chance(0.22)) return rng.pick(own);
  const r = rng.next();
  if (r < 0.45) return rng.pick(own) + rng.pick(names.neutralGivenChars);
  if (r < 0.8) return rng.pick(names.neutralGivenChars) + rng.pick(own);
  return rng.pick(own) + rng.pick(own);
}

function educationFor(rng: Rng, age: number, birthYear: number, inSchool: boolean): Education | null {
  if (age < 6) return null;
  if (inSchool) {
    if (age <= 11) return 'primary';
    if (age <= 14) return 'juniorHigh';
    if (age <= 17) return rng.chance(0.6) ? 'seniorHigh' : 'vocational';
    return rng.weighted<Education>([
      ['vocational', 25],
      ['college', 45],
      ['bachelorOrAbove', 30],
    ]);
  }
  if (age <= 15) return age <= 11 ? 'primary' : 'juniorHigh';
  if (birthYear >= 1985) {
    return rng.weighted<Education>([
      ['primary', 8],
      ['juniorHigh', 50],
      ['seniorHigh', 14],
      ['vocational', 14],
      ['college', 9],
      ['bachelorOrAbove', 5],
    ]);
  }
  if (birthYear >= 1965) {
    return rng.weighted<Education>([
      ['illiterate', 4],
      ['primary', 28],
      ['juniorHigh', 52],
      ['seniorHigh', 10],
      ['vocational', 4],
      ['college', 2],
    ]);
  }
  if (birthYear >= 1950) {
    return rng.weighted<Education>([
      ['illiterate', 20],
      ['primary', 48],
      ['juniorHigh', 26],
      ['seniorHigh', 6],
    ]);
  }
  return rng.weighted<Education>([
    ['illiterate', 45],
    ['primary', 42],
    ['juniorHigh', 11],
    ['seniorHigh', 2],
  ]);
}

// Illness and disability are the main causes of poverty in these households, and rise with age.
function healthFor(rng: Rng, age: number): Health {
  const table: readonly Weighted<Health>[] =
    age < 16
      ? [
          ['healthy', 96],
          ['chronicIllness', 1],
          ['seriousIllness', 1],
          ['disabled', 2],
        ]
      : age < 45
        ? [
            ['healthy', 91],
            ['chronicIllness', 4],
            ['seriousIllness', 1.5],
            ['disabled', 3.5],
          ]
        : age < 65
          ? [
              ['healthy', 77],
              ['chronicIllness', 13],
              ['seriousIllness', 4],
              ['disabled', 6],
            ]
          : [
              ['healthy', 50],
              ['chronicIllness', 32],
              ['seriousIllness', 8],
              ['disabled', 10],
            ];
  return rng.weighted(table);
}

function labourAbilityFor(rng: Rng, age: number, health: Health, grade: number | null): LabourAbility {
  if (age < 16 || age > 64) return 'none';
  switch (health) {
    case 'healthy':
      return age >= 55
        ? rng.weighted<LabourAbility>([
            ['ordinary', 62],
            ['skilled', 5],
            ['partial', 20],
            ['weak', 13],
          ])
        : rng.weighted<LabourAbility>([
            ['ordinary', 82],
            ['skilled', 12],
            ['partial', 4],
            ['weak', 2],
          ]);
    case 'chronicIllness':
      return rng.weighted<LabourAbility>([
        ['ordinary', 45],
        ['partial', 30],
        ['weak', 20],
        ['none', 5],
      ]);
    case 'seriousIllness':
      return rng.weighted<LabourAbility>([
        ['weak', 35],
        ['partial', 15],
        ['none', 50],
      ]);
    case 'disabled':
      return (grade ?? 4) <= 2
        ? rng.weighted<LabourAbility>([
            ['none', 70],
            ['weak', 30],
          ])
        : rng.weighted<LabourAbility>([
            ['ordinary', 20],
            ['partial', 40],
            ['weak', 30],
            ['none', 10],
          ]);
  }
}

interface Job {
  employmentForm: EmploymentForm;
  workLocation: WorkLocation;
  workplace: string | null;
  employer: string | null;
  monthlyIncome: number | null;
  employmentStart: string;
  organizedByCooperation: boolean;
  cooperationName: string | null;
}

function formFor(
  ctx: Context,
  age: number,
  sex: 'M' | 'F',
  ability: LabourAbility,
  health: Health,
): EmploymentForm {
  const w: Record<EmploymentForm, number> = {
    migrantWork: 48,
    localEnterprise: 15,
    flexible: 12,
    farming: 8,
    publicWelfarePost: 4,
    assistanceWorkshop: 5,
    selfEmployed: 5,
    workRelief: 2,
  };
  // Public-welfare posts and workshops exist for those who cannot leave: the older, the weaker, the ill
  // (seed 003 §7–8); they rarely go far. Posts stay a minority (seed 004 warns against 泛福利化).
  if (age >= 50 || ability === 'partial' || ability === 'weak' || health !== 'healthy') {
    w.migrantWork *= 0.45;
    w.publicWelfarePost *= 2.5;
    w.farming *= 1.8;
    w.assistanceWorkshop *= 1.3;
  }
  if (ability === 'weak') w.selfEmployed *= 0.3;
  if (ability === 'skilled') {
    w.migrantWork *= 1.2;
    w.selfEmployed *= 2;
    w.localEnterprise *= 1.3;
  }
  // Mothers of small children work near home: workshops are built for them.
  if (sex === 'F' && ctx.hasYoungChild && age < 45) {
    w.assistanceWorkshop *= 2.5;
    w.migrantWork *= 0.6;
  }
  if (age < 18) {
    w.publicWelfarePost = 0;
    w.selfEmployed = 0;
    w.workRelief = 0;
  }
  return ctx.rng.weighted(Object.entries(w) as [EmploymentForm, number][]);
}

function pickOutOfProvince(rng: Rng, province: string): names.Destination {
  const affinity = names.outOfProvinceAffinity[province] ?? [];
  const table = names.outOfProvinceDestinations
    .filter((d) => d.province !== province)
    .map((d): Weighted<names.Destination> => [d, affinity.includes(d.province) ? d.weight * 4 : d.weight]);
  return rng.weighted(table);
}

function inProvincePlace(ctx: Context): { place: string; city: string } {
  const cities = names.inProvinceCities[ctx.province];
  if (!cities || cities.length === 0) return { place: ctx.provinceName, city: ctx.provinceName };
  const city = ctx.rng.pick(cities);
  // In a municipality the "city" is a district: 重庆市渝北区; firms are registered as 重庆….
  const employerCity = names.municipalities.has(ctx.province) ? ctx.provinceName : city;
  return { place: `${ctx.provinceName}${city}`, city: employerCity };
}

// Income bands in yuan per month by form and place, from what ledgers of 2021–2023 show: far from home
// pays most, public-welfare posts are a subsidy (seed 003 §8), farming a little cash.
const INCOME_BANDS: Record<EmploymentForm, Partial<Record<WorkLocation, readonly [number, number]>>> = {
  migrantWork: { outOfProvince: [3500, 7000], inProvince: [3000, 5500] },
  localEnterprise: { inCounty: [2200, 4200] },
  assistanceWorkshop: { inCounty: [1500, 3000] },
  publicWelfarePost: { inCounty: [500, 1500] },
  workRelief: { inCounty: [1800, 3600] },
  selfEmployed: { inCounty: [1500, 6000], inProvince: [2500, 8000], outOfProvince: [3000, 9000] },
  flexible: { inCounty: [1200, 3500], inProvince: [2000, 4500], outOfProvince: [2500, 5500] },
  farming: { inCounty: [300, 1500] },
};

function incomeFor(rng: Rng, form: EmploymentForm, location: WorkLocation, ability: LabourAbility): number {
  const [lo, hi] = INCOME_BANDS[form][location] ?? [1500, 4000];
  let u = rng.next();
  if (ability === 'skilled') u = Math.max(u, rng.next());
  if (ability === 'partial' || ability === 'weak') u = Math.min(u, rng.next());
  // Ledgers hold round figures: hundreds, or fifties for the small post subsidies.
  const step = form === 'publicWelfarePost' || form === 'farming' ? 50 : 100;
  return Math.min(hi, Math.max(lo, Math.round((lo + u * (hi - lo)) / step) * step));
}

function jobFor(
  ctx: Context,
  person: { name: string; surname: string; age: number; sex: 'M' | 'F'; birthDate: string },
  ability: LabourAbility,
  health: Health,
): Job {
  const rng = ctx.rng;
  const form = formFor(ctx, person.age, person.sex, ability, health);
  let location: WorkLocation;
  switch (form) {
    case 'migrantWork':
      location = rng.chance(0.55) ? 'outOfProvince' : 'inProvince';
      break;
    case 'flexible':
      location = rng.weighted<WorkLocation>([
        ['inCounty', 75],
        ['inProvince', 20],
        ['outOfProvince', 5],
      ]);
      break;
    case 'selfEmployed':
      location = rng.weighted<WorkLocation>([
        ['inCounty', 85],
        ['inProvince', 12],
        ['outOfProvince', 3],
      ]);
      break;
    default:
      // Workshops, posts, work-relief projects and farming are in the home county by definition.
      location = 'inCounty';
  }

  let workplace: string | null;
  let employerCity = ctx.countyName ?? '';
  let organizedByCooperation = false;
  let cooperationName: string | null = null;
  if (location === 'outOfProvince') {
    const cooperation = names.cooperations[ctx.province];
    if (form === 'migrantWork' && cooperation && rng.chance(0.35)) {
      const chosen = rng.pick(cooperation);
      const destination = rng.pick(chosen.destinations);
      workplace = destination.place;
      employerCity = destination.city;
      organizedByCooperation = true;
      cooperationName = chosen.name;
    } else {
      const destination = pickOutOfProvince(rng, ctx.province);
      workplace = destination.place;
      employerCity = destination.city;
    }
  } else if (location === 'inProvince') {
    const p = inProvincePlace(ctx);
    workplace = p.place;
    employerCity = p.city;
    if (form === 'migrantWork' && rng.chance(0.15)) {
      organizedByCooperation = true;
      cooperationName = names.inProvinceCooperationName;
    }
  } else if (form === 'farming' || form === 'publicWelfarePost' || form === 'assistanceWorkshop') {
    workplace = ctx.place;
  } else {
    workplace = ctx.countyName ?? '本县';
  }

  let employer: string | null = null;
  const trade = rng.pick(names.tradeNames);
  switch (form) {
    case 'migrantWork':
      employer = rng.chance(0.92)
        ? `${employerCity}${trade}${rng.weighted(names.migrantEmployerSuffixes)}`
        : null;
      break;
    case 'localEnterprise':
      employer = `${ctx.countyName ?? ''}${trade}${rng.weighted(names.localEmployerSuffixes)}`;
      break;
    case 'assistanceWorkshop':
      employer = `${ctx.place}${rng.pick(names.workshopProducts)}帮扶车间`;
      break;
    case 'publicWelfarePost':
      employer = ctx.committee;
      break;
    case 'workRelief':
      employer = `${ctx.todayYear}年${ctx.place}${rng.pick(names.workReliefProjects)}以工代赈项目`;
      break;
    case 'selfEmployed':
      if (rng.chance(0.45)) {
        const kind = rng.pick(names.selfEmployedKinds);
        employer = person.surname ? `${person.surname}记${kind}` : `${person.name}${kind}`;
      }
      break;
    default:
      employer = null;
  }

  const monthlyIncome =
    form === 'farming' && rng.chance(0.2) ? null : incomeFor(rng, form, location, ability);

  // Public-welfare post agreements run at most one year per signing (seed 003 §8); work-relief projects
  // are seasonal; other jobs may have started years ago — but never before the person turned 16.
  const maxBack =
    form === 'publicWelfarePost' ? 364 : form === 'workRelief' ? 180 : form === 'migrantWork' ? 1825 : 2920;
  const todayDay = dayNumber(ctx.today);
  const sixteen = dayNumber(`${Number(person.birthDate.slice(0, 4)) + 16}${person.birthDate.slice(4)}`);
  const back = Math.floor(rng.next() ** 1.5 * Math.min(maxBack, Math.max(0, todayDay - sixteen)));
  const employmentStart = fromDayNumber(todayDay - back);

  return {
    employmentForm: form,
    workLocation: location,
    workplace,
    employer,
    monthlyIncome,
    employmentStart,
    organizedByCooperation,
    cooperationName,
  };
}

function mobileNumber(rng: Rng): string {
  return rng.pick(names.mobilePrefixes) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

function buildPerson(ctx: Context, draft: Draft, id: { idNumber: string; birthDate: string }): DemoPerson {
  const rng = ctx.rng;
  const age = ageOn(id.birthDate, ctx.today);
  const birthYear = Number(id.birthDate.slice(0, 4));
  const name = draft.surname + givenName(rng, draft.sex, ctx.mongolian);

  const inSchool =
    age >= 6 &&
    (age <= 15 ? rng.chance(0.98) : age <= 18 ? rng.chance(0.75) : age <= 22 ? rng.chance(0.3) : false);
  const education = educationFor(rng, age, birthYear, inSchool);
  const health = healthFor(rng, age);
  const disabilityGrade =
    health === 'disabled'
      ? rng.weighted<number>([
          [1, 15],
          [2, 25],
          [3, 30],
          [4, 30],
        ])
      : null;
  const labourAbility = labourAbilityFor(rng, age, health, disabilityGrade);
  const labourer = isLabourer({ labourAbility, birthDate: id.birthDate }, ctx.today);

  const skillList: string[] = [];
  if (labourer && !inSchool) {
    if (labourAbility === 'skilled') {
      skillList.push(rng.pick(names.skills));
      if (rng.chance(0.3)) {
        const second = rng.pick(names.skills);
        if (second !== skillList[0]) skillList.push(second);
      }
    } else if (labourAbility === 'ordinary' && rng.chance(0.12)) {
      skillList.push(rng.pick(names.skills));
    }
  }

  let job: Job | null = null;
  let notWorkingReason: NotWorkingReason | null = null;
  if (inSchool) {
    notWorkingReason = 'inSchool';
  } else if (!labourer) {
    // Children too young for school, the elderly and those without labour ability: the ledger still
    // needs a reason for "not employed".
    notWorkingReason =
      age >= 16 && age <= 64 && health !== 'healthy' && health !== 'disabled' ? 'ill' : 'unable';
  } else {
    let p = labourAbility === 'partial' ? 0.68 : labourAbility === 'weak' ? 0.52 : 0.86;
    if (health === 'chronicIllness') p *= 0.85;
    if (health === 'seriousIllness') p *= 0.5;
    if (health === 'disabled') p *= 0.75;
    if (age >= 58) p *= 0.85;
    if (rng.chance(p)) {
      job = jobFor(
        ctx,
        { name, surname: draft.surname, age, sex: draft.sex, birthDate: id.birthDate },
        labourAbility,
        health,
      );
    } else if (health === 'chronicIllness' || health === 'seriousIllness') {
      notWorkingReason = rng.chance(0.6)
        ? 'ill'
        : rng.weighted<NotWorkingReason>([
            ['idle', 50],
            ['caringForFamily', 50],
          ]);
    } else {
      const caring = draft.sex === 'F' && ctx.hasYoungChild ? 45 : 15;
      notWorkingReason = rng.weighted<NotWorkingReason>([
        ['idle', 40],
        ['returned', 28],
        ['caringForFamily', caring],
        ['ill', 5],
        ['unable', labourAbility === 'weak' ? 10 : 1],
      ]);
    }
  }

  // Intents (就业意愿, 培训意愿, 外出意愿, seed 002 §2, 003 §18).
  let wantsWork = false;
  let wantsTraining = false;
  let workAwayWillingness: WorkAwayWillingness = 'none';
  if (labourer && !inSchool) {
    wantsTraining = rng.chance(age <= 50 ? 0.35 : 0.15);
    if (job) {
      wantsWork = rng.chance(0.95);
      workAwayWillingness =
        job.workLocation === 'outOfProvince'
          ? 'anywhere'
          : job.workLocation === 'inProvince'
            ? rng.chance(0.7)
              ? 'inProvince'
              : 'anywhere'
            : rng.weighted<WorkAwayWillingness>([
                ['inCounty', 60],
                ['none', 30],
                ['inProvince', 10],
              ]);
    } else {
      const reason = notWorkingReason;
      wantsWork = rng.chance(
        reason === 'idle' || reason === 'returned' ? 0.85 : reason === 'caringForFamily' ? 0.4 : 0.15,
      );
      workAwayWillingness =
        reason === 'idle' || reason === 'returned'
          ? rng.weighted<WorkAwayWillingness>([
              ['anywhere', 30],
              ['inProvince', 30],
              ['inCounty', 30],
              ['none', 10],
            ])
          : rng.chance(0.6)
            ? 'none'
            : 'inCounty';
    }
  }

  const phoneChance =
    draft.relation === 'head' ? 0.85 : age < 16 ? 0 : age < 18 ? 0.2 : age < 70 ? 0.55 : 0.15;
  const phone = rng.chance(phoneChance) ? mobileNumber(rng) : null;

  return {
    name,
    idNumber: id.idNumber,
    birthDate: id.birthDate,
    sex: draft.sex,
    relationToHead: draft.relation,
    phone,
    education,
    labourAbility,
    health,
    disabilityGrade,
    skills: skillList,
    wantsWork,
    wantsTraining,
    workAwayWillingness,
    employmentStatus: job ? 'employed' : 'unemployed',
    employmentForm: job?.employmentForm ?? null,
    workLocation: job?.workLocation ?? null,
    workplace: job?.workplace ?? null,
    employer: job?.employer ?? null,
    employmentStart: job?.employmentStart ?? null,
    monthlyIncome: job?.monthlyIncome ?? null,
    notWorkingReason,
    organizedByCooperation: job?.organizedByCooperation ?? false,
    cooperationName: job?.cooperationName ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Villages

// Statistical village names end in 村委会 / 村民委员会 / 居委会 (张庄村委会); addresses use the place
// (张庄村), and public-welfare posts are employed by the committee (张庄村民委员会).
export function villagePlace(name: string): string {
  if (name.endsWith('村民委员会')) return `${name.slice(0, -5)}村`;
  if (name.endsWith('居民委员会')) return name.slice(0, -5);
  if (name.endsWith('村委会')) return `${name.slice(0, -3)}村`;
  if (name.endsWith('居委会')) return name.slice(0, -3);
  if (name.endsWith('委员会')) return name.slice(0, -3);
  return name;
}

export function villageCommittee(name: string): string {
  const place = villagePlace(name);
  if (place.endsWith('村')) return `${place}民委员会`;
  if (place.endsWith('社区')) return `${place}居民委员会`;
  return `${place}村民委员会`;
}

// A few resettlement sites per county, named from the county code so that relocated households of
// one county share them, as they do in reality.
function resettlementSite(county: string, countyName: string | undefined, k: number): string {
  const h = mix32(hashText(county) + k);
  const word = names.resettlementSiteWords[h % names.resettlementSiteWords.length] ?? '幸福';
  const suffix = names.resettlementSiteSuffixes[(h >>> 8) % names.resettlementSiteSuffixes.length] ?? '家园';
  return `${countyName ?? ''}${word}${suffix}安置区`;
}

// ---------------------------------------------------------------------------------------------------
// The generator

/**
 * Generates `households` households lazily. Household numbers (户编号) are the village code followed by
 * a per-village sequence of at least 4 digits (150521200201 + 0007), so they are unique per village and
 * globally. Households are spread over the villages at random, villages weighted 0.4–1.6 so that their
 * sizes differ. Every person passes parseIdNumber, checkEmploymentSnapshot, checkHousehold and
 * checkHouseholdMembers of registry.rules.ts.
 */
export function generatePopulation(opts: PopulationOptions): Generator<DemoHousehold, void, undefined> {
  if (!isDateText(opts.today))
    throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(opts.today)}`);
  if (opts.villages.length === 0) throw new RangeError('at least one village is needed');
  for (const v of opts.villages) {
    if (!/^\d{6}/.test(v.code))
      throw new RangeError(`village code must start with a 6-digit county: ${v.code}`);
  }
  if (!(opts.households >= 0)) throw new RangeError('households must be a non-negative number');
  const partition = opts.idPartition;
  if (
    partition &&
    !(
      Number.isInteger(partition.of) &&
      Number.isInteger(partition.index) &&
      partition.of >= 1 &&
      partition.of <= 1000 &&
      partition.index >= 0 &&
      partition.index < partition.of
    )
  ) {
    throw new RangeError('idPartition needs integers 0 ≤ index < of ≤ 1000');
  }
  return run(opts);
}

function* run(opts: PopulationOptions): Generator<DemoHousehold, void, undefined> {
  const seed = opts.seed >>> 0;
  const todayYear = Number(opts.today.slice(0, 4));
  const provinceName = opts.provinceName ?? ((code: string) => names.provinceNames[code] ?? '本省');
  const ids = new IdAllocator(opts.idPartition ?? { index: 0, of: 1 });
  const householdCounters = new Map<string, number>();

  const cumulative: number[] = [];
  let total = 0;
  for (const v of opts.villages) {
    total += 0.4 + (1.2 * mix32(hashText(v.code) ^ seed)) / 4294967296;
    cumulative.push(total);
  }

  for (let i = 0; i < opts.households; i++) {
    const rng = new Rng(seed, i);

    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? total) > r) hi = mid;
      else lo = mid + 1;
    }
    const village = opts.villages[lo] ?? opts.villages[0];
    if (village === undefined) return;
    const county = village.code.slice(0, 6);
    const province = village.code.slice(0, 2);
    const countyName = opts.countyName?.(county);
    const sequence = (householdCounters.get(village.code) ?? 0) + 1;
    householdCounters.set(village.code, sequence);

    const mongolian = province === '15' && rng.chance(0.25);
    const surname = () => rng.weighted(mongolian ? names.mongolianSurnames : names.surnames);
    const drafts = composeHousehold(rng, rng.weighted(HOUSEHOLD_SIZES), surname);

    const ctx: Context = {
      rng,
      today: opts.today,
      todayYear,
      province,
      provinceName: provinceName(province),
      county,
      countyName,
      place: villagePlace(village.name),
      committee: villageCommittee(village.name),
      mongolian,
      hasYoungChild: drafts.some((d) => d.age < 6),
    };
    // Born in the year before `today` minus the intended age, so the real age is that or one more and
    // no birth date falls after today.
    const members = drafts.map((d) =>
      buildPerson(ctx, d, ids.allocate(county, todayYear - 1 - d.age, d.sex)),
    );

    const categoryRoll = rng.next();
    const category: HouseholdCategory =
      categoryRoll < 0.08 ? 'monitored' : categoryRoll < 0.93 ? 'povertyExited' : 'lowIncome';
    const monitoringType: MonitoringType | null =
      category === 'monitored'
        ? rng.weighted<MonitoringType>([
            ['unstableExited', 45],
            ['marginal', 40],
            ['suddenHardship', 15],
          ])
        : null;
    const relocation: Relocation = rng.chance(0.06)
      ? rng.chance(0.8)
        ? 'centralized'
        : 'dispersed'
      : 'none';
    let site: string | null = null;
    let address: string;
    if (relocation === 'centralized') {
      site = resettlementSite(county, countyName, rng.int(0, 2));
      address = `${site}${rng.int(1, 24)}号楼${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`;
    } else {
      address = `${ctx.place}${rng.int(1, 12)}组${rng.int(1, 120)}号`;
    }

    yield {
      villageCode: village.code,
      householdNo: `${village.code}${String(sequence).padStart(4, '0')}`,
      category,
      monitoringType,
      relocation,
      resettlementSite: site,
      address,
      members,
    };
  }
}
