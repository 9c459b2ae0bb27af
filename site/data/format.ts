/**
 * Turning snapshot figures into text. Pure. Money uses the snapshot's currency, ratios are shown
 * as percentages, instants in the snapshot's timezone. One locale for the whole site for now
 * (the snapshot does not name one).
 */
import type { Grain } from '../../shared/snapshot.ts';
import type { MissingReason } from './headline.ts';
import { fixedDigitsText, percentDigitsText } from './fixed-text.ts';
import { assertPeriodLabel } from './period.ts';

export const LOCALE = 'en-US';

/** Shown in place of a null figure, always next to an explanation of why. */
export const MISSING = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A cached formatter; `key` names the options (cheaper than serialising them on every call). */
function numberFormat(options: Intl.NumberFormatOptions, key: string = JSON.stringify(options)): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, options);
    numberFormats.set(key, format);
  }
  return format;
}

export interface MoneyOptions {
  /** Round to whole currency units (headline figures); default: the currency's minor digits. */
  whole?: boolean;
  /** Always show the sign (changes): `+$5,500`, `-$120`. */
  signed?: boolean;
}

/**
 * @example formatMoney(49500.25, 'USD')                  // '$49,500.25'
 * @example formatMoney(49500.25, 'USD', { whole: true })  // '$49,500'
 * @example formatMoney(5500.25, 'USD', { whole: true, signed: true }) // '+$5,500'
 */
export function formatMoney(amount: number, currency: string, options: MoneyOptions = {}): string {
  // Looked up without building a key string: this runs about a million times in a large build.
  let formats = moneyFormats.get(currency);
  if (!formats) {
    formats = [false, true].flatMap((whole) =>
      [false, true].map((signed) =>
        // fixedDigitsText writes Intl's text from integer units, five times faster than Intl.
        fixedDigitsText(
          numberFormat(
            {
              style: 'currency',
              currency,
              ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
              ...(signed ? { signDisplay: 'exceptZero' } : {}),
            },
            `money ${currency} ${whole} ${signed}`,
          ),
        ),
      ),
    );
    moneyFormats.set(currency, formats);
  }
  return formats[(options.whole === true ? 2 : 0) + (options.signed === true ? 1 : 0)]!(amount);
}

/** Per currency, the formatters of [plain, signed, whole, whole and signed] amounts. */
const moneyFormats = new Map<string, ((amount: number) => string)[]>();

/**
 * Short money for chart axes.
 *
 * @example formatMoneyCompact(45000, 'USD') // '$45K'
 */
export function formatMoneyCompact(amount: number, currency: string): string {
  return numberFormat({ style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 }).format(amount);
}

/**
 * A fraction as a percentage.
 *
 * @example formatPercent(0.45)    // '45.0%'
 * @example formatPercent(0.125, { signed: true }) // '+12.5%'
 */
export function formatPercent(ratio: number, options: { digits?: number; signed?: boolean } = {}): string {
  const digits = options.digits ?? 1;
  const signed = options.signed === true;
  // The formatter is kept per digits and sign without building a key string on every call.
  const index = digits * 2 + (signed ? 1 : 0);
  let format = percentFormats[index];
  if (!format) {
    // percentDigitsText writes Intl's text from the ratio's decimal digits, faster than Intl.
    format = percentDigitsText(
      numberFormat(
        {
          style: 'percent',
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
          ...(signed ? { signDisplay: 'exceptZero' } : {}),
        },
        `percent ${digits} ${signed}`,
      ),
    );
    percentFormats[index] = format;
  }
  return format(ratio);
}

const percentFormats: ((ratio: number) => string)[] = [];

/**
 * A difference of two fractions in percentage points, signed unless `signed` is false.
 *
 * @example formatPoints(0.9 - 0.9777777777777777) // '-7.8 pts'
 * @example formatPoints(0.121, { signed: false }) // '12.1 pts'
 */
export function formatPoints(difference: number, options: { digits?: number; signed?: boolean } = {}): string {
  const digits = options.digits ?? 1;
  const points = numberFormat({
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    ...(options.signed === false ? {} : { signDisplay: 'exceptZero' }),
  }).format(difference * 100);
  return `${points} pts`;
}

/** @example formatCount(1234) // '1,234' */
export function formatCount(n: number, options: { signed?: boolean } = {}): string {
  const signed = options.signed === true;
  let format = countFormats[signed ? 1 : 0];
  if (!format) {
    format = fixedDigitsText(numberFormat({ maximumFractionDigits: 0, ...(signed ? { signDisplay: 'exceptZero' } : {}) }, `count ${signed}`));
    countFormats[signed ? 1 : 0] = format;
  }
  return format(n);
}

/** The formatters of [plain, signed] counts (whole numbers: fixedDigitsText writes them). */
const countFormats: ((n: number) => string)[] = [];

