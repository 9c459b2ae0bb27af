export * from './attribution.ts';
export * from './build-kpis.ts';
export * from './targets.ts';
export * from './series.ts';
