/**
 * The progress line of `lockstep fuzz` on stderr: seeds done, rate,
 * violations. Only used when stderr is a terminal; logs get nothing.
 * @module
 */
import { progressLine } from './fuzz-report.js';

/** A progress line on stderr, rewritten at most a few times a second. */
export class Progress {
  private readonly started = performance.now(); // determinism-ok: progress display
  private last = 0;
  private shown = false;

  constructor(private readonly planned: number | null) {}

  /** Show `done` seeds and `failing` violations so far. */
  update(done: number, failing: number): void {
    const now = performance.now(); // determinism-ok: progress display
    if (now - this.last < 250) return;
    this.last = now;
    this.shown = true;
    process.stderr.write(`\r\x1b[2K${progressLine(done, this.planned, (now - this.started) / 1000, failing)}`);
  }

  /** Erase the line, so that other output starts on a clean line. */
  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}
