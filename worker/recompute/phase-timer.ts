/** Wall time of a recompute's phases, for its log line (where a slow recompute spends its time). */
export class PhaseTimer {
  private last = performance.now();
  private readonly phases: string[] = [];

  mark(name: string): void {
    const now = performance.now();
    this.phases.push(`${name} ${Math.round(now - this.last)} ms`);
    this.last = now;
  }

  toString(): string {
    return this.phases.join(', ');
  }
}
