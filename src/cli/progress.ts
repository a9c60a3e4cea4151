/**
 * A one-line progress counter on stderr, shown only when stderr is a
 * terminal (CI logs and pipes stay clean) and only after enough work that it
 * is worth showing.
 *
 * Counts, not clocks: it redraws every {@link Progress.every} units, so it is
 * safe to call from inside a determinism-guarded replay.
 * @module
 */

/** A progress line that redraws itself in place. */
export class Progress {
  private shown = false;

  constructor(
    private readonly label: string,
    /** Redraw every this many units. */
    readonly every = 20_000,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Report that `done` units are finished. */
  tick(done: number): void {
    if (done % this.every !== 0 || this.stream.isTTY !== true) return;
    this.shown = true;
    this.stream.write(`\r\x1b[K${this.label}: ${done.toLocaleString('en-US')} steps…`);
  }

  /** Erase the line, if it was ever drawn. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