/**
 * An instant in the org's timezone, with the zone's short name.
 *
 * @example formatInstant('2026-12-01T03:30:00Z', 'America/New_York') // 'Nov 30, 2026, 10:30 PM EST'
 */
export function formatInstant(instant: string, timezone: string): string {
  // Every page shows "Data as of" the same instant: formatters are costly to create, so one per zone.
  let format = instantFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, {
      timeZone: timezone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    instantFormats.set(timezone, format);
  }
  // Every page shows the same instant: its text is kept too.
  const key = `${timezone} ${instant}`;
  let text = instantTexts.get(key);
  if (text === undefined) {
    text = format.format(new Date(instant));
    if (instantTexts.size >= 1_000) instantTexts.clear();
    instantTexts.set(key, text);
  }
  return text;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();
const instantTexts = new Map<string, string>();

const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A period label for people.
 *
 * @example periodName('2026-11')          // 'November 2026'
 * @example periodName('2026-11', 'short') // 'Nov 2026'
 * @example periodName('2026-Q4')          // 'Q4 2026'
 * @example periodName('2026-W49')         // 'Week 49, 2026'
 * @example periodName('2026-11-30')       // 'Nov 30, 2026'
 */
export function periodName(label: string, style: 'long' | 'short' = 'long'): string {
  const grain: Grain = assertPeriodLabel(label);
  const year = label.slice(0, 4);
  switch (grain) {
    case 'year':
      return year;
    case 'quarter':
      return `${label.slice(5)} ${year}`;
    case 'month': {
      const names = style === 'long' ? MONTHS_LONG : MONTHS_SHORT;
      return `${names[Number(label.slice(5, 7)) - 1]} ${year}`;
    }
    case 'week':
      return `Week ${Number(label.slice(6))}, ${year}`;
    case 'day':
      return `${MONTHS_SHORT[Number(label.slice(5, 7)) - 1]} ${Number(label.slice(8, 10))}, ${year}`;
  }
}

/**
 * The first days of a month for people: `Oct 1–26`, with the year on request; `Oct 1` for one day.
 *
 * @example daySpanName('2026-10', 26) // 'Oct 1–26'
 * @example daySpanName('2026-12', 15, { year: true }) // 'Dec 1–15, 2026'
 */
export function daySpanName(month: string, through: number, options: { year?: boolean } = {}): string {
  assertPeriodLabel(month, 'month');
  if (!Number.isInteger(through) || through < 1 || through > 31) throw new Error(`invalid day: ${through}`);
  const name = `${MONTHS_SHORT[Number(month.slice(5, 7)) - 1]} 1${through === 1 ? '' : `–${through}`}`;
  return options.year ? `${name}, ${month.slice(0, 4)}` : name;
}

/**
 * Why a figure is missing, in words, for the period it belongs to (named by `name` when given,
 * e.g. a span of days, else by its label).
 *
 * @example missingText('no_target', '2026-11') // 'No target set for November 2026'
 * @example missingText('missing_cost', '2026-10', 'Oct 1–26') // 'Margin unknown: a sale in Oct 1–26 has no cost'
 */
export function missingText(reason: MissingReason, period: string, name: string = periodName(period)): string {
  switch (reason) {
    case 'no_target':
      return `No target set for ${name}`;
    case 'zero_target':
      return `The target for ${name} is zero`;
    case 'no_net_revenue':
      return `No net revenue in ${name}`;
    case 'missing_cost':
      return `Margin unknown: a sale in ${name} has no cost`;
    case 'no_activity':
      return `No activity recorded in ${name}`;
    case 'no_responses':
      return `No survey responses in ${name}`;
    case 'no_market_size':
      return `No market size for ${name}`;
    case 'before_history':
      return `${name} is before the snapshot's first figures`;
  }
}

/**
 * The dates of a span of days for people: `Nov 23–29, 2026`, `Nov 30 – Dec 6, 2026`,
 * `Dec 28, 2026 – Jan 3, 2027`, `Nov 30, 2026` for one day.
 *
 * @example dateRangeName('2026-11-23', '2026-11-29') // 'Nov 23–29, 2026'
 */
export function dateRangeName(first: string, last: string): string {
  assertPeriodLabel(first, 'day');
  assertPeriodLabel(last, 'day');
  const month = (d: string) => MONTHS_SHORT[Number(d.slice(5, 7)) - 1];
  const day = (d: string) => Number(d.slice(8, 10));
  const [y1, y2] = [first.slice(0, 4), last.slice(0, 4)];
  if (first === last) return `${month(first)} ${day(first)}, ${y1}`;
  if (y1 !== y2) return `${month(first)} ${day(first)}, ${y1} – ${month(last)} ${day(last)}, ${y2}`;
  if (first.slice(5, 7) !== last.slice(5, 7)) return `${month(first)} ${day(first)} – ${month(last)} ${day(last)}, ${y1}`;
  return `${month(first)} ${day(first)}–${day(last)}, ${y1}`;
}
