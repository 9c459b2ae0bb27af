/**
 * Sale and refund lines (commission statements) from the SQL engine's resolved tables, a slice
 * at a time: every sale as credited (w_sales: the winning version, its rep and local day) and
 * every refund of a known sale (w_refunds, credited like its sale, with the sale's id and day). A large
 * company has millions of sales and a Worker may hold 128 MB, so the appraisals ask for one
 * quarter's lines of a few reps at a time (appraisalSteps); customer facts are summed in D1
 * (customer-sql.ts).
 *
 * A sale is read as far as a statement needs it (id, rep, day, amount). Money is read as text
 * so 64-bit units stay exact. Rows come as arrays (`raw()`: at a million
 * sales, one object per row was a good part of the phase), in pages (D1 returns at most 50 MB
 * per query), each page turned into lines as it arrives. Rep lists are bound as one JSON array
 * (json_each), since D1 allows 100 bound parameters per statement.
 */
import { refundRole, type CommissionActivity, type CommissionSale, type RefundLine, type RepQuarterLines } from '../../shared/appraisal/commission.ts';
import {
  appraisalSharedInputs,
  appraisalSteps,
  dayAfter,
  lockedPeriodHead,
  type AppraisalBasis,
  type AppraisalOutput,
  type PeriodCarry,
  type StepReply,
} from '../../shared/appraisal/build-appraisals.ts';
import type { ReuseBase } from '../db/reuse-base.ts';
import { sha256Hex } from '../sha256.ts';
import type { AppraisalRow } from '../../shared/snapshot.ts';
import { parseJsonExact } from '../../shared/json/exact-number.ts';
import { lockedPeriodTexts } from '../db/appraisals.ts';
import { labelsOfDay, monthsOfQuarter, shiftLabel } from '../../shared/period.ts';
import { pagedMap, PAGE_ROWS } from '../db/paged-read.ts';

// A history has a few thousand days and a million sales: each day's quarter is worked out once.
const quarters = new Map<string, string>();
function quarterOfDay(day: string): string {
  let quarter = quarters.get(day);
  if (quarter === undefined) {
    quarter = labelsOfDay(day).quarter;
    quarters.set(day, quarter);
  }
  return quarter;
}

/** The first local day of a quarter and the first after it (days compare as text). */
function quarterDays(quarter: string): { from: string; until: string } {
  const firstDay = (q: string) => `${monthsOfQuarter(q)[0]}-01`;
  return { from: firstDay(quarter), until: firstDay(shiftLabel(quarter, 1)) };
}

type SaleRow = [string, string, string, string];
type RefundRow = [string, string, string, string, string, string];

const SALE_COLUMNS = 's.sale_id, s.rep_id, s.day, CAST(s.amount_units AS TEXT)';
const REFUND_COLUMNS = 'r.event_id, r.sale_id, r.rep_id, r.day, CAST(r.amount_units AS TEXT), r.sale_day';

function saleLine([saleId, repId, day, amount]: SaleRow): CommissionSale {
  return { saleId, repId, day, quarter: quarterOfDay(day), amount: BigInt(amount) };
}

function refundLine([eventId, saleId, repId, day, amount, saleDay]: RefundRow): RefundLine {
  return { eventId, saleId, repId, day, quarter: quarterOfDay(day), saleQuarter: quarterOfDay(saleDay), amount: BigInt(amount) };
}

/**
 * Per quarter, the reps with commission lines in it and how many (see CommissionActivity), from
 * the sales engine's tables as it left them: a rep's sales per month are its month cells'
 * orders, and refunds are grouped by their month and their sale's. A few thousand rows however
 * many sales there are, read without going over the sales.
 */
export async function commissionActivity(db: D1Database): Promise<CommissionActivity> {
  const [sales, refunds] = await Promise.all([
    db.prepare("SELECT scope_id, period, orders FROM w_cells WHERE grain = 'month' AND scope = 'rep' AND orders > 0").raw<[string, string, number]>(),
    db.prepare('SELECT rep_id, substr(day, 1, 7), substr(sale_day, 1, 7), COUNT(*) FROM w_refunds GROUP BY 1, 2, 3').raw<[string, string, string, number]>(),
  ]);
  const lines = new Map<string, Map<string, { lines: number; business: boolean }>>();
  const add = (quarter: string, repId: string, n: number, business: boolean) => {
    let reps = lines.get(quarter);
    if (!reps) lines.set(quarter, (reps = new Map()));
    const entry = reps.get(repId) ?? { lines: 0, business: false };
    entry.lines += n;
    entry.business ||= business;
    reps.set(repId, entry);
  };
  for (const [repId, month, n] of sales) add(quarterOfDay(`${month}-01`), repId, n, true);
  for (const [repId, month, saleMonth, n] of refunds) {
    const role = refundRole({ quarter: quarterOfDay(`${month}-01`), saleQuarter: quarterOfDay(`${saleMonth}-01`) });
    add(role.quarter, repId, n, role.as === 'clawback');
  }
  const activity = new Map<string, Map<string, number>>();
  for (const [quarter, reps] of lines) {
    const counts = new Map<string, number>();
    for (const [repId, { lines: n, business }] of reps) if (business) counts.set(repId, n);
    if (counts.size > 0) activity.set(quarter, counts);
  }
  return activity;
}

