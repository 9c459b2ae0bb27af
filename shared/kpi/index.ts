export * from './attribution.ts';
export * from './build-kpis.ts';
export * from './markets.ts';
export * from './median.ts';
export * from './pacing.ts';
export * from './process-facts.ts';
export * from './series.ts';
export * from './targets.ts';
