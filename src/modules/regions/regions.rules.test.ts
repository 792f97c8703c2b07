import { describe, expect, it } from 'vitest';
import {
  ancestorCodes,
  childPrefixLength,
  isWithin,
  normalizeRegionCode,
  normalizeRegionName,
  parentCode,
  prefixLength,
  REGION_LEVEL_LABELS,
  REGION_LEVELS,
  type RegionLevel,
  regionAliases,
  regionLevel,
  scopePrefix,
} from './regions.rules.js';

describe('REGION_LEVELS and REGION_LEVEL_LABELS', () => {
  it('lists the levels top down with their zh/en labels', () => {
    expect(REGION_LEVELS).toEqual(['province', 'city', 'county', 'town', 'village']);
    expect(REGION_LEVELS.map((l) => REGION_LEVEL_LABELS[l].zh)).toEqual(['省', '市', '县', '乡镇', '村']);
    expect(REGION_LEVEL_LABELS.town.en).toBe('town');
  });
});

describe('regionLevel', () => {
  it.each<[string, RegionLevel]>([
    ['130000000000', 'province'],
    ['130100000000', 'city'],
    ['130102000000', 'county'],
    ['130102001000', 'town'],
    ['130102001001', 'village'],
    ['150571000000', 'county'], // 通辽经济技术开发区: development zones are county-level
    ['371502100200', 'village'], // village code 200: the 10th digit only tells village from community
    ['441900003000', 'town'], // 东莞: a town straight under a city without counties
    ['429004000000', 'county'], // 仙桃: city group 90, counties administered by the province
  ])('%s is a %s', (code, level) => {
    expect(regionLevel(code)).toBe(level);
  });

  it.each([
    ['13', 'short form: normalize first'],
    ['130102', 'short form'],
    ['13010200100', '11 digits'],
    ['1301020010001', '13 digits'],
    ['13010200100a', 'a letter'],
    ['１３０１０２００１００１', 'full-width digits: normalize first'],
    ['000000000000', 'no province'],
    ['130012000000', 'a county under no city'],
    ['130102000001', 'a village under no town'],
    ['', 'empty'],
  ])('rejects %j (%s)', (code) => {
    expect(() => regionLevel(code)).toThrow(RangeError);
  });
});

describe('parentCode', () => {
  it.each<[string, string | null]>([
    ['130000000000', null],
    ['130100000000', '130000000000'],
    ['130102000000', '130100000000'],
    ['130102001000', '130102000000'],
    ['130102001001', '130102001000'],
    ['441900003000', '441900000000'], // town of a city without counties → the city
  ])('parent of %s is %s', (code, parent) => {
    expect(parentCode(code)).toBe(parent);
  });

  it('throws for a malformed code', () => {
    expect(() => parentCode('1301')).toThrow(RangeError);
  });
});

describe('ancestorCodes', () => {
  it.each<[string, string[]]>([
    ['130000000000', []],
    ['150500000000', ['150000000000']],
    ['150521000000', ['150000000000', '150500000000']],
    ['150521101200', ['150000000000', '150500000000', '150521000000', '150521101000']],
    ['441900003001', ['440000000000', '441900000000', '441900003000']],
  ])('ancestors of %s, province first', (code, ancestors) => {
    expect(ancestorCodes(code)).toEqual(ancestors);
  });
});

describe('scopePrefix', () => {
  it.each([
    ['360000000000', '36'],
    ['360700000000', '3607'],
    ['360721000000', '360721'],
    ['360721100000', '360721100'],
    ['360721100201', '360721100201'],
    ['441900003000', '441900003'],
  ])('%s → %s', (code, prefix) => {
    expect(scopePrefix(code)).toBe(prefix);
  });
});

describe('prefixLength and childPrefixLength', () => {
  it('gives the prefix of a level and of its children (a village has none below)', () => {
    expect(REGION_LEVELS.map(prefixLength)).toEqual([2, 4, 6, 9, 12]);
    expect(REGION_LEVELS.map(childPrefixLength)).toEqual([4, 6, 9, 12, 12]);
  });
});

