import { describe, expect, it } from 'vitest';
import { characterCount, compactText, detached, foldWidth, withoutSpaces } from './text.js';

describe('text as typed', () => {
  it('folds full-width ASCII and the ideographic space, and leaves other text as it is', () => {
    expect(foldWidth('１３０１０２Ｘ')).toBe('130102X');
    expect(foldWidth('科左中旗\u3000（通辽）')).toBe('科左中旗 (通辽)');
    const plain = '石家庄市长安区';
    expect(foldWidth(plain)).toBe(plain);
  });

  it('removes whitespace anywhere, the ideographic space and line breaks included', () => {
    expect(withoutSpaces(' 长安 区\u3000\n')).toBe('长安区');
    expect(compactText('１３０１ ０２\u3000')).toBe('130102');
    expect(compactText('')).toBe('');
  });

  it('counts characters as people do: an astral character is one', () => {
    expect(characterCount('张三')).toBe(2);
    expect(characterCount('𠀋家村')).toBe(3);
    expect('𠀋家村'.length).toBe(4);
  });

  it('detaches a piece of text from its source, equal to it', () => {
    const source = `前文${'130102198403151234'}后文`.repeat(100);
    const piece = source.slice(2, 20);
    expect(detached(piece)).toBe('130102198403151234');
    expect(detached('短')).toBe('短');
  });
});
