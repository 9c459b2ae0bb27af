/**
 * CSV for table downloads (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break. Null becomes an empty field. Pure.
 */

/**
 * @example toCsv([{ a: 1, b: 'x,y' }], ['a', 'b']) // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv<T extends object, K extends keyof T & string>(rows: readonly T[], columns: readonly K[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** One CSV field: quoted when it holds a comma, quote or line break; null is empty. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A number's text never holds a comma, quote or line break.
  if (typeof value === 'number') return String(value);
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