describe('isWithin', () => {
  it.each<[string, string, boolean]>([
    ['150521101200', '150000000000', true], // a Tongliao village within Inner Mongolia
    ['150521101200', '150500000000', true],
    ['150521101200', '150521000000', true],
    ['150521101200', '150521101000', true],
    ['150521101200', '150521101200', true], // inclusive: a region is within itself
    ['150521101200', '150522000000', false], // neighbouring banner
    ['150521101200', '150521102000', false], // another town of the same banner
    ['150500000000', '150521000000', false], // the city is not within its county
    ['130100000000', '131000000000', false], // shares the digits 1 and 3, not the prefix 13 10
    ['371502000000', '370000000000', true],
  ])('%s within %s: %s', (code, ancestor, within) => {
    expect(isWithin(code, ancestor)).toBe(within);
  });

  it('throws for a malformed code on either side', () => {
    expect(() => isWithin('1505', '150000000000')).toThrow(RangeError);
    expect(() => isWithin('150500000000', '15')).toThrow(RangeError);
  });
});

describe('normalizeRegionCode', () => {
  it.each<[string, string | null]>([
    ['13', '130000000000'],
    ['1301', '130100000000'],
    ['130102', '130102000000'],
    ['130102001', '130102001000'], // 9-digit town code
    ['130102001001', '130102001001'],
    ['１５０５２１', '150521000000'], // full-width digits from a Chinese IME
    ['１５０５２１１０１２００', '150521101200'],
    [' 150521 101 200 ', '150521101200'], // stray spaces
    ['150521\u3000101200', '150521101200'], // full-width space
    ['\t371502\n', '371502000000'],
    ['', null],
    ['   ', null],
    ['1', null],
    ['130', null], // 3 digits is no level
    ['13010', null],
    ['1301020', null],
    ['1301020010', null],
    ['13010200100', null],
    ['1301020010011', null],
    ['13010a', null],
    ['-13', null],
    ['13.01', null],
    ['00', null], // no province 00
    ['130012', null], // county under no city
    ['130102000001', null], // village under no town
  ])('%j → %s', (input, code) => {
    expect(normalizeRegionCode(input)).toBe(code);
  });
});

describe('normalizeRegionName', () => {
  it.each([
    ['  科左中旗 ', '科左中旗'],
    ['科左 中旗', '科左中旗'],
    ['科左\u3000中旗', '科左中旗'], // full-width space
    ['\t开鲁县\r\n', '开鲁县'],
    ['第１村民小组', '第1村民小组'], // full-width digits
    ['石家庄科技信息职业学院（灵寿新校区）社区', '石家庄科技信息职业学院(灵寿新校区)社区'], // full-width parens
    ['ＡＢＣ村', 'ABC村'],
    ['奈曼旗', '奈曼旗'],
  ])('%j → %j', (input, output) => {
    expect(normalizeRegionName(input)).toBe(output);
  });
});

