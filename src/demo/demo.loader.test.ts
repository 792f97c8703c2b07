import { describe, expect, it } from 'vitest';
import { spreadEvenly } from './demo.loader.js';

describe('spreadEvenly', () => {
  it('takes items at even steps and keeps order', () => {
    expect(spreadEvenly([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([1, 3, 5, 7, 9]);
  });
  it('returns everything when asked for at least as many as there are', () => {
    expect(spreadEvenly(['a', 'b'], 5)).toEqual(['a', 'b']);
  });
});
