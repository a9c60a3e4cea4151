/**
 * Streams a trace to a file, atomically.
 *
 * Records go to a temporary file next to the destination
 * (`<path>.tmp-<pid>-<n>`) through a write buffer. The footer seals the file
 * (end frame), fsyncs it, and renames it over `path`; only then does `path`
 * change. A run that throws, or is aborted, never leaves a partial file at
 * `path`, and an existing file there survives until the new one is complete.
 *
 * @example
 * ```ts
 * const writer = new TraceFileWriter('traces/seed-7.lstrace');
 * try {
 *   simulate({ model, seed: 7n, sink: writer, keepTrace: false });
 * } finally {
 *   writer.abort(); // no-op once the footer was written
 * }
 * ```
 * @module
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { TraceEncoder } from './encoder.js';
import type { TraceFooter, TraceHeader, TraceSink, TraceStep } from './types.js';

let tempCounter = 0;

/** Options of {@link TraceFileWriter}. */
export interface TraceFileWriterOptions {
  /** Bytes buffered before a write; default 256 KiB. */
  readonly bufferSize?: number;
  /** fsync the file and its directory when sealing; default true. Tests may turn it off for speed. */
  readonly fsync?: boolean;
}

/** A {@link TraceSink} that writes a trace file. */
export class TraceFileWriter implements TraceSink {
  /** Where the file is written until it is complete. */
  readonly tempPath: string;
  private fd: number | null;
  private readonly encoder = new TraceEncoder();
  private readonly buffer: Uint8Array;
  private used = 0;
  private readonly fsync: boolean;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  /** Creates the temporary file now, so a bad directory fails before the run starts. */
  constructor(
    readonly path: string,
    options: TraceFileWriterOptions = {},
  ) {
    this.tempPath = `${path}.tmp-${process.pid}-${tempCounter++}`;
    this.buffer = new Uint8Array(Math.max(4096, options.bufferSize ?? 256 * 1024));
    this.fsync = options.fsync ?? true;
    this.fd = openSync(this.tempPath, 'wx');
  }

  /** Whether the footer was written and the file is in place at {@link path}. */
  get committed(): boolean {
    return this.state === 'committed';
  }

  header(header: TraceHeader): void {
    this.guard(() => this.write(this.encoder.header(header)));
  }

  step(step: TraceStep): void {
    // guard's body inline: a closure per step showed in profiles.
    this.assertOpen();
    try {
      const bytes = this.encoder.step(step);
      if (bytes.length > 0) this.write(bytes);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Seal the file and move it into place. */
  footer(footer: TraceFooter): void {
    this.guard(() => {
      this.write(this.encoder.footer(footer));
      this.flush();
      const fd = this.openFd();
      if (this.fsync) fsyncSync(fd);
      closeSync(fd);
      this.fd = null;
      renameSync(this.tempPath, this.path);
      this.state = 'committed';
      if (this.fsync) syncDirectory(dirname(this.path));
    });
  }

  /** Discard the run: close and delete the temporary file. Safe to call at any time, and a no-op after a commit. */
  abort(): void {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already unusable; removing the file is what matters.
      }
      this.fd = null;
    }
    rmSync(this.tempPath, { force: true });
  }

  /** Throw if the file was already committed or aborted. */
  private assertOpen(): void {
    if (this.state !== 'open') throw new Error(`TraceFileWriter: ${this.path} is already ${this.state}`);
  }

  /** Run `fn`; on any failure abort (delete the temp file) and rethrow. */
  private guard(fn: () => void): void {
    this.assertOpen();
    try {
      fn();
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  private openFd(): number {
    if (this.fd === null) throw new Error('TraceFileWriter: file is closed');
    return this.fd;
  }

  private write(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buffer.length) this.flush();
    if (bytes.length > this.buffer.length) {
      writeAll(this.openFd(), bytes);
      return;
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  private flush(): void {
    if (this.used === 0) return;
    writeAll(this.openFd(), this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

/** writeSync may write less than asked; loop until everything is out. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** fsync a directory so the rename itself is durable; not supported everywhere (e.g. Windows), hence best effort. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Durability of the rename is a bonus; atomicity does not depend on it.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
