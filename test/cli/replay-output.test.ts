// The output pieces behind `lockstep replay` and the CLI conventions, in
// process: JUnit XML escaping, the colour decision, the progress line.
import { describe, expect, it } from 'vitest';
import { colourLevel, type ColourInputs } from '../../src/cli/colour.js';
import { junitXml, xmlAttr, xmlText } from '../../src/cli/junit.js';
import { Progress } from '../../src/cli/progress.js';

describe('JUnit XML', () => {
  it('escapes markup, quotes, and characters XML 1.0 cannot carry', () => {
    expect(xmlText('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; "d"');
    expect(xmlAttr(`it's "x"\n\ty`)).toBe('it&apos;s &quot;x&quot;&#10;&#9;y');
    expect(xmlText('bell\u0007 nul\u0000 ok\u00e9 \ud83d\ude00 lone\ud800')).toBe('bell\ufffd nul\ufffd ok\u00e9 \ud83d\ude00 lone\ufffd');
  });

  it('counts tests, failures and errors, one testcase per trace in the given order', () => {
    const xml = junitXml([
      { name: 'b.lstrace', seconds: 0.25, failure: null, error: null },
      { name: 'a&<.lstrace', seconds: 0.5, failure: { message: 'step 3: "x"', type: 'divergence', details: 'expected: <1>' }, error: null },
      { name: 'c.lstrace', seconds: 0, failure: null, error: { message: 'at byte 9', type: 'truncated', details: 'at byte 9' } },
    ]);
    expect(xml).toContain('<testsuites name="lockstep replay" tests="3" failures="1" errors="1" time="0.750">');
    expect([...xml.matchAll(/<testcase [^>]*name="([^"]*)"/g)].map((m) => m[1])).toEqual(['b.lstrace', 'a&amp;&lt;.lstrace', 'c.lstrace']);
    expect(xml).toContain('<failure message="step 3: &quot;x&quot;" type="divergence">expected: &lt;1&gt;</failure>');
    expect(xml).toContain('<error message="at byte 9" type="truncated">at byte 9</error>');
    expect(xml).toMatch(/<testcase classname="lockstep\.replay" name="b\.lstrace" time="0\.250"\/>/);
    // Balanced: every opened element is closed.
    for (const tag of ['testsuites', 'testsuite', 'testcase', 'failure', 'error']) {
      const open = xml.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0;
      const closed = (xml.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0) + (xml.match(new RegExp(`<${tag} [^>]*/>`, 'g'))?.length ?? 0);
      expect(closed, tag).toBe(open);
    }
  });
});

describe('colour decision', () => {
  const base: ColourInputs = { flag: undefined, env: {}, stdoutIsTTY: true, supported: 2 };
  it.each<[string, Partial<ColourInputs>, number]>([
    ['a terminal', {}, 2],
    ['a pipe', { stdoutIsTTY: false, supported: 0 }, 0],
    ['NO_COLOR', { env: { NO_COLOR: '1' } }, 0],
    ['an empty NO_COLOR (ignored, as no-color.org says)', { env: { NO_COLOR: '' } }, 2],
    ['--no-color', { flag: false }, 0],
    ['--color on a pipe', { flag: true, stdoutIsTTY: false, supported: 0 }, 1],
    ['--color despite NO_COLOR', { flag: true, env: { NO_COLOR: '1' } }, 2],
    ['FORCE_COLOR on a pipe', { stdoutIsTTY: false, supported: 1, env: { FORCE_COLOR: '1' } }, 1],
    ['NO_COLOR despite FORCE_COLOR', { env: { NO_COLOR: '1', FORCE_COLOR: '3' }, supported: 3 }, 0],
  ])('%s', (_name, over, level) => {
    expect(colourLevel({ ...base, ...over })).toBe(level);
  });
});

describe('progress line', () => {
  function sink(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
    const written: string[] = [];
    const stream = { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
    return { stream, written };
  }

  it('redraws every N steps on a terminal and erases itself', () => {
    const { stream, written } = sink(true);
    const p = new Progress('replaying x', 100, stream);
    for (let i = 1; i <= 250; i++) p.tick(i);
    p.clear();
    expect(written).toEqual(['\r\u001b[Kreplaying x: 100 steps…', '\r\u001b[Kreplaying x: 200 steps…', '\r\u001b[K']);
  });

  it('stays silent when stderr is not a terminal, or the work is short', () => {
    const pipe = sink(false);
    const p = new Progress('x', 10, pipe.stream);
    for (let i = 1; i <= 100; i++) p.tick(i);
    p.clear();
    expect(pipe.written).toEqual([]);
    const tty = sink(true);
    const q = new Progress('x', 10, tty.stream);
    for (let i = 1; i <= 9; i++) q.tick(i);
    q.clear();
    expect(tty.written).toEqual([]);
  });
});
