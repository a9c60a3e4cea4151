/**
 * `lockstep show`: a trace as a readable timeline in lanes.
 *
 * Reads the file twice, streaming: first to learn its length and
 * violations (to choose the window), then to re-execute it into rows (see
 * `trace/timeline.ts`). Exit code 0 when the trace re-executes as recorded,
 * 1 when it diverged (the timeline then says where), 2 for bad input.
 * @module
 */
import type { Argv } from 'yargs';
import { resolveModel } from '../../models/registry.js';
import type { TraceRecord } from '../../trace/decoder.js';
import { TraceFormatError } from '../../trace/errors.js';
import { readTraceRecords } from '../../trace/file-reader.js';
import { buildTimeline, defaultWindow, windowAround, type Timeline, type TimelineWindow } from '../../trace/timeline.js';
import type { TraceFooter } from '../../trace/types.js';
import { Progress } from '../progress.js';
import { formatTimeline } from '../timeline-format.js';
import { requireFile } from '../trace-io.js';
import { EXIT, UsageError } from '../usage-error.js';

interface ShowFlags {
  readonly trace: string;
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly around: number | undefined;
  readonly json: boolean;
}

/** Traces longer than this show only the context around their violation by default. */
const LONG = 60;
/** Default context either side of the violation. */
const AROUND = 10;

/** Register the command. */
export function showCommand(y: Argv): Argv {
  return y.command(
    'show <trace>',
    'print a trace as a timeline: coordinator, worker and network lanes, faults marked, the violation highlighted',
    (c) =>
      c
        .positional('trace', { type: 'string', demandOption: true, describe: 'trace file (.lstrace)' })
        .options({
          from: { type: 'number', describe: 'first step to show' },
          to: { type: 'number', describe: 'last step to show' },
          around: { type: 'number', describe: `show N steps either side of the first violation (the default for traces over ${LONG} steps, N=${AROUND})` },
          json: { type: 'boolean', default: false, describe: 'print the timeline as one JSON document on stdout' },
        })
        .conflicts('around', ['from', 'to'])
        .example('$0 show failing.lstrace', 'the timeline (around the violation if the trace is long)')
        .example('$0 show trace.lstrace --from 0 --to 40', 'steps 0 to 40')
        .example('$0 show trace.lstrace --around 5 --no-color', 'five steps either side of the violation, plain text')
        .example('$0 show trace.lstrace --json | jq .rows[0]', 'the timeline as data'),
    (argv) => {
      process.exitCode = show(argv as unknown as ShowFlags);
    },
  );
}

function stepFlag(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be an integer >= 0, got ${value}`);
  return value;
}

/** Read a whole trace for its footer only; bad input becomes a usage error. */
function readFooter(path: string): TraceFooter {
  let footer: TraceFooter | undefined;
  for (const r of guarded(() => readTraceRecords(path))) if (r.kind === 'footer') footer = r.footer;
  if (footer === undefined) throw new UsageError(`invalid trace file ${path}: no footer`);
  return footer;
}

/** Iterate `make()`, turning format damage into a usage error. */
function* guarded<T>(make: () => Iterable<T>): Generator<T, void, undefined> {
  try {
    yield* make();
  } catch (e) {
    if (e instanceof TraceFormatError) throw new UsageError(e.message);
    throw e;
  }
}

/** Pass records through, counting steps on the progress line. */
function* tap(records: Iterable<TraceRecord>, progress: Progress): Generator<TraceRecord, void, undefined> {
  for (const r of records) {
    if (r.kind === 'step') progress.tick(r.step.index + 1);
    yield r;
  }
}

function chooseWindow(flags: ShowFlags, footer: TraceFooter): { window: TimelineWindow; note: string | null } {
  const from = stepFlag('from', flags.from);
  const to = stepFlag('to', flags.to);
  const around = stepFlag('around', flags.around);
  const last = Math.max(0, footer.steps - 1);
  if (from !== undefined || to !== undefined) {
    const w = { from: from ?? 0, to: Math.min(to ?? last, last) };
    if (w.from > last) throw new UsageError(`--from ${w.from} is past the last step (${last})`);
    if (w.from > w.to) throw new UsageError(`--from ${w.from} is after --to ${w.to}`);
    return { window: w, note: null };
  }
  const first = footer.violations[0];
  if (around !== undefined) {
    if (first === undefined) throw new UsageError('--around: the trace records no violation; use --from/--to');
    return { window: windowAround(Math.max(0, first.step), around, footer.steps), note: `${around} steps around the first violation` };
  }
  const w = defaultWindow(footer, AROUND, LONG);
  const cut = w.from > 0 || w.to < last;
  return { window: w, note: cut ? `around the first violation; --from/--to or --around N to choose` : null };
}

function show(flags: ShowFlags): number {
  requireFile(flags.trace);
  const footer = readFooter(flags.trace);
  const { window, note } = chooseWindow(flags, footer);
  let timeline: Timeline;
  const progress = new Progress(`re-executing ${flags.trace}`);
  try {
    timeline = buildTimeline(tap(guarded(() => readTraceRecords(flags.trace)), progress), resolveModel, window);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('unknown model')) throw new UsageError(`${flags.trace}: ${e.message}`);
    throw e;
  } finally {
    progress.clear();
  }
  if (flags.json) process.stdout.write(`${JSON.stringify({ file: flags.trace, ...timeline }, null, 2)}\n`);
  else process.stdout.write(`${formatTimeline(timeline, flags.trace, note).join('\n')}\n`);
  return timeline.divergence === null ? EXIT.ok : EXIT.failed;
}