describe('regionAliases', () => {
  it.each<[string, RegionLevel, string[]]>([
    // provinces and cities
    ['河北省', 'province', ['河北']],
    ['内蒙古自治区', 'province', ['内蒙古']],
    ['广西壮族自治区', 'province', ['广西']],
    ['新疆维吾尔自治区', 'province', ['新疆']],
    ['西藏自治区', 'province', ['西藏']],
    ['北京市', 'province', ['北京']],
    ['通辽市', 'city', ['通辽']],
    ['景德镇市', 'city', ['景德镇']], // 镇 is part of the city's name
    ['兴安盟', 'city', ['兴安']],
    ['延边朝鲜族自治州', 'city', ['延边']],
    ['市辖区', 'city', []],
    // counties: the seed's Tongliao banners
    ['科尔沁左翼中旗', 'county', ['科左中旗']],
    ['科尔沁左翼后旗', 'county', ['科左后旗']],
    ['科尔沁区', 'county', ['科尔沁', '科区']],
    ['开鲁县', 'county', ['开鲁']],
    ['库伦旗', 'county', ['库伦']],
    ['奈曼旗', 'county', ['奈曼']],
    ['扎鲁特旗', 'county', ['扎鲁特', '扎旗']],
    ['霍林郭勒市', 'county', ['霍林郭勒']],
    ['东昌府区', 'county', ['东昌府']],
    ['霍州市', 'county', ['霍州']],
    ['赣县区', 'county', ['赣县']], // strip once: 赣县 is what it was called
    // autonomous counties
    ['青龙满族自治县', 'county', ['青龙', '青龙县']],
    ['围场满族蒙古族自治县', 'county', ['围场', '围场县']],
    ['孟村回族自治县', 'county', ['孟村', '孟村县']],
    ['莫力达瓦达斡尔族自治旗', 'county', ['莫力达瓦', '莫力达瓦旗']],
    // never fewer than 2 characters, and no half-stripped names
    ['矿区', 'county', []],
    ['郊区', 'county', []],
    ['城区', 'county', []],
    ['井陉矿区', 'county', []], // 井陉 is the county next door
    ['峰峰矿区', 'county', []],
    ['涉县', 'county', []],
    ['赵县', 'county', []],
    ['北戴河新区', 'county', []], // 北戴河 is 北戴河区
    ['下花园区', 'county', ['下花园']], // a district, not a 园区
    ['通辽经济技术开发区', 'county', []],
    ['石家庄循环化工园区', 'county', []],
    ['唐山市汉沽管理区', 'county', []],
    ['保定白沟新城', 'county', []],
    ['乌拉特前旗', 'county', []],
    ['神农架林区', 'county', ['神农架']],
    // towns
    ['城关镇', 'town', ['城关']],
    ['建北街道', 'town', ['建北']],
    ['西城街道办事处', 'town', ['西城街道', '西城']],
    ['横涧乡', 'town', ['横涧']],
    ['毛都苏木', 'town', ['毛都']],
    ['九门回族乡', 'town', ['九门乡', '九门']],
    ['西阿超满族蒙古族乡', 'town', ['西阿超乡', '西阿超']],
    ['泊镇', 'town', []],
    ['街道', 'town', []],
    ['胡力海原种繁殖场', 'town', []],
    // villages: committee forms → the place
    ['贾庄村民委员会', 'village', ['贾庄村', '贾庄村委会', '贾庄']],
    ['南周卦村委会', 'village', ['南周卦村', '南周卦']],
    ['南刘村村民委员会', 'village', ['南刘村', '南刘村委会', '南刘']],
    ['七狮村村委会', 'village', ['七狮村', '七狮村委会', '七狮']],
    ['杜村村民委员会', 'village', ['杜村', '杜村委会']], // not 杜
    ['丁村委会', 'village', ['丁村']],
    ['平安新村村委会', 'village', ['平安新村', '平安新村委会']], // not 平安新
    ['棉一东社区居民委员会', 'village', ['棉一东社区', '棉一东社区居委会']],
    ['支农路社区居委会', 'village', ['支农路社区']],
    ['彭村居委会', 'village', ['彭村社区']],
    ['贾庄居民委员会', 'village', ['贾庄社区', '贾庄居委会']],
    ['巴彦芒哈嘎查委员会', 'village', ['巴彦芒哈嘎查', '巴彦芒哈']],
    ['前玛尼吐嘎查', 'village', ['前玛尼吐']],
    ['毛都嘎查村', 'village', ['毛都嘎查', '毛都']],
    ['南关街街道委员会', 'village', ['南关街']],
    ['保西村', 'village', ['保西']],
    ['大学城新村', 'village', []],
    ['阳光社区', 'village', []],
    ['居委会', 'village', []],
    ['康保牧场一分场生活区', 'village', []],
  ])('%s (%s) → %j', (name, level, aliases) => {
    expect(regionAliases(name, level)).toEqual(aliases);
  });

  it('normalizes the name first and never returns the name itself', () => {
    expect(regionAliases(' 科尔沁左翼中旗 ', 'county')).toEqual(['科左中旗']);
    expect(regionAliases('开鲁 县', 'county')).toEqual(['开鲁']);
  });

  it('applies the curated short names only at their level', () => {
    expect(regionAliases('科尔沁左翼中旗', 'town')).toEqual([]);
  });
});
