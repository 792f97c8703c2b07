// Rules over the administrative region tree (行政区划): statistical division codes (统计用区划代码) and
// the names officials write. Plain functions over plain data, no I/O; the tree itself is shipped in
// assets/regions and read by regions.data.ts.
//
// A code has 12 digits in five groups, 2 province + 2 city + 2 county + 3 town + 3 village; a region's
// code is its significant prefix padded with zeros (Hebei 13 → 130000000000). So every descendant's
// code starts with the region's significant prefix, which is what makes a region scope a prefix.

import { compactText } from '../../shared/text.js';

/** The five levels, top down; a level's depth is its index + 1 (regions.tables.ts stores 1 … 5). */
export const REGION_LEVELS = ['province', 'city', 'county', 'town', 'village'] as const;

export type RegionLevel = (typeof REGION_LEVELS)[number];

/** How a level is called. 县 covers 县/区/市/旗 (county level), 乡镇 covers 乡/镇/街道/苏木, 村 covers 村/社区/嘎查. */
export const REGION_LEVEL_LABELS: Readonly<Record<RegionLevel, { zh: string; en: string }>> = {
  province: { zh: '省', en: 'province' },
  city: { zh: '市', en: 'city' },
  county: { zh: '县', en: 'county' },
  town: { zh: '乡镇', en: 'town' },
  village: { zh: '村', en: 'village' },
};

/** Length of the significant prefix at each level. */
const PREFIX_LENGTHS: Readonly<Record<RegionLevel, number>> = {
  province: 2,
  city: 4,
  county: 6,
  town: 9,
  village: 12,
};

/** Length of the significant prefix of a level's codes. */
export function prefixLength(level: RegionLevel): number {
  return PREFIX_LENGTHS[level];
}

/**
 * Length of the prefix that tells a region's children apart, to group what lies below it by child:
 * the next level's prefix (a village has none below: its own code).
 */
export function childPrefixLength(level: RegionLevel): number {
  return PREFIX_LENGTHS[REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1] ?? 'village'];
}

const ALL_ZEROS = /^0*$/;

/** The level of a well-formed 12-digit code, or null. */
function levelOrNull(code: string): RegionLevel | null {
  if (!/^\d{12}$/.test(code) || code.startsWith('00')) return null;
  const level = REGION_LEVELS.find((l) => ALL_ZEROS.test(code.slice(PREFIX_LENGTHS[l])));
  if (!level) return null;
  const prefix = code.slice(0, PREFIX_LENGTHS[level]);
  // Below a province there is always a city group. The county group may be 00: cities without
  // counties (东莞 4419, 中山 4420, 儋州 4604) put their towns straight under the city (441900003000).
  if (prefix.length > 2 && prefix.slice(2, 4) === '00') return null;
  // A village always hangs under a town: 130102000001 is not a code.
  if (prefix.length === 12 && prefix.slice(6, 9) === '000') return null;
  return level;
}

function assertCode(code: string): RegionLevel {
  const level = levelOrNull(code);
  if (!level) throw new RangeError(`not a 12-digit region code: ${JSON.stringify(code)}`);
  return level;
}

/**
 * The level of a 12-digit code, read from its trailing zero groups (130102001000 is a town).
 * Throws RangeError for anything else: callers normalize user input with normalizeRegionCode first, so a
 * short or malformed code here is a bug, not something to guess around.
 */
export function regionLevel(code: string): RegionLevel {
  return assertCode(code);
}

/**
 * The significant prefix (2, 4, 6, 9 or 12 digits) that every descendant's code starts with, and the
 * region's own code too. A scope filter is then a prefix / range test on a code column.
 */
export function scopePrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTHS[assertCode(code)]);
}

/** The code of the region one level up, or null for a province. */
export function parentCode(code: string): string | null {
  const level = assertCode(code);
  if (level === 'province') return null;
  const index = REGION_LEVELS.indexOf(level);
  const parentLevel = REGION_LEVELS[index - 1] as RegionLevel;
  // Zeroing the own group also handles towns of cities without counties: the county group is
  // already 00, so 441900003000 → 441900000000, the city.
  return code.slice(0, PREFIX_LENGTHS[parentLevel]).padEnd(12, '0');
}

/** The codes above a region, province first, without the region itself ([] for a province). */
export function ancestorCodes(code: string): string[] {
  const ancestors: string[] = [];
  for (let parent = parentCode(code); parent !== null; parent = parentCode(parent)) ancestors.unshift(parent);
  return ancestors;
}

