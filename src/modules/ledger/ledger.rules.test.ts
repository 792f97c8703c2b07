// The ledger rules without a database: headers as offices write them, values as offices write them,
// a row to a household and a person, regions by code or by (short) names, and the export → import
// round trip of every column.
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../test-support/ledger-fixtures.js';
import {
  type Cell,
  cellText,
  codeReaders,
  columnLetter,
  detectHeader,
  excelSerialToDate,
  exportLayout,
  headerKey,
  householdNoText,
  idNumberText,
  isBlankRow,
  isFooterRow,
  isHeaderLikeRow,
  LedgerDate,
  ledgerCells,
  mapRow,
  normalizeHeader,
  type PersonValues,
  parseAmount,
  parseDisabilityGrade,
  parseLedgerDate,
  parseSkills,
  parseYesNo,
  RegionIndex,
  resolveVillage,
  type SheetRow,
} from './ledger.rules.js';

const context = { today: '2026-05-20', maxMonthlyIncome: 100_000 };
const row = (number: number, ...cells: Cell[]): SheetRow => ({ number, cells });

describe('header words', () => {
  it.each([
    ['身份证号码', 'idNumber'],
    ['证件号码', 'idNumber'],
    ['公民身份号码', 'idNumber'],
    [' 身份证\n号码 ', 'idNumber'],
    ['*姓名', 'name'],
    ['村', 'village'],
    ['村(社区)', 'village'],
    ['村（社区）', 'village'],
    ['嘎查村', 'village'],
    ['行政村', 'village'],
    ['乡镇', 'town'],
    ['乡镇(街道)', 'town'],
    ['苏木乡镇', 'town'],
    ['县', 'county'],
    ['县(市、区)', 'county'],
    ['旗县', 'county'],
    ['劳动能力', 'labourAbility'],
    ['劳动技能', 'labourAbility'],
    ['月收入', 'monthlyIncome'],
    ['月均收入（元）', 'monthlyIncome'],
    ['月收入(元)', 'monthlyIncome'],
    ['户类型', 'category'],
    ['务工单位', 'employer'],
    ['务工时间', 'employmentStart'],
    ['村代码', 'villageCode'],
    ['行政区划代码', 'villageCode'],
    ['序号', null],
    ['备注', null],
    ['', null],
  ])('%j → %s', (text, key) => {
    expect(headerKey(text)).toBe(key);
  });

  it('normalizes width, spaces, notes in brackets and stars', () => {
    expect(normalizeHeader('＊ 月均收入 （元）：')).toBe('月均收入');
  });

  it('names columns like Excel', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('finding the header row', () => {
  it('skips title and 填报单位 rows and reports extra columns', () => {
    const layout = detectHeader([
      row(1, 'XX村脱贫劳动力实名制台账'),
      row(2, '填报单位：XX村', null, null, '填报日期：2024年5月'),
      row(3),
      row(4, '序号', '姓名', '身份证号码', '与户主关系', '备注', '联系电话', '联系电话'),
      row(5, 1, '张三', '150521198403151234'),
    ]);
    expect(layout?.headerRows).toEqual([4]);
    expect(layout?.columns.map((c) => [c.key, c.index])).toEqual([
      ['name', 1],
      ['idNumber', 2],
      ['relationToHead', 3],
      ['phone', 5],
    ]);
    // A second 联系电话 is not merged into the first: it is ignored and reported.
    expect(layout?.ignored.map((c) => c.header)).toEqual(['序号', '备注', '联系电话']);
    expect(layout?.missing).toEqual([]);
  });

  it('combines a row of group headings with the sub-header row below', () => {
    const layout = detectHeader([
      // 姓名 is merged down over both rows, so its text is in the upper row only.
      row(1, '序号', '姓名', '基本信息', null, '就业情况', null, null),
      row(2, null, null, '身份证号', '性别', '就业状态', '就业形式', '月均收入（元）'),
    ]);
    expect(layout?.headerRows).toEqual([1, 2]);
    expect(layout?.columns.map((c) => c.key)).toEqual([
      'name',
      'idNumber',
      'sex',
      'employmentStatus',
      'employmentForm',
      'monthlyIncome',
    ]);
  });

  it('finds no header in a sheet without one, and lists required columns a header lacks', () => {
    expect(detectHeader([row(1, '填表说明'), row(2, '1. 身份证号码请设为文本格式录入')])).toBeNull();
    expect(detectHeader([row(1, '姓名', '性别', '联系电话', '劳动能力')])?.missing).toEqual(['idNumber']);
  });

  it('tells data rows from blank, footer, repeated-header and column-number rows', () => {
    const layout = detectHeader([row(1, '序号', '姓名', '身份证号码', '联系电话')]);
    if (!layout) throw new Error('no layout');
    expect(isBlankRow(row(9, 7, null, ' ', null), layout)).toBe(true);
    expect(isFooterRow(row(9, '审核人：王某', null, null, '制表人：李某'), layout)).toBe(true);
    expect(isFooterRow(row(9, null, '合计', null, null), layout)).toBe(true);
    expect(isFooterRow(row(9, 3, '张三', null, null), layout)).toBe(false);
    expect(isHeaderLikeRow(row(9, '序号', '姓名', '身份证号码', '联系电话'), layout)).toBe(true);
    expect(isHeaderLikeRow(row(9, 1, 2, 3, 4), layout)).toBe(true);
    expect(isHeaderLikeRow(row(9, 1, '张三', '150521198403151234', '13800000000'), layout)).toBe(false);
  });
});

describe('values as offices write them', () => {
  it.each<[Cell, boolean | null | undefined]>([
    ['是', true],
    ['否', false],
    ['有', true],
    ['无', false],
    ['√', true],
    ['×', false],
    [' 是 ', true],
    ['Y', true],
    [true, true],
    ['', null],
    [null, null],
    ['也许', undefined],
  ])('yes/no %j → %j', (cell, expected) => {
    expect(parseYesNo(cell)).toBe(expected);
  });

  it.each<[Cell, string | null | undefined]>([
    [new LedgerDate('2022-06-15'), '2022-06-15'],
    [44713, '2022-06-01'],
    ['2022年6月', '2022-06-01'],
    ['2022年6月15日', '2022-06-15'],
    ['2022.6', '2022-06-01'],
    [2022.6, '2022-06-01'],
    ['2022.6.15', '2022-06-15'],
    ['2022-06', '2022-06-01'],
    ['2022/6/15', '2022-06-15'],
    ['２０２２－０６', '2022-06-01'],
    ['20220615', '2022-06-15'],
    [20220615, '2022-06-15'],
    ['202206', '2022-06-01'],
    ['2022-02-30', undefined],
    ['去年', undefined],
    ['', null],
  ])('date %j → %j', (cell, expected) => {
    expect(parseLedgerDate(cell)).toBe(expected);
  });

  it('counts Excel serial days from 1900 with the fictitious 29 February', () => {
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(59)).toBe('1900-02-28');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(45352)).toBe('2024-03-01');
    expect(excelSerialToDate(0)).toBeNull();
    expect(excelSerialToDate(0, true)).toBe('1904-01-01');
  });

  it.each<[Cell, number | null | undefined]>([
    [4200, 4200],
    ['4200', 4200],
    ['4,200', 4200],
    ['４２００', 4200],
    [' 4200元 ', 4200],
    ['4200.50', 4200.5],
    ['约四千', undefined],
    ['', null],
  ])('amount %j → %j', (cell, expected) => {
    expect(parseAmount(cell)).toBe(expected);
  });

  it('reads disability grades and skills', () => {
    expect(['一级', '2', '四级', '3级', '', '五级'].map(parseDisabilityGrade)).toEqual([
      1,
      2,
      4,
      3,
      null,
      undefined,
    ]);
    expect(parseSkills('电焊、厨师，叉车')).toEqual(['电焊', '厨师', '叉车']);
  });

  it.each([
    ['relationToHead', '之子', 'child'],
    ['relationToHead', '妻', 'spouse'],
    ['relationToHead', '之儿媳', 'childInLaw'],
    ['employmentForm', '扶贫车间', 'assistanceWorkshop'],
    ['employmentForm', '公益岗位', 'publicWelfarePost'],
    ['workLocation', '跨省', 'outOfProvince'],
    ['labourAbility', '普通', 'ordinary'],
    ['category', '监测户', 'monitored'],
    ['education', '中专', 'vocational'],
  ] as const)('%s %j → %s', (reader, text, code) => {
    expect(codeReaders[reader].read(text)).toBe(code);
  });

  it('refuses an ID number Excel stored as a number, never repairing it', () => {
    // What Excel keeps of an 18-digit number: 15 significant digits.
    expect(idNumberText(Number('150521198403151234'))).toEqual({ problem: 'idNumber.excelMangled' });
    expect(idNumberText('1.50521E+17')).toEqual({ problem: 'idNumber.excelMangled' });
    expect(idNumberText(' 150521198403151234 ')).toEqual({ text: '150521198403151234' });
    expect(householdNoText(1505211002000001)).toEqual({ problem: 'ledger.householdNoMangled' });
    expect(householdNoText(12)).toEqual({ text: '12' });
    expect(cellText(13800000000)).toBe('13800000000');
  });
});

describe('a row → a household and a person', () => {
  const layout = detectHeader([
    row(
      1,
      '姓名',
      '身份证号码',
      '性别',
      '出生日期',
      '与户主关系',
      '户编号',
      '户类型',
      '劳动能力',
      '联系电话',
      '就业状态',
      '未就业原因',
    ),
  ]);
  if (!layout) throw new Error('no layout');
  const id = makeIdNumber('150521', '19840315', 123); // odd sequence: a man

  it('reads a good row, folding full width and lower-case x', () => {
    const female = makeIdNumber('150521', '19750114', 0).slice(0, 17);
    const cells: Cell[] = [
      '李桂芝',
      id.toLowerCase(),
      '男',
      '1984年3月',
      '户主',
      '0002',
      '边缘易致贫户',
      '普通劳动力',
      '１３９４７５０５６７８',
      '未就业',
      '照顾家庭',
    ];
    const mapped = mapRow(row(7, ...cells), layout, context);
    expect(mapped.problems).toEqual([]);
    expect(mapped.person).toMatchObject({
      idNumber: id.toUpperCase(),
      birthDate: '1984-03-15',
      sex: 'M',
      phone: '13947505678',
      employmentStatus: 'unemployed',
      notWorkingReason: 'caringForFamily',
    });
    expect(mapped.household).toMatchObject({ category: 'monitored', monitoringType: 'marginal' });
    expect(female).toHaveLength(17);
  });

  it('reports sex and birth date that contradict the ID number, and the ID problems', () => {
    const sex = mapRow(
      row(8, '张三', id, '女', '1984-03-16', '户主', '1', '脱贫户', '普通劳动力', null, '未就业', '在家闲置'),
      layout,
      context,
    );
    expect(sex.problems.map((p) => p.code)).toEqual(['ledger.sexMismatch', 'ledger.birthDateMismatch']);
    const mangled = mapRow(
      row(9, '张三', Number(id), null, null, '户主', '1', '脱贫户', '普通劳动力', null, '未就业', '在家闲置'),
      layout,
      context,
    );
    expect(mangled.problems).toEqual([{ key: 'idNumber', code: 'idNumber.excelMangled' }]);
    const lost = `${id.slice(0, 15)}000`;
    const copied = mapRow(
      row(9, '张三', lost, null, null, '户主', '1', '脱贫户', '普通劳动力', null, '未就业', '在家闲置'),
      layout,
      context,
    );
    expect(copied.problems.map((p) => p.code)).toEqual(
      parseInt(lost.at(-1) ?? '0', 10) === 0 && lost === id ? [] : ['idNumber.excelMangled'],
    );
  });

  it('checks employment consistency when the file has the whole group, and unknown values', () => {
    const full = detectHeader([
      row(
        1,
        '姓名',
        '身份证号码',
        '与户主关系',
        '劳动能力',
        '就业状态',
        '就业形式',
        '务工地域',
        '务工地点',
        '就业单位',
        '就业开始时间',
        '月收入',
        '未就业原因',
        '劳务协作组织输出',
        '劳务协作名称',
      ),
    ]);
    if (!full) throw new Error('no layout');
    const mapped = mapRow(
      row(
        3,
        '张三',
        id,
        '户主',
        '普通劳动力',
        '已就业',
        null,
        '县内',
        null,
        null,
        '下个月',
        'abc',
        null,
        '也许',
        null,
      ),
      full,
      context,
    );
    expect(mapped.problems.map((p) => [p.key, p.code])).toEqual([
      ['employmentStart', 'ledger.badDate'],
      ['monthlyIncome', 'ledger.badNumber'],
      ['organizedByCooperation', 'ledger.notYesNo'],
      ['employmentForm', 'employment.formRequired'],
    ]);
    const unknown = mapRow(
      row(
        3,
        '张三',
        id,
        '户主',
        '超人',
        '未就业',
        null,
        null,
        null,
        null,
        null,
        null,
        '在家闲置',
        '否',
        null,
      ),
      full,
      context,
    );
    expect(unknown.problems).toEqual([
      {
        key: 'labourAbility',
        code: 'ledger.unknownValue',
        params: { value: '超人', allowed: codeReaders.labourAbility.labels.join('、') },
      },
    ]);
  });
});

describe('regions by code or by the names officials write', () => {
  const index = new RegionIndex([
    { code: '150521000000', level: 3, name: '科尔沁左翼中旗', aliases: ['科左中旗'] },
    { code: '150521100000', level: 4, name: '保康镇', aliases: ['保康'] },
    { code: '150521100200', level: 5, name: '保西村', aliases: ['保西'] },
    { code: '150521100201', level: 5, name: '保南村', aliases: ['保南'] },
    { code: '150521101000', level: 4, name: '宝龙山镇', aliases: ['宝龙山'] },
    { code: '150521101200', level: 5, name: '保西村', aliases: ['保西'] },
  ]);
  const names = (county: string, town: string, village: string, code = '') => ({
    code,
    city: '',
    county,
    town,
    village,
  });

  it.each([
    [names('科左中旗', '保康镇', '保西村'), { ok: true, code: '150521100200' }],
    [names('科尔沁左翼中旗', '保康', '保西'), { ok: true, code: '150521100200' }],
    [names('', '宝龙山镇', '保西村'), { ok: true, code: '150521101200' }],
    [names('', '', '保南村'), { ok: true, code: '150521100201' }],
    [names('', '', '150521100201'), { ok: true, code: '150521100201' }],
    [names('', '', '保西村', '150521100200'), { ok: true, code: '150521100200' }],
    [names('', '', '保西村'), { ok: false, key: 'village', code: 'region.ambiguous', value: '保西村' }],
    [names('', '', '保东村'), { ok: false, key: 'village', code: 'region.unknown', value: '保东村' }],
    [
      names('开鲁县', '保康镇', '保西村'),
      { ok: false, key: 'county', code: 'region.unknown', value: '开鲁县' },
    ],
    [
      names('', '', '保南村', '150521100200'),
      { ok: false, key: 'village', code: 'ledger.regionMismatch', value: '保南村' },
    ],
    [
      names('', '', '', '150521100000'),
      { ok: false, key: 'villageCode', code: 'region.notVillage', value: '150521100000' },
    ],
    [
      names('', '', '', '150521999999'),
      { ok: false, key: 'villageCode', code: 'region.unknown', value: '150521999999' },
    ],
    [names('', '保康镇', ''), { ok: false, key: 'village', code: 'region.notVillage', value: '保康镇' }],
  ])('%j', (region, expected) => {
    expect(resolveVillage(region, index, null)).toEqual(expected);
  });

  it('uses the village of a one-village import when the file names none', () => {
    expect(resolveVillage(names('', '', ''), index, '150521100200')).toEqual({
      ok: true,
      code: '150521100200',
    });
  });
});

describe('export → import round trip of every column', () => {
  const base: PersonValues = {
    name: '张德胜',
    idNumber: makeIdNumber('150521', '19680312', 151),
    birthDate: '1968-03-12',
    sex: 'M',
    relationToHead: 'head',
    phone: '0475-3212345',
    education: 'juniorHigh',
    labourAbility: 'skilled',
    health: 'disabled',
    disabilityGrade: 3,
    skills: ['电焊', '厨师'],
    wantsWork: true,
    wantsTraining: false,
    workAwayWillingness: 'anywhere',
    employmentStatus: 'employed',
    employmentForm: 'migrantWork',
    workLocation: 'outOfProvince',
    workplace: '北京市大兴区',
    employer: '北京某物流有限公司',
    employmentStart: '2022-06-01',
    monthlyIncome: 4500.5,
    notWorkingReason: null,
    organizedByCooperation: true,
    cooperationName: '京蒙协作',
  };
  const people: PersonValues[] = [
    base,
    {
      ...base,
      name: '王秀兰',
      idNumber: makeIdNumber('150521', '19700521', 162),
      birthDate: '1970-05-21',
      sex: 'F',
      relationToHead: 'spouse',
      phone: null,
      education: null,
      health: 'healthy',
      disabilityGrade: null,
      skills: [],
      wantsWork: false,
      employmentStatus: 'unemployed',
      employmentForm: null,
      workLocation: null,
      workplace: null,
      employer: null,
      employmentStart: null,
      monthlyIncome: 0,
      notWorkingReason: 'caringForFamily',
      organizedByCooperation: false,
      cooperationName: null,
    },
  ];

  it.each(people)('$name', (person) => {
    const record = {
      countyName: '科尔沁左翼中旗',
      townName: '保康镇',
      villageName: '保西村',
      villageCode: '150521100200',
      householdNo: '0001',
      category: 'monitored',
      monitoringType: 'suddenHardship',
      relocation: 'centralized',
      resettlementSite: '保康镇幸福家园',
      address: '保西村三组',
      person,
    };
    const mapped = mapRow(row(3, ...ledgerCells(record)), exportLayout(2), context);
    expect(mapped.problems).toEqual([]);
    expect(mapped.person).toEqual(person);
    expect(mapped.householdNo).toBe('0001');
    expect(mapped.region).toEqual({
      code: '150521100200',
      city: '',
      county: '科尔沁左翼中旗',
      town: '保康镇',
      village: '保西村',
    });
    expect(mapped.household).toEqual({
      category: 'monitored',
      monitoringType: 'suddenHardship',
      relocation: 'centralized',
      resettlementSite: '保康镇幸福家园',
      address: '保西村三组',
    });
  });
});
