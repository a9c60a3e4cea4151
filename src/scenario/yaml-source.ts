/**
 * A scenario file's text parsed as YAML (JSON is YAML too) with source
 * positions, so that any field path can be turned into a line and column.
 *
 * Details: the `yaml` package's `parseDocument` with a `LineCounter` keeps
 * every node's offset; {@link YamlSource.at} walks a path such as
 * `['steps', 3, 'deliver']` down the document and reports the deepest node
 * it reaches (its key, when asked), so an error about a missing field
 * still points at the mapping that lacks it.
 *
 * Gotcha: duplicate keys are a syntax error here (YAML says keys are unique,
 * and a silently overwritten step would be a nasty surprise).
 *
 * @example
 * ```ts
 * const src = YamlSource.parse('name: x\nsteps:\n  - cancel: 1\n', 'x.yaml');
 * src.at(['steps', 0, 'cancel']); // { path: 'steps[0].cancel', line: 3, column: 13 }
 * ```
 * @module
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Json } from '../sim/json.js';
import { ScenarioError } from './errors.js';
import type { SourceAt } from './types.js';

/** One step of a field path. */
export type PathSegment = string | number;

/** `steps[3].deliver` for `['steps', 3, 'deliver']`. */
export function pathText(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/** A parsed YAML document with positions. */
export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly data: Json,
  ) {}

  /** Parse `text`; throws a {@link ScenarioError} at the first syntax error. */
  static parse(text: string, file: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const first = doc.errors[0];
    if (first !== undefined) {
      const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
      const what = first.message.split('\n')[0] ?? first.message;
      throw new ScenarioError(file, { path: '', line: pos.line, column: pos.col }, `invalid YAML: ${what.replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    return new YamlSource(file, doc, lines, (doc.toJS({ maxAliasCount: 100 }) ?? null) as Json);
  }

  /** Where `path` is written; with `key`, the position of its last key rather than its value. */
  at(path: readonly PathSegment[], opts: { readonly key?: boolean } = {}): SourceAt {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (pair === undefined) break;
        const last = i === path.length - 1;
        next = last && opts.key === true ? pair.key : (pair.value ?? pair.key);
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      const start = rangeStart(next);
      if (start === undefined) break;
      node = next;
      offset = start;
    }
    const pos = this.lines.linePos(offset);
    return { path: pathText(path), line: pos.line, column: pos.col };
  }
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  return range?.[0];
}