/**
 * True when `code` is `ancestorCode` itself or lies below it. Inclusive on purpose: a county official's
 * scope covers the county's own records as well as those of its towns and villages.
 */
export function isWithin(code: string, ancestorCode: string): boolean {
  assertCode(code);
  return code.startsWith(scopePrefix(ancestorCode));
}

/**
 * A region code as people type or paste it: the 2/4/6/9/12-digit forms, full-width digits (Chinese
 * input methods produce １３０１), stray spaces. Returns the 12-digit code, or null when the input is not
 * a well-formed code (wrong length, letters, a village under no town …).
 */
export function normalizeRegionCode(input: string): string | null {
  // \s covers the full-width space U+3000 too.
  const digits = compactText(input);
  if (!/^\d+$/.test(digits) || !Object.values(PREFIX_LENGTHS).includes(digits.length)) return null;
  const code = digits.padEnd(12, '0');
  return levelOrNull(code) ? code : null;
}

/**
 * Text typed by a user, made comparable with region names and aliases: no whitespace anywhere (names
 * contain none, but pasted Excel cells and IME input do), full-width ASCII turned half-width.
 */
export function normalizeRegionName(text: string): string {
  return compactText(text);
}

// ---------------------------------------------------------------------------------------------------
// Aliases: the other names officials write for a region.

// biome-ignore format: a word list, kept in rows rather than one word a line
/**
 * The 55 minority nationalities (少数民族), for stripping the ethnic part of autonomous names
 * (青龙满族自治县 → 青龙, 宁夏回族自治区 → 宁夏, 九门回族乡 → 九门乡). 维吾尔 stands alone because the
 * official name is 新疆维吾尔自治区, without 族.
 */
const NATIONALITIES = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克',
  '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
];
const ETHNIC = `(?:(?:${NATIONALITIES.join('|')})族|维吾尔)`;

/** A suffix rule: when `pattern` matches, `forms` builds the aliases from capture group 1 (the stem). */
interface SuffixRule {
  pattern: RegExp;
  forms: (stem: string) => string[];
}

const bare = (stem: string) => [stem];

/** A name that no suffix stripping may touch: the rule matches and yields nothing. */
const keep = (pattern: RegExp): SuffixRule => ({ pattern, forms: () => [] });

/**
 * Stem forms of a village name: the stem as a village (…村) and bare, unless the 村 belongs to the
 * name itself (平安新村 is not 平安新). 嘎查 is the Mongolian village of Inner Mongolia.
 */
function villageForms(stem: string): string[] {
  if (stem.endsWith('嘎查')) return [stem, stem.slice(0, -2)];
  const village = stem.endsWith('村') ? stem : `${stem}村`;
  const forms = [village, `${village}委会`];
  if (!village.endsWith('新村')) forms.push(village.slice(0, -1));
  return forms;
}

/**
 * Per level, the first matching rule wins. Committee forms come first in the village list because the
 * data names villages by their committee (…村民委员会, …社区居委会) while officials write the place.
 */
