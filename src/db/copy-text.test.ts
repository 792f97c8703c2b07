import { describe, expect, it } from 'vitest';
import { copyLine } from './copy-text.js';

describe('copyLine (CSV for COPY)', () => {
  it('writes NULL as nothing and empty text quoted, so COPY tells them apart', () => {
    expect(copyLine([null, '', 'x'])).toBe(',"",x');
  });

  it('quotes what COPY would misread and doubles quotes', () => {
    expect(copyLine(['a,b', 'say "hi"', 'two\nlines', 'back\\slash', '张三'])).toBe(
      '"a,b","say ""hi""","two\nlines","back\\slash",张三',
    );
  });

  it('writes booleans, numbers and text arrays as PostgreSQL reads them', () => {
    expect(copyLine([true, false, 4200.5, 0, ['电工', '焊"工', 'a\\b']])).toBe(
      't,f,4200.5,0,"{""电工"",""焊\\""工"",""a\\\\b""}"',
    );
  });

  it('keeps nothing of a longer row before it', () => {
    expect(copyLine([1, 2, 3, 4, 5])).toBe('1,2,3,4,5');
    expect(copyLine([6, 7])).toBe('6,7');
    expect(copyLine([])).toBe('');
  });
});
