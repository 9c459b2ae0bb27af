import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvDownload, emitCsvFile, takeCsvFiles } from '../../site/data/csv-files.ts';
import { numberColumn, table, tableCsv, textCell, textColumn, type TableModel } from '../../site/data/table.ts';
import csvFilesIntegration, { writeCsvFiles } from '../../site/integrations/csv-files.ts';

const reps = (n: number): TableModel =>
  table({
    id: 'reps',
    caption: 'Reps',
    columns: [textColumn('rep', 'Rep'), numberColumn('visits', 'Visits')],
    rows: Array.from({ length: n }, (_, i) => [textCell(`Rep ${i + 1}`), { text: String(i), sort: i, csv: String(i) }]),
    rowHeader: 0,
    defaultSort: null,
    empty: 'No reps.',
  });

afterEach(() => {
  takeCsvFiles();
});

describe('csvDownload', () => {
  it('links a small table inline and hands no file over', () => {
    const link = csvDownload(reps(2), '/teams/team_east/reps.csv', '/', 4096);
    expect(link.inline).toBe(true);
    expect(takeCsvFiles().size).toBe(0);
  });

  it('hands a table too large to inline over as a file, by its path from the output directory (under a base path too)', () => {
    const model = reps(3);
    const link = csvDownload(model, '/quotient/teams/team_east/reps.csv', '/quotient/', 10);
    expect(link).toEqual({ href: '/quotient/teams/team_east/reps.csv', download: 'quotient-teams-team_east-reps.csv', inline: false });
    expect([...takeCsvFiles()]).toEqual([['teams/team_east/reps.csv', tableCsv(model)]]);
    expect(takeCsvFiles().size).toBe(0); // taken: the list starts again
  });

  it('stops on a file href outside the base', () => {
    expect(() => csvDownload(reps(3), '/other/reps.csv', '/quotient/', 0)).toThrow('invalid CSV href: "/other/reps.csv" is not under the site\'s base "/quotient/"');
  });
});

describe('emitCsvFile', () => {
  it('takes the same file twice, but not two texts for one path', () => {
    emitCsvFile('reps.csv', 'a\r\n');
    emitCsvFile('reps.csv', 'a\r\n');
    expect(() => emitCsvFile('reps.csv', 'b\r\n')).toThrow('two tables write reps.csv');
    expect([...takeCsvFiles()]).toEqual([['reps.csv', 'a\r\n']]);
  });

  it('takes only relative .csv paths inside the output directory', () => {
    for (const path of ['', '/reps.csv', '../reps.csv', 'teams/../../reps.csv', 'teams//reps.csv', 'reps.html']) {
      expect(() => emitCsvFile(path, 'a\r\n'), path).toThrow('invalid CSV file path');
    }
  });

  it('keeps one list for every copy of the module (Astro bundles the pages apart from the config)', async () => {
    emitCsvFile('reps.csv', 'a\r\n');
    // A second copy of the module, as the page bundle and the integration each have.
    vi.resetModules();
    const copy = await import('../../site/data/csv-files.ts');
    expect(copy.takeCsvFiles).not.toBe(takeCsvFiles);
    expect([...copy.takeCsvFiles()]).toEqual([['reps.csv', 'a\r\n']]);
    expect(takeCsvFiles().size).toBe(0);
  });
});

describe('writeCsvFiles', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes each file under the output directory, making its folders', async () => {
    dir = await mkdtemp(join(tmpdir(), 'quotient-csv-'));
    const files = new Map([
      ['signals.csv', 's\r\n'],
      ['teams/team_east/weeks/2026-W48/wins.csv', 'w\r\n'],
    ]);
    // Astro hands the hook the directory's URL, with or without the trailing slash.
    expect(await writeCsvFiles(new URL(pathToFileURL(dir).href), files)).toBe(2);
    expect(await readFile(join(dir, 'signals.csv'), 'utf8')).toBe('s\r\n');
    expect(await readFile(join(dir, 'teams/team_east/weeks/2026-W48/wins.csv'), 'utf8')).toBe('w\r\n');
  });

  it('stops rather than overwrite a file another route wrote', async () => {
    dir = await mkdtemp(join(tmpdir(), 'quotient-csv-'));
    await mkdir(join(dir, 'appraisals', '2026-Q3'), { recursive: true });
    await writeFile(join(dir, 'appraisals', '2026-Q3', 'payroll.csv'), 'p\r\n');
    await expect(writeCsvFiles(pathToFileURL(`${dir}/`), new Map([['appraisals/2026-Q3/payroll.csv', 'x\r\n']]))).rejects.toThrow(
      "two routes write appraisals/2026-Q3/payroll.csv: a page's CSV and another route's file",
    );
    expect(await readFile(join(dir, 'appraisals', '2026-Q3', 'payroll.csv'), 'utf8')).toBe('p\r\n');
  });
});

describe('the csv-files integration in dev', () => {
  type Middleware = (request: { url?: string }, response: { setHeader(name: string, value: string): void; end(text: string): void }, next: () => void) => void;

  /** The dev server middleware the integration installs, for a site under `base`. */
  function devMiddleware(base: string): Middleware {
    let installed: Middleware | null = null;
    const hook = csvFilesIntegration().hooks['astro:server:setup'] as unknown as (options: { server: unknown }) => void;
    hook({ server: { config: { base }, middlewares: { use: (fn: Middleware) => (installed = fn) } } });
    return installed!;
  }

  /** What the middleware answers for `url`: the CSV served, 'next' when it passes, null when it does neither. */
  function ask(middleware: Middleware, url: string): { type: string; body: string } | 'next' | null {
    let answer: { type: string; body: string } | 'next' | null = null;
    let type = '';
    middleware({ url }, { setHeader: (_name, value) => (type = value), end: (body) => (answer = { type, body }) }, () => (answer = 'next'));
    return answer;
  }

  it('serves a file a page handed over, under the base, and passes on everything else', () => {
    emitCsvFile('teams/team_east/weeks.csv', 'week\r\n');
    const middleware = devMiddleware('/quotient/');
    expect(ask(middleware, '/quotient/teams/team_east/weeks.csv?x=1')).toEqual({ type: 'text/csv; charset=utf-8', body: 'week\r\n' });
    expect(ask(middleware, '/teams/team_east/weeks.csv')).toBe('next');
    expect(ask(middleware, '/quotient/teams/team_west/weeks.csv')).toBe('next');
    expect(ask(middleware, '/quotient/')).toBe('next');
  });

  it('passes a malformed address on to the dev server, to answer as it does any other, instead of failing the request', () => {
    const middleware = devMiddleware('/quotient/');
    expect(ask(middleware, '/quotient/teams/%E0%A4%A.csv')).toBe('next');
  });
});
