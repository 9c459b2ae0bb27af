/**
 * An Astro integration that writes the CSV files the pages handed over while they rendered
 * (data/csv-files.ts): the tables too large to travel inside their page. They are written into
 * the output directory when the build is done, beside the pages that link them. A file that is
 * already there (another route wrote it) stops the build rather than be overwritten. The dev
 * server (`astro dev`) serves them from memory once their page has rendered.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { csvFileText, takeCsvFiles } from '../data/csv-files.ts';

/** Writes every file of `files` (path from `dir` to CSV text) under `dir`; returns how many. */
export async function writeCsvFiles(dir: URL, files: ReadonlyMap<string, string>): Promise<number> {
  const root = dir.href.endsWith('/') ? dir : new URL(`${dir.href}/`);
  for (const [path, text] of files) {
    const file = new URL(path, root);
    if (!file.href.startsWith(root.href)) throw new Error(`invalid CSV file path: ${JSON.stringify(path)} is outside the output directory`);
    await mkdir(new URL('.', file), { recursive: true });
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`two routes write ${path}: a page's CSV and another route's file`);
      throw error;
    }
  }
  return files.size;
}

export default function csvFiles(): AstroIntegration {
  return {
    name: 'quotient:csv-files',
    hooks: {
      // A fresh list for each build (a process could build twice).
      'astro:build:start': () => {
        takeCsvFiles();
      },
      // In dev a page renders when it is asked for; its large tables' files are served from what it handed over.
      'astro:server:setup': ({ server }) => {
        const base = server.config.base;
        server.middlewares.use((request, response, next) => {
          let pathname: string;
          try {
            pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
          } catch {
            return next(); // A malformed address is no file of ours: the dev server answers it as any other.
          }
          const text = pathname.startsWith(base) && pathname.endsWith('.csv') ? csvFileText(pathname.slice(base.length)) : undefined;
          if (text === undefined) return next();
          response.setHeader('Content-Type', 'text/csv; charset=utf-8');
          response.end(text);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const written = await writeCsvFiles(dir, takeCsvFiles());
        logger.info(`${written} CSV file${written === 1 ? '' : 's'} written beside their pages`);
      },
    },
  };
}
