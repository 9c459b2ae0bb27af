// The part of cli-progress 3.12 the scripts use (the package ships no types and
// @types/cli-progress is not a dependency).
declare module 'cli-progress' {
  export interface Options {
    format?: string;
    barCompleteChar?: string;
    barIncompleteChar?: string;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    noTTYOutput?: boolean;
    notTTYSchedule?: number;
    fps?: number;
    etaBuffer?: number;
    stream?: NodeJS.WritableStream;
  }
  export interface Preset {
    format?: string;
    barCompleteChar: string;
    barIncompleteChar: string;
  }
  export class SingleBar {
    constructor(options: Options, preset?: Preset);
    start(total: number, startValue: number, payload?: Record<string, unknown>): void;
    update(current: number, payload?: Record<string, unknown>): void;
    increment(step?: number, payload?: Record<string, unknown>): void;
    stop(): void;
  }
  export const Presets: { shades_classic: Preset; shades_grey: Preset; rect: Preset; legacy: Preset };
  const cliProgress: { SingleBar: typeof SingleBar; Presets: typeof Presets };
  export default cliProgress;
}
