/** The real migration files, applied in order to a node:sqlite database (the migration tests' helper). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

const DIR = join(import.meta.dirname, '..', '..', 'worker', 'db', 'migrations');
const migrations = readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort();

/** Applies, in order, the migration files whose names `until` accepts (e.g. `(f) => f < '0012'`). */
export function migrate(db: DatabaseSync, until: (file: string) => boolean): void {
  for (const file of migrations.filter(until)) db.exec(readFileSync(join(DIR, file), 'utf8'));
}
