/**
 * Line breaking for phrases that must not be split, such as `Oct 1–26` (browsers break after
 * the en dash, leaving `Oct 1–` at the end of a line). Pure: pages wrap the `together` pieces
 * in `white-space: nowrap`.
 */

export interface TextPiece {
  text: string;
  /** True for an occurrence of the phrase. */
  together: boolean;
}

/**
 * `text` cut around every occurrence of `phrase`; the pieces join back to `text`.
 *
 * @example keepTogether('vs $40,000 in Oct 1–30', 'Oct 1–30')
 * // [{ text: 'vs $40,000 in ', together: false }, { text: 'Oct 1–30', together: true }]
 */
export function keepTogether(text: string, phrase: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  if (phrase === '') return text === '' ? [] : [{ text, together: false }];
  let from = 0;
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, from)) {
    if (at > from) pieces.push({ text: text.slice(from, at), together: false });
    pieces.push({ text: phrase, together: true });
    from = at + phrase.length;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), together: false });
  return pieces;
}
