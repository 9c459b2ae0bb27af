// @ts-check
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import csvFiles from './site/integrations/csv-files.ts';
// The appraisal policy is checked before anything is built: a mistake in
// shared/policy/policy.json stops the build with the field's path (as it stops the Worker).
import './shared/policy/policy.ts';

// The site is static: every page is built from one snapshot (see site/data/load-snapshot.ts),
// and every chart is rendered to SVG at build time, so pages work without JavaScript.
// Telemetry is turned off with ASTRO_TELEMETRY_DISABLED=1 (there is no config key for it).
export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  output: 'static',
  // React islands only where interaction pays (sorting and filtering a table). The integration
  // compiles them for the browser; no page renders React on the server (see
  // site/components/InteractiveTable.astro). csvFiles writes the CSVs of tables too large to
  // travel inside their page, as the pages hand them over (site/data/csv-files.ts).
  integrations: [react(), csvFiles()],
  build: {
    // One stylesheet file for every page (20 kB, 5 kB gzipped), cached once for the whole site,
    // instead of a copy inlined in each of thousands of pages: pages are 20 kB lighter and the
    // build is faster (npm run bench:site: 56 s -> 48 s for 4,505 pages). Lighthouse still
    // scores 100 on the dashboard (npm run lighthouse).
    inlineStylesheets: 'never',
    // Pages render while earlier ones are written: a page is mostly CPU, its write mostly
    // waiting on the disk, so a few in flight keep the CPU busy (npm run bench:site: 100 s -> 76 s
    // for 4,505 pages). 8 measured no faster, and holds more pages in memory. Measured again with
    // today's pages (three interleaved builds each, a busy machine): 1 took 29-37 s, 2 took
    // 21-30 s, 4 took 26-27 s.
    concurrency: 4,
  },
});
