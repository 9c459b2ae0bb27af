/** The message the site's snapshot check refuses a value with. */
import { expect } from 'vitest';
import { SnapshotError, parseSnapshot } from '../../site/data/load-snapshot.ts';

/** The message parseSnapshot throws for `value`, or null when it accepts it. */
export function snapshotErrorOf(value: unknown): string | null {
  try {
    parseSnapshot(value);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return (error as Error).message;
  }
}
