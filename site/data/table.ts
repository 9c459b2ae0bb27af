/**
 * Tables as data: one model renders the HTML table (static, or the sortable island) and writes
 * the table's CSV download, so the two never disagree. Pure.
 *
 * A cell has the text people read, a value to sort by, and the value the CSV gets (raw numbers:
 * money exact to 4 decimals, ratios as fractions, periods as labels; empty for a missing figure).
 */
import { csvField } from './csv.ts';
import { MISSING, formatCount, formatMoney, formatPercent, periodName } from './format.ts';

export interface TableColumn {
  /** The CSV header and the URL `sort` value: lowercase words joined by underscores. */
  key: string;
  label: string;
  /** Right-aligned, sorted as numbers, largest first on the first click. */
  numeric: boolean;
  /** Cells kept on one line (names): the table scrolls sideways instead of wrapping them. */
  nowrap?: boolean;
}

export interface TableCell {
  text: string;
  /** Sort value: numbers for numeric columns, lowercase text otherwise; null sorts last. */
  sort: number | string | null;
  csv: number | string | null;
  /** The cell links here (the first column of a row usually). */
  href?: string;
  /** Why the figure is missing; shown to screen readers and as a tooltip. */
  missing?: string;
  /** `warn`: a cell that calls for attention (e.g. a calibration flag); its row is highlighted. */
  tone?: 'warn';
}

export interface TableModel {
  /** Unique on its page; names the CSV file (`<id>.csv`) and the DOM ids. */
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: TableCell[][];
  /** The column whose cells head their rows (`<th scope="row">`). */
  rowHeader: number;
  /** The order the rows are given in, for the sort indicator; null when it is no column's. */
  defaultSort: { key: string; dir: 'asc' | 'desc' } | null;
  /** Shown in place of the rows when there are none. */
  empty: string;
}

/**
 * A table model, checked: column keys are unique identifiers, every row has a cell per column.
 * Throws `invalid table <id>: ...` otherwise.
 */
export function table(model: TableModel): TableModel {
  const fail = (why: string): never => {
    throw new Error(`invalid table ${model.id}: ${why}`);
  };
  if (!/^[a-z0-9-]+$/.test(model.id)) fail('id must be lowercase letters, digits and dashes');
  const keys = new Set<string>();
  for (const column of model.columns) {
    if (!/^[a-z0-9_]+$/.test(column.key)) fail(`column key ${JSON.stringify(column.key)}`);
    if (keys.has(column.key)) fail(`duplicate column ${column.key}`);
    keys.add(column.key);
  }
  model.rows.forEach((row, i) => {
    if (row.length !== model.columns.length) fail(`row ${i} has ${row.length} cells for ${model.columns.length} columns`);
  });
  if (model.defaultSort && !keys.has(model.defaultSort.key)) fail(`default sort ${model.defaultSort.key} is not a column`);
  return model;
}

/** A text column; `nowrap` keeps its cells on one line. */
export const textColumn = (key: string, label: string, options: { nowrap?: boolean } = {}): TableColumn => ({
  key,
  label,
  numeric: false,
  ...(options.nowrap ? { nowrap: true } : {}),
});
/** A numeric column. */
export const numberColumn = (key: string, label: string): TableColumn => ({ key, label, numeric: true });

/** @example textCell('Ana Lima', { href: '/reps/rep_ana/' }) */
export function textCell(text: string, options: { href?: string; csv?: string } = {}): TableCell {
  return { text, sort: text.toLowerCase() /* = toLocaleLowerCase('en-US'): English has no special cases */, csv: options.csv ?? text, ...(options.href ? { href: options.href } : {}) };
}

/** A missing figure: a dash, the reason for screen readers, an empty CSV field. */
export function missingCell(reason: string): TableCell {
  return { text: MISSING, sort: null, csv: null, missing: reason };
}

/**
 * Money in whole currency units (the CSV keeps the exact amount); `cents` shows the minor digits.
 *
 * @example moneyCell(49500.25, 'USD').text // '$49,500'
 * @example moneyCell(49500.25, 'USD', 'n/a', { cents: true }).text // '$49,500.25'
 */
export function moneyCell(amount: number | null, currency: string, missing = 'Not available', options: { cents?: boolean } = {}): TableCell {
  if (amount === null) return missingCell(missing);
  return { text: formatMoney(amount, currency, options.cents ? {} : { whole: true }), sort: amount, csv: amount };
}

/** @example ratioCell(0.9).text // '90.0%' (CSV: 0.9) */
export function ratioCell(ratio: number | null, missing = 'Not available'): TableCell {
  if (ratio === null) return missingCell(missing);
  return { text: formatPercent(ratio), sort: ratio, csv: ratio };
}

/** @example countCell(1234).text // '1,234' */
export function countCell(n: number | null, missing = 'Not available'): TableCell {
  if (n === null) return missingCell(missing);
  return { text: formatCount(n), sort: n, csv: n };
}

const decimalFormats = new Map<number, Intl.NumberFormat>();
function decimalFormat(digits: number): Intl.NumberFormat {
  let format = decimalFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    decimalFormats.set(digits, format);
  }
  return format;
}

/** A number with fixed decimals. @example decimalCell(12325.25, 1).text // '12,325.3' */
export function decimalCell(n: number | null, digits: number, missing = 'Not available'): TableCell {
  if (n === null) return missingCell(missing);
  const text = decimalFormat(digits).format(n);
  return { text, sort: n, csv: n };
}

/** A period by name, sorted and exported by label. @example periodCell('2026-W48').text // 'Week 48, 2026' */
export function periodCell(label: string, options: { href?: string; text?: string } = {}): TableCell {
  return { text: options.text ?? periodName(label), sort: label, csv: label, ...(options.href ? { href: options.href } : {}) };
}

/**
 * The table as CSV (RFC 4180, CRLF): the column keys, then each row's CSV values.
 *
 * @example tableCsv(model) // 'rep,net_revenue\r\nAna Lima,5000\r\n'
 */
export function tableCsv(model: TableModel): string {
  // Appended field by field (no array per row): a large build writes the CSV of every table.
  let text = `${model.columns.map((c) => csvField(c.key)).join(',')}\r\n`;
  for (const row of model.rows) {
    for (let i = 0; i < row.length; i++) text += i === 0 ? csvField(row[i]!.csv) : `,${csvField(row[i]!.csv)}`;
    text += '\r\n';
  }
  return text;
}

/** A cell as the browser gets it: [text, sort, href, missing], and its tone when it has one. */
export type ClientCell = [string, number | string | null, string | null, string | null] | [string, number | string | null, string | null, string | null, 'warn'];

/** A table as the browser gets it: cells as [text, sort, href, missing, tone?] (no CSV values). */
export interface ClientTable {
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: ClientCell[][];
  rowHeader: number;
  defaultSort: TableModel['defaultSort'];
  empty: string;
}

/** The model without what only the CSV needs, for the page (and the island's props). */
export function clientTable(model: TableModel): ClientTable {
  return {
    id: model.id,
    caption: model.caption,
    columns: model.columns,
    rows: model.rows.map((row) =>
      row.map((cell): ClientCell =>
        cell.tone ? [cell.text, cell.sort, cell.href ?? null, cell.missing ?? null, cell.tone] : [cell.text, cell.sort, cell.href ?? null, cell.missing ?? null],
      ),
    ),
    rowHeader: model.rowHeader,
    defaultSort: model.defaultSort,
    empty: model.empty,
  };
}
