/**
 * JUnit XML for `lockstep replay --junit`, the format CI systems (GitHub
 * Actions reporters, GitLab, Jenkins, Buildkite) read test results from.
 *
 * One `<testsuite>` named `lockstep replay`, one `<testcase>` per trace file
 * (named after the file); a divergence is a `<failure>`, an unreadable or
 * corrupt trace an `<error>`, as JUnit distinguishes a failed check from a
 * test that could not run.
 *
 * Gotcha: XML 1.0 cannot carry most control characters even escaped, so
 * they are replaced by U+FFFD; a divergence can quote arbitrary recorded
 * strings.
 *
 * @example
 * ```ts
 * writeJunit('report.xml', [{ name: 'traces/a.lstrace', seconds: 0.2, failure: null, error: null }]);
 * ```
 * @module
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A failure or error of one test case. */
export interface JunitProblem {
  /** Short one-line summary (the `message` attribute). */
  readonly message: string;
  /** Category (the `type` attribute), e.g. `divergence` or `truncated`. */
  readonly type: string;
  /** Full details (the element text). */
  readonly details: string;
}

/** One test case. */
export interface JunitCase {
  readonly name: string;
  readonly seconds: number;
  readonly failure: JunitProblem | null;
  readonly error: JunitProblem | null;
}

// Characters XML 1.0 forbids even as references; lone surrogates as well.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` escaped for XML element text. */
export function xmlText(s: string): string {
  return s.replace(FORBIDDEN, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `s` escaped for a double-quoted XML attribute (newlines and tabs kept as references). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function problem(tag: 'failure' | 'error', p: JunitProblem): string {
  return `      <${tag} message="${xmlAttr(p.message)}" type="${xmlAttr(p.type)}">${xmlText(p.details)}</${tag}>\n`;
}

/** The JUnit XML document for `cases`. */
export function junitXml(cases: readonly JunitCase[], suite = 'lockstep replay'): string {
  const failures = cases.filter((c) => c.failure !== null).length;
  const errors = cases.filter((c) => c.error !== null).length;
  const time = cases.reduce((t, c) => t + c.seconds, 0).toFixed(3);
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" time="${time}"`;
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlAttr(suite)}" ${counts}>\n`;
  xml += `  <testsuite name="${xmlAttr(suite)}" ${counts} skipped="0">\n`;
  for (const c of cases) {
    const head = `    <testcase classname="lockstep.replay" name="${xmlAttr(c.name)}" time="${c.seconds.toFixed(3)}"`;
    if (c.failure === null && c.error === null) {
      xml += `${head}/>\n`;
      continue;
    }
    xml += `${head}>\n`;
    if (c.failure !== null) xml += problem('failure', c.failure);
    if (c.error !== null) xml += problem('error', c.error);
    xml += '    </testcase>\n';
  }
  return `${xml}  </testsuite>\n</testsuites>\n`;
}

/** Write the report atomically: a temporary file beside `path`, then a rename. */
export function writeJunit(path: string, cases: readonly JunitCase[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, junitXml(cases));
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
