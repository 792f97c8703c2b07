import { describe, expect, it } from 'vitest';
import { emptyFigures, parseBreakdownTable, sumFigures, summarize } from './stats.rules.js';

describe('summarize', () => {
  it('adds people into totals and children, counting forms and places only for the employed', () => {
    const { total, children } = summarize(
      [
        {
          child: 'A',
          employed: true,
          form: 'migrantWork',
          location: 'outOfProvince',
          labourer: true,
          relocated: true,
          cooperation: true,
          n: 5,
        },
        {
          child: 'A',
          employed: false,
          form: null,
          location: null,
          labourer: true,
          relocated: true,
          cooperation: false,
          n: 2,
        },
        {
          child: 'B',
          employed: false,
          form: null,
          location: null,
          labourer: false,
          relocated: false,
          cooperation: false,
          n: 3,
        },
        {
          child: 'B',
          employed: true,
          form: 'publicWelfarePost',
          location: 'inCounty',
          labourer: true,
          relocated: false,
          cooperation: false,
          n: 1,
        },
      ],
      [
        { child: 'A', households: 3, relocated: 1, monitored: 0, zeroEmployment: 0 },
        { child: 'B', households: 2, relocated: 0, monitored: 1, zeroEmployment: 1 },
      ],
    );
    expect(total).toMatchObject({
      persons: 11,
      labourers: 8,
      employed: 6,
      unemployedLabourers: 2,
      relocatedEmployed: 5,
      cooperationEmployed: 5,
      households: 5,
      relocatedHouseholds: 1,
      monitoredHouseholds: 1,
      zeroEmploymentHouseholds: 1,
    });
    expect(total.byForm.migrantWork).toBe(5);
    expect(total.byForm.publicWelfarePost).toBe(1);
    expect(total.byLocation).toEqual({ inCounty: 1, inProvince: 0, outOfProvince: 5 });
    expect(children.get('B')).toMatchObject({ persons: 4, employed: 1, zeroEmploymentHouseholds: 1 });
  });

  it('gives zeros, not gaps, for an empty region', () => {
    const { total, children } = summarize([], []);
    expect(total.persons).toBe(0);
    expect(total.byForm.farming).toBe(0);
    expect(children.size).toBe(0);
  });
});

describe('sumFigures', () => {
  it('adds every count, including forms and places', () => {
    const a = { ...emptyFigures(), persons: 3, employed: 2, zeroEmploymentHouseholds: 1 };
    a.byForm.farming = 2;
    const b = { ...emptyFigures(), persons: 4, employed: 1 };
    b.byForm = { ...b.byForm, farming: 1 };
    b.byLocation = { ...b.byLocation, inCounty: 1 };
    const total = sumFigures([a, b]);
    expect(total).toMatchObject({ persons: 7, employed: 3, zeroEmploymentHouseholds: 1 });
    expect(total.byForm.farming).toBe(3);
    expect(total.byLocation.inCounty).toBe(1);
    expect(a.persons).toBe(3);
  });
});

describe('parseBreakdownTable', () => {
  it("reads seed 001's annex as pasted, the total row as the parent", () => {
    const annex = [
      '2022 年度各旗县（市区）易地搬迁脱贫人口（含监测对象）务工',
      '就业任务分解表',
      '',
      '地区\t2022 年度目标任务',
      '全市合计\t1000',
      '科左中旗\t400',
      '开鲁县\t20',
      '库伦旗\t30',
      '奈曼旗\t400',
      '扎鲁特旗\t150',
    ].join('\n');
    const { total, children } = parseBreakdownTable(annex);
    expect(total).toEqual({ line: 5, region: '全市合计', value: 1000 });
    expect(children.map((c) => [c.region, c.value])).toEqual([
      ['科左中旗', 400],
      ['开鲁县', 20],
      ['库伦旗', 30],
      ['奈曼旗', 400],
      ['扎鲁特旗', 150],
    ]);
  });

  it('takes commas, spaces, thousands separators, units and Windows line ends', () => {
    const { total, children } = parseBreakdownTable(
      '合计, "37,500"\r\n舍伯吐镇，1,200 人\r\n花吐古拉镇  300\r\n巴彦塔拉镇:45\r\n',
    );
    expect(total).toEqual({ line: 1, region: '合计', value: 37_500 });
    expect(children.map((c) => [c.region, c.value])).toEqual([
      ['舍伯吐镇', 1200],
      ['花吐古拉镇', 300],
      ['巴彦塔拉镇', 45],
    ]);
  });

  it('skips lines without a region or a number', () => {
    expect(parseBreakdownTable('地区 目标\n2022\n\n   ')).toEqual({ total: null, children: [] });
  });
});
