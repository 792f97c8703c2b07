import { describe, expect, it } from 'vitest';
import { emptyFigures, sumFigures, summarize } from './stats.rules.js';

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
