/** Seeded randomness for tests: the same shuffles and generated cases on every run. */
import { mulberry32 } from '../../scripts/demo/random.ts';

export { mulberry32 };

/** A deterministic Fisher-Yates shuffle (a new array). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
