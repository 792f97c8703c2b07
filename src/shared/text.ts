// Text as people type and paste it into forms and spreadsheets: full-width ASCII from Chinese input
// methods, stray spaces. One copy of each fold for the registry, the regions and the ledger.
// Each tests before it replaces: most text needs no change, and an import runs these on tens of
// millions of cells, where a replace that builds a new string every time shows up as garbage collection.

const WIDE = /[\uFF01-\uFF5E\u3000]/;
const SPACE = /\s/;

/** Full-width ASCII (！ … ～, U+FF01–U+FF5E, 0xFEE0 above ASCII) to half-width, the ideographic space to a space. */
export function foldWidth(text: string): string {
  if (!WIDE.test(text)) return text;
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** The text without whitespace anywhere (\s covers the ideographic space too). */
export function withoutSpaces(text: string): string {
  return SPACE.test(text) ? text.replace(/\s+/g, '') : text;
}

/** foldWidth, then withoutSpaces: a code, a date or a word compared as the office meant it. */
export function compactText(text: string): string {
  return withoutSpaces(foldWidth(text));
}

/** Length in characters as a person counts them (an astral character is one, not two UTF-16 units). */
export function characterCount(text: string): number {
  // A string's UTF-16 length is at least its count of code points: most text is decided without a copy.
  return /[\uD800-\uDBFF]/.test(text) ? Array.from(text).length : text.length;
}

/**
 * The same text, not holding on to the larger text it was cut from. V8 keeps a piece of 13 or more
 * characters as a view into its source: an ID number read from a sheet's XML kept the whole chunk of
 * XML around it alive for as long as the row was, a ledger's worth of markup at a time.
 */
export function detached(text: string): string {
  // Prepending makes a new string that the slice then flattens into a copy of its own.
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