/** The commission lines of some reps in a quarter: their sales credited in it, the refunds that reduce its base, and its clawbacks. */
export async function repQuarterLines(db: D1Database, quarter: string, repIds: readonly string[], pageRows: number = PAGE_ROWS): Promise<Map<string, RepQuarterLines>> {
  const { from, until } = quarterDays(quarter);
  const reps = JSON.stringify(repIds);
  const [sales, refunds] = await Promise.all([
    pagedMap<SaleRow, CommissionSale>(
      db,
      {
        select: `SELECT ${SALE_COLUMNS} FROM w_sales s
                  WHERE s.day >= ?3 AND s.day < ?4 AND s.rep_id IN (SELECT value FROM json_each(?5)) AND {after}
                  ORDER BY s.sale_id LIMIT ?2`,
        key: 's.sale_id',
        keyOf: (row) => row[0],
        pageRows,
        params: [from, until, reps],
      },
      saleLine,
    ),
    // Refunds of the quarter's sales made by its end (base), and refunds made in it of earlier sales (clawbacks).
    pagedMap<RefundRow, RefundLine>(
      db,
      {
        select: `SELECT ${REFUND_COLUMNS} FROM w_refunds r
                  WHERE r.rep_id IN (SELECT value FROM json_each(?5))
                    AND ((r.sale_day >= ?3 AND r.sale_day < ?4 AND r.day < ?4) OR (r.day >= ?3 AND r.day < ?4 AND r.sale_day < ?3)) AND {after}
                  ORDER BY r.event_id LIMIT ?2`,
        key: 'r.event_id',
        keyOf: (row) => row[0],
        pageRows,
        params: [from, until, reps],
      },
      refundLine,
    ),
  ]);
  const out = new Map<string, RepQuarterLines>();
  const of = (repId: string) => {
    let l = out.get(repId);
    if (!l) out.set(repId, (l = { sales: [], baseRefunds: [], clawbacks: [] }));
    return l;
  };
  for (const s of sales) of(s.repId).sales.push(s);
  for (const r of refunds) (refundRole(r).as === 'base' ? of(r.repId).baseRefunds : of(r.repId).clawbacks).push(r);
  return out;
}

/**
 * The appraisal periods' heads and rows, in order: drives appraisalSteps, answering each of its
 * requests for lines from D1, so one slice of one quarter's lines is held at a time.
 *
 * With a `base` (an earlier snapshot: reuse-base.ts), the build's first periods are taken
 * over from it for as long as each is unchanged: the same step and period, the same inputs
 * (a hash chained over the shared inputs and every step's own, so a change in an earlier period
 * stops the taking over there), and no line of its days changed since. Their rows stay where
 * they are stored (the new snapshot names them); none of their lines is read. Every period's carry is recorded with its chained hash, for
 * the next run.
 */
export async function* appraisalsFromD1(
  db: D1Database,
  basis: AppraisalBasis,
  linesPerRead: number,
  pageRows?: number,
  base: ReuseBase | null = null,
): AsyncGenerator<AppraisalOutput> {
  const steps = appraisalSteps(basis, await commissionActivity(db), linesPerRead);
  let chain = await sha256Hex(appraisalSharedInputs(basis));
  let takingOver = base !== null;
  let reply: StepReply;
  for (let step = steps.next(); !step.done; step = steps.next(reply)) {
    reply = undefined;
    const s = step.value;
    if (s.kind === 'lines') reply = await repQuarterLines(db, s.quarter, s.repIds, pageRows);
    else if (s.kind === 'reuse') {
      chain = await sha256Hex(`${chain}\n${s.inputs}`);
      const record = takingOver ? base!.records.get(s.step) : undefined;
      const linesUnchanged = base?.dirtyFrom == null || dayAfter(s.period) <= base.dirtyFrom;
      takingOver = record !== undefined && record.period === s.period && record.inputs === chain && linesUnchanged;
      if (takingOver) {
        reply = JSON.parse(record!.carry) as PeriodCarry;
        yield { kind: 'reused', step: s.step, period: s.period, fromPartsId: base!.partsId, position: record!.position, digest: record!.digest };
      }
    } else if (s.kind === 'carry') yield { ...s, inputs: chain };
    else if (s.kind === 'locked') {
      // As frozen, a page of rows at a time (parsed exactly, so every money digit stays).
      for await (const part of lockedPeriodTexts(db, s.period, s.lockedAt)) {
        if ('head' in part) yield { kind: 'period', head: lockedPeriodHead(parseJsonExact(part.head) as object, s.lockedAt) };
        else for (const json of part.rows) yield { kind: 'row', row: parseJsonExact(json) as AppraisalRow<unknown> };
      }
    } else yield s;
  }
}