const SUFFIX_RULES: Readonly<Record<RegionLevel, readonly SuffixRule[]>> = {
  province: [
    { pattern: new RegExp(`^(.+?)${ETHNIC}*自治区$`), forms: bare },
    { pattern: /^(.+)(?:省|市|特别行政区)$/, forms: bare },
  ],
  city: [
    { pattern: new RegExp(`^(.+?)${ETHNIC}+自治州$`), forms: bare },
    { pattern: /^(.+)(?:市|地区|盟)$/, forms: bare },
  ],
  county: [
    // 围场满族蒙古族自治县 → 围场, 围场县 (the short forms used in reports and the press).
    { pattern: new RegExp(`^(.+?)${ETHNIC}+自治县$`), forms: (s) => [s, `${s}县`] },
    { pattern: new RegExp(`^(.+?)${ETHNIC}+自治旗$`), forms: (s) => [s, `${s}旗`] },
    // 井陉矿区 is not 井陉矿 (and 井陉 is the county next door); 北戴河新区 is not 北戴河区; development
    // zones (经济开发区, 化工园区, 管理区) have no generic short name. Not every …园区 is a park:
    // 下花园区 is the district of 下花园.
    keep(/(?:矿区|新区|开发区|[工业技流态]园区|管理区|示范区|合作区|新城|郊区)$/),
    // 科尔沁左翼中旗 is not 科尔沁左翼中: such banners have irregular short names (IRREGULAR_ALIASES).
    keep(/(?:前|中|后|左|右|联合)旗$/),
    // 神农架林区 → 神农架, 六枝特区 → 六枝 (before the plain 区, which would leave 神农架林).
    { pattern: /^(.+)(?:林区|特区)$/, forms: bare },
    { pattern: /^(.+)(?:县|区|市|旗)$/, forms: bare },
  ],
  town: [
    // 九门回族乡 → 九门乡, 九门; 西阿超满族蒙古族乡 → 西阿超乡, 西阿超.
    { pattern: new RegExp(`^(.+?)(?:${ETHNIC}+|民族)乡$`), forms: (s) => [`${s}乡`, s] },
    { pattern: new RegExp(`^(.+?)(?:${ETHNIC}+|民族)镇$`), forms: (s) => [`${s}镇`, s] },
    { pattern: /^(.+)街道办事处$/, forms: (s) => [`${s}街道`, s] },
    { pattern: /^(.+)(?:街道|镇|乡|苏木)$/, forms: bare },
  ],
  village: [
    // Communities: XX社区居民委员会 / XX社区居委会 → XX社区; a bare XX would be read as a village.
    {
      pattern: /^(.+?)社区(?:居民委员会|居民委会|居委员会|居委会|委员会)$/,
      forms: (s) => [`${s}社区`, `${s}社区居委会`],
    },
    { pattern: /^(.+?)(?:居民委员会|居民委会|居委员会|居委会)$/, forms: (s) => [`${s}社区`, `${s}居委会`] },
    // Inner Mongolia: XX嘎查委员会, XX嘎查村民委员会, XX嘎查村 → XX嘎查, XX.
    { pattern: /^(.+?嘎查)(?:村民委员会|村委会|委员会|村)?$/, forms: villageForms },
    // XX村民委员会, XX村村民委员会, XX村委会 → XX村, XX村委会, XX.
    { pattern: /^(.+?)(?:村民委员会|村民委会|村委员会|村委会)$/, forms: villageForms },
    // Tongliao's town seats name their neighbourhoods 南关街街道委员会.
    { pattern: /^(.+)街道委员会$/, forms: bare },
    { pattern: /^(.+)新村$/, forms: () => [] },
    { pattern: /^(.+)村$/, forms: bare },
  ],
};

/** Official name → the irregular short names written for it. */
type AliasTable = Readonly<Record<string, readonly string[]>>;

/**
 * Short names that no suffix rule can derive, as officials actually write them. It exists because
 * records, Excel sheets and target tables use these forms: Tongliao's 2022 target table (seed 001)
 * lists 科左中旗 beside 开鲁县, 库伦旗, 奈曼旗, 扎鲁特旗. Keep it to forms seen in official use;
 * regular ones (开鲁县 → 开鲁, 奈曼旗 → 奈曼, 东昌府区 → 东昌府) come from SUFFIX_RULES.
 */
const IRREGULAR_ALIASES: Readonly<Partial<Record<RegionLevel, AliasTable>>> = {
  county: {
    // 科尔沁左翼 banners: 科左 + 中/后 + 旗 (seed 001; also the banners' own usage).
    科尔沁左翼中旗: ['科左中旗'],
    科尔沁左翼后旗: ['科左后旗'],
    科尔沁区: ['科区'],
    // Locally 扎旗; note that Hinggan League's 扎赉特旗 is called 扎旗 too (not in the shipped data).
    扎鲁特旗: ['扎旗'],
  },
};

/** Aliases shorter than this are dropped: 矿区 must not become 矿, 涉县 not 涉. */
const MIN_ALIAS_LENGTH = 2;

/**
 * The other names officials write for a region (never the name itself): first the name without its
 * generic suffix (开鲁县 → 开鲁, 城关镇 → 城关), village committees as the place (贾庄村民委员会 →
 * 贾庄村, 贾庄村委会, 贾庄), communities as 社区; then the irregular short names (科尔沁左翼中旗 →
 * 科左中旗). The name goes through normalizeRegionName first.
 */
export function regionAliases(name: string, level: RegionLevel): string[] {
  const normalized = normalizeRegionName(name);
  const aliases: string[] = [];
  for (const rule of SUFFIX_RULES[level]) {
    const match = rule.pattern.exec(normalized);
    if (!match) continue;
    aliases.push(...rule.forms(match[1] ?? ''));
    break;
  }
  aliases.push(...(IRREGULAR_ALIASES[level]?.[normalized] ?? []));
  return [...new Set(aliases)].filter((a) => a !== normalized && a.length >= MIN_ALIAS_LENGTH);
}
