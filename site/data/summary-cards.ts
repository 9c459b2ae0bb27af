/** Summary cards (label, value, detail) shared by the team-week and rep pages. */
import type { KpiRow } from '../../shared/snapshot.ts';
import { formatCount } from './format.ts';

export interface SummaryItem {
  key: string;
  label: string;
  value: string;
  detail: string | null;
}

/** Visits and contacts of any kind. */
export function visitsCard(row: KpiRow | null | undefined): SummaryItem {
  return { key: 'visits', label: 'Visits and contacts', value: formatCount(row?.visits ?? 0), detail: null };
}

/** Complaints opened, with the median time to resolve those resolved (`noneResolved` otherwise). */
export function complaintsCard(row: KpiRow | null | undefined, noneResolved: string): SummaryItem {
  return {
    key: 'complaints',
    label: 'Complaints opened',
    value: formatCount(row?.complaints ?? 0),
    detail:
      row?.complaint_resolution_hours_median == null
        ? noneResolved
        : `Resolved in ${formatCount(Math.round(row.complaint_resolution_hours_median))} h (median)`,
  };
}
