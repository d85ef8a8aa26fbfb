import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { duplicateJsonKey, isZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePolicy } from './evaluate.js';
import { type CliIo, parseJson, processIo, readJson, run } from './index.js';

/** An io that captures both streams; files come from `files` (in memory) or the real file system. */
function captureIo(files?: Record<string, string>, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: (p) => {
      if (files === undefined) return p === '-' ? '' : processIo.readFile(p);
      if (!Object.hasOwn(files, p)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return files[p] as string;
    },
    interactive: false,
    env,
  };
  return { io, out, err };
}

const milestoneEvents = [
  {
    type: 'mainStructureCompleted',
    subject: 'block-3',
    at: '2024-01-10T12:00:00+08:00',
    assignees: { emcDirector: 'u-emc', pdcDirector: 'u-pdc' },
  },
  { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
];
const NOW = ['--now', '2024-06-01T00:00:00+08:00'];
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** The one-line error a refused command ends with. */
const ERROR_LINE = /^error \[([a-z_]+)\]: [^\n]+$/;

describe('preset lookup is an own-property check (--policy constructor, --preset __proto__)', () => {
  const files = {
    'in.json': JSON.stringify({ events: milestoneEvents }),
    'arr.json': JSON.stringify(milestoneEvents),
  };

  it.each(INHERITED)(
    'refuses --preset %s of sla.timers as an unknown preset, not a TypeError',
    async (name) => {
      for (const flag of ['--preset', '--policy']) {
        for (const value of [name, `sla.timers/${name}`]) {
          const { io, err } = captureIo(files);
          expect(await run(['evaluate', 'sla.timers', '--input', 'in.json', flag, value, ...NOW], io)).toBe(
            2,
          );
          expect(err).toHaveLength(1);
          expect(err[0]).toMatch(ERROR_LINE);
          expect(err[0]).toContain(
            `error [unknown_reference]: 模块 sla.timers 没有预设 ${JSON.stringify(name)}`,
          );
          expect(err[0]).toContain('(have: sla.timers/');
          expect(err[0]).not.toMatch(/TypeError|received function|expected object/);
        }
      }
    },
  );

  it('refuses an inherited name under the former module names and in diff --base/--candidate', async () => {
    for (const args of [
      ['evaluate', 'timers', 'arr.json', '--policy', 'constructor', ...NOW],
      ['evaluate', 'ownership', 'in.json', '--policy', 'hasOwnProperty', ...NOW],
      ['diff', 'penalties', 'arr.json', '--base', 'toString', '--candidate', 'dealer-file', ...NOW],
      [
        'diff',
        'sla.timers',
        '--input',
        'in.json',
        '--base',
        'construction-000',
        '--candidate',
        '__proto__',
        ...NOW,
      ],
    ]) {
      const { io, err } = captureIo(files);
      expect(await run(args, io)).toBe(2);
      expect(err.at(-1)).toMatch(
        /^error \[unknown_reference\]: 模块 [a-z.-]+ 没有预设 "(constructor|hasOwnProperty|toString|__proto__)"/,
      );
    }
  });

  it('suggests the nearest preset name for a misspelt one (dealer-00 → sla.timers/dealer-000)', async () => {
    const { io, err } = captureIo(files);
    expect(
      await run(['evaluate', 'sla.timers', '--input', 'in.json', '--preset', 'dealer-00', ...NOW], io),
    ).toBe(2);
    expect(err[0]).toContain('did you mean sla.timers/dealer-000?');
    expect(err[0]).toContain('是否应为 sla.timers/dealer-000？');
  });

  it('resolvePolicy (the replay policy lookup) refuses inherited names with unknown_reference', () => {
    for (const name of INHERITED) {
      for (const module of ['timers', 'ownership', 'penalties'] as const) {
        let caught: unknown;
        try {
          resolvePolicy(module, name);
        } catch (e) {
          caught = e;
        }
        expect(isZhiduError(caught)).toBe(true);
        expect(caught).toMatchObject({ code: 'unknown_reference', path: ['policy'] });
      }
    }
    expect(() => resolvePolicy('ownership', 'salesOffice01')).toThrow(/did you mean salesOffice001\?/);
    expect(resolvePolicy('ownership', 'salesOffice001')).toHaveProperty('id');
  });

  it('replay --policy constructor is refused before any store is opened', async () => {
    const { io, err, out } = captureIo(files);
    expect(await run(['replay', 'timers', '--policy', 'constructor', ...NOW], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^error \[unknown_reference\]: [^\n]*预设 "constructor"/);
    expect(out).toEqual([]);
  });
});

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';

/** The English problem names parseJson may report: nothing else follows "is not JSON: …". */
const PROBLEMS_EN = [
  'the file is empty',
  'unexpected end of the file',
  'unexpected character',
  'unterminated string',
  'invalid escape in a string',
  'unescaped control character in a string',
  'invalid number',
  'an object key must be a double-quoted string',
  "expected ':' after a key",
  "expected ',' or a closing bracket",
  'text after the JSON value',
];

const PROBLEMS_ZH = [
  '文件为空',
  '文件意外结束',
  '意外的字符',
  '字符串没有结束',
  '字符串中的转义无效',
  '字符串中有未转义的控制字符',
  '数字无效',
  '对象的键须为双引号字符串',
  '键后须为冒号',
  '须为逗号或右括号',
  'JSON 值之后还有内容',
];

function refusal(f: () => unknown): { code: string; message: string; path: unknown; details: unknown } {
  try {
    f();
  } catch (e) {
    if (!isZhiduError(e)) throw e;
    return { code: e.code, message: e.message, path: e.path, details: e.details };
  }
  throw new Error('not refused');
}

describe('a non-JSON input file is named with line and column, its content never echoed', () => {
  it('refuses a passwd-like file at line 1, column 1 without quoting "root:x:0:0"', async () => {
    const { io, err } = captureIo({ passwd: PASSWD });
    expect(
      await run(['evaluate', 'sla.timers', '--input', 'passwd', '--preset', 'dealer-000', ...NOW], io),
    ).toBe(2);
    expect(err).toEqual([
      'error [invalid_input]: passwd 不是 JSON：第 1 行第 1 列意外的字符 / passwd is not JSON: line 1, column 1: unexpected character (at passwd)',
    ]);
  });

  it.runIf(existsSync('/etc/passwd'))('does not echo the real /etc/passwd', async () => {
    const { io, err, out } = captureIo();
    expect(
      await run(['evaluate', 'sla.timers', '--input', '/etc/passwd', '--preset', 'dealer-000', ...NOW], io),
    ).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('/etc/passwd is not JSON: line 1, column 1');
    expect(err[0]).not.toContain('root');
    expect(out).toEqual([]);
  });

  it.each([
    ['{"a": 1,\n  "b" 2}', 2, 7, "expected ':' after a key"],
    ['[1, 2', 1, 6, 'unexpected end of the file'],
    ['{"a":1,}', 1, 8, 'an object key must be a double-quoted string'],
    ['"abc', 1, 5, 'unterminated string'],
    ['01', 1, 2, 'text after the JSON value'],
    ['[1]x', 1, 4, 'text after the JSON value'],
    ['{"k": "\\x"}', 1, 9, 'invalid escape in a string'],
    ['["\\u12G4"]', 1, 7, 'invalid escape in a string'],
    ['["a\tb"]', 1, 4, 'unescaped control character in a string'],
    ['NaN', 1, 1, 'unexpected character'],
    ['[-]', 1, 3, 'invalid number'],
    ['[1.]', 1, 4, 'invalid number'],
    ['[1e+]', 1, 5, 'invalid number'],
    ['["中文", x]', 1, 8, 'unexpected character'],
    ['[\r\n1,\r\n}', 3, 1, 'unexpected character'],
    ['[1 2]', 1, 4, "expected ',' or a closing bracket"],
  ] as const)('locates the error in %j at line %i, column %i', (text, line, column, problem) => {
    const r = refusal(() => parseJson(text, 'f.json'));
    expect(r).toMatchObject({ code: 'invalid_input', path: ['f.json'], details: { line, column } });
    expect(r.message).toBe(
      `${r.message.split(' / ')[0]} / f.json is not JSON: line ${line}, column ${column}: ${problem} (at f.json)`,
    );
  });

  it('refuses a key written twice in one object by line and column, naming neither key nor value', () => {
    const text = '{\n  "days": 3,\n  "zone": "Asia/Shanghai",\n  "days": 5\n}';
    expect(JSON.parse(text)).toEqual({ days: 5, zone: 'Asia/Shanghai' }); // what JSON.parse alone keeps
    const r = refusal(() => parseJson(text, 'policy.json'));
    expect(r).toMatchObject({
      code: 'invalid_input',
      path: ['policy.json'],
      details: { line: 4, column: 3 },
    });
    expect(r.message).toContain('policy.json: line 4, column 3: this key already appears in the same object');
    expect(r.message).not.toContain('days');
    expect(parseJson('[{"days": 3}, {"days": 5}]', 'list.json')).toEqual([{ days: 3 }, { days: 5 }]);
  });

  it('says an empty or blank file is empty, and accepts a byte-order mark', () => {
    for (const text of ['', '  \n\t'])
      expect(refusal(() => parseJson(text, 'e.json')).message).toBe(
        'e.json 不是 JSON：文件为空 / e.json is not JSON: the file is empty (at e.json)',
      );
    expect(parseJson('\uFEFF{"a":[1]}', 'bom.json')).toEqual({ a: [1] });
  });

  it('never quotes the text: any refused text gets a message made of the fixed wording only (property)', () => {
    const alphabet = fc.constantFrom(...'{}[],:"\\ 01-.eEtrufalsn\nx中😀'.split(''), 'root:x:0:0', 'secret');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid && duplicateJsonKey(text) === undefined) {
          expect(parseJson(text, 'in.json')).toEqual(JSON.parse(text));
          return;
        }
        if (valid) {
          // A key twice in one object: refused by line and column, quoting nothing.
          const { message } = refusal(() => parseJson(text, 'in.json'));
          expect(message).toMatch(
            /^in\.json 第 \d+ 行第 \d+ 列的键在同一对象中已出现过（JSON 解析只保留后一个，前一个值会丢失） \/ in\.json: line \d+, column \d+: this key already appears in the same object \(JSON readers keep only the last, so the first value would be lost\) \(at in\.json\)$/,
          );
          return;
        }
        const { message, details } = refusal(() => parseJson(text, 'in.json'));
        const m =
          /^in\.json 不是 JSON：(?:第 \d+ 行第 \d+ 列)?([^/]+?) \/ in\.json is not JSON: (?:line (\d+), column (\d+): )?(.+) \(at in\.json\)$/.exec(
            message,
          );
        expect(m).not.toBeNull();
        expect(PROBLEMS_ZH).toContain(m?.[1]);
        expect(PROBLEMS_EN).toContain(m?.[4]);
        expect(message).not.toMatch(/root|secret|😀|x:0/);
        if (m?.[2] !== undefined) expect(details).toEqual({ line: Number(m[2]), column: Number(m[3]) });
      }),
      { seed: 20251012, numRuns: 2000 },
    );
  });

  it('reports the position V8 reports, where V8 gives one (property, single-line ASCII)', () => {
    const alphabet = fc.constantFrom(...'{}[],:"\\ 01-.eEtrufalsnx'.split(''));
    let compared = 0;
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        let position: number | undefined;
        try {
          JSON.parse(text);
          return;
        } catch (e) {
          const p = /at position (\d+)/.exec((e as Error).message);
          position = p ? Number(p[1]) : undefined;
        }
        const { details } = refusal(() => parseJson(text, 'in.json'));
        if (position === undefined || details === undefined) return;
        compared++;
        expect((details as { column: number }).column).toBe(position + 1);
      }),
      { seed: 7, numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(500);
  });

  it('parses every JSON value exactly as JSON.parse does (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        expect(parseJson(text, 'v.json')).toEqual(JSON.parse(text));
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('scans 10^5 levels of nesting without a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(99_999)}`;
    expect(refusal(() => parseJson(deep, 'deep.json'))).toMatchObject({
      details: { line: 1, column: 200_000 },
      message: expect.stringContaining('unexpected end of the file'),
    });
  });
});

describe('a stored calendar file that is not JSON is named, not quoted', () => {
  it('refuses $ZHIDU_HOME/calendar/notices/*.json holding passwd-like text with its line and column', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zhidu-cli-home-'));
    try {
      const notices = join(home, 'calendar', 'notices');
      mkdirSync(notices, { recursive: true });
      writeFileSync(join(notices, '2027-x.json'), `{"year": 2027,\n${PASSWD}`);
      const { io, err } = captureIo({}, { ZHIDU_HOME: home });
      expect(await run(['calendar', 'year', '2027'], io)).toBe(2);
      const file = join(notices, '2027-x.json');
      expect(err).toEqual([
        `error [invalid_input]: ${file} 不是 JSON：第 2 行第 1 列对象的键须为双引号字符串 / ${file} is not JSON: line 2, column 1: an object key must be a double-quoted string (at ${file})`,
      ]);
      // A directory named like a calendar file is refused by name too (was a raw EISDIR).
      rmSync(file);
      mkdirSync(join(notices, '2028-y.json'));
      const again = captureIo({}, { ZHIDU_HOME: home });
      expect(await run(['calendar', 'year', '2027'], again.io)).toBe(2);
      expect(again.err[0]).toContain('2028-y.json: it is a directory, not a file');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('unreadable files are refused by name and reason', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhidu-cli-files-'));
    mkdirSync(join(dir, 'adir.json'));
    writeFileSync(join(dir, 'gbk.json'), Buffer.from([0x5b, 0x22, 0x0a, 0xc0, 0xee, 0x22, 0x5d])); // "李" in GBK
    writeFileSync(join(dir, 'bom.json'), '\uFEFF[1]');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing file, a directory and a non-UTF-8 (GBK) file, bilingually', () => {
    const { io } = captureIo();
    expect(refusal(() => readJson(io, join(dir, 'missing.json'))).message).toBe(
      `无法读取 ${join(dir, 'missing.json')}：文件不存在 / cannot read ${join(dir, 'missing.json')}: no such file (at ${join(dir, 'missing.json')})`,
    );
    expect(refusal(() => readJson(io, join(dir, 'adir.json'))).message).toContain(
      `cannot read ${join(dir, 'adir.json')}: it is a directory, not a file`,
    );
    const gbk = refusal(() => readJson(io, join(dir, 'gbk.json')));
    expect(gbk.code).toBe('invalid_input');
    expect(gbk.message).toContain(
      'is not UTF-8 text (line 2); save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8',
    );
    expect(readJson(io, join(dir, 'bom.json'))).toEqual([1]);
  });

  it.runIf(existsSync('/dev/zero'))(
    'refuses an endless device (/dev/zero) at the size limit instead of reading forever',
    () => {
      const r = refusal(() => readJson(captureIo().io, '/dev/zero'));
      expect(r.message).toContain('/dev/zero is larger than 256 MiB and is not read');
    },
    60_000,
  );
});

describe('every command given garbage arguments exits 1 or 2 with one error line, never a stack trace', () => {
  let dir: string;
  let files: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhidu-cli-fuzz-'));
    const write = (name: string, content: string | Buffer) => writeFileSync(join(dir, name), content);
    write('empty.json', '');
    write('passwd', PASSWD);
    write('huge.json', '1e308');
    write('nan.json', 'NaN');
    write('array.json', '[]');
    write('object.json', '{}');
    write('null.json', 'null');
    write('proto.json', '{"__proto__": {"polluted": 1}, "constructor": {"prototype": 1}}');
    write('deep.json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    write('big-array.json', JSON.stringify(Array.from({ length: 100_000 }, () => ({}))));
    write('gbk.json', Buffer.from([0x5b, 0x22, 0xc0, 0xee, 0x22, 0x5d]));
    write('events.json', JSON.stringify(milestoneEvents));
    write('in.json', JSON.stringify({ events: milestoneEvents }));
    mkdirSync(join(dir, 'adir.json'));
    mkdirSync(join(dir, 'home'));
    files = [
      ...[
        'empty',
        'huge',
        'nan',
        'array',
        'object',
        'null',
        'proto',
        'deep',
        'big-array',
        'gbk',
        'events',
        'in',
        'adir',
        'missing',
      ].map((f) => join(dir, `${f}.json`)),
      join(dir, 'passwd'),
      dir,
      '-',
    ];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const COMMANDS = [
    ['deadline'],
    ['day'],
    ['evaluate'],
    ['diff'],
    ['scenario'],
    ['schema'],
    ['presets'],
    ['calendar'],
    ['calendar', 'import'],
    ['calendar', 'is-workday'],
    ['calendar', 'add'],
    ['calendar', 'between'],
    ['calendar', 'year'],
    ['nonsense'],
    [],
  ];
  const FLAGS = [
    '--input',
    '--preset',
    '--policy',
    '--now',
    '--seed',
    '--trace',
    '--json',
    '--calendar',
    '--outside-data',
    '--notice',
    '--company-days',
    '--done',
    '--late-unit',
    '--add',
    '--base',
    '--candidate',
    '--module',
    '--db',
    '--bogus',
    '-x',
    '--',
    '--input=',
    '--now=NaN',
  ];
  const VALUES = [
    '',
    ' ',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e308',
    '-1e308',
    '9'.repeat(400),
    '-0',
    '0x10',
    '1.5',
    '-3',
    '2025-13-45',
    '2025-02-29',
    '0001-01-01',
    '9999-12-31',
    '2025-10-01',
    '2025-09-30T17:40:00+08:00',
    '2025-09-30T17:40:00+14:00',
    '2025-09-30T17:40',
    '+14:00',
    '__proto__',
    'constructor',
    'toString',
    'sla.timers',
    'penalty.ledger',
    'records.handover',
    'timers',
    'ownership',
    'penalties',
    'dealer-000',
    'sla.timers/dealer-000',
    'sla.timers/',
    '/x',
    'workingDays',
    'blocks24h',
    'calendarMonths',
    'prc',
    'weekdays',
    'provisional',
    'policy',
    'input',
    '😀',
    '\u0000',
    'a\nb',
    '\u001b[31mred',
    '$(id)',
    '%s%n',
  ];

  it('keeps its promise for fuzzed argv (fast-check, seeded): status 1 or 2, one error line, no stack', async () => {
    const token = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...FLAGS) },
      { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
      { weight: 3, arbitrary: fc.constantFrom(...files) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.double().map(String) },
    );
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMANDS),
        fc.array(token, { maxLength: 8 }),
        async (command, rest) => {
          const { io, out, err } = captureIo(undefined, { ZHIDU_HOME: join(dir, 'home') });
          const status = await run([...command, ...rest], io);
          seen.set(status, (seen.get(status) ?? 0) + 1);
          checkRun(status, out, err);
        },
      ),
      { seed: 12, numRuns: 250 },
    );
    // The fuzz reached refusals of both kinds (usage errors and refused input).
    expect(seen.get(1)).toBeGreaterThan(0);
    expect(seen.get(2)).toBeGreaterThan(0);
  }, 300_000);

  /** Checks one run's promise; returns the error code (or 'ok'). */
  function checkRun(status: number, out: string[], err: string[]): string {
    expect([0, 1, 2]).toContain(status);
    for (const line of err) {
      expect(line).not.toContain('\n');
      expect(line).toMatch(/^(notice: |error \[)/);
    }
    const errors = err.filter((l) => l.startsWith('error'));
    for (const line of [...out, ...err]) {
      expect(line).not.toMatch(/^\s+at .+[:(]/);
      expect(line).not.toContain('root:x:0:0');
      expect(line).not.toContain('\u001b');
    }
    if (status === 0) {
      expect(errors).toEqual([]);
      return 'ok';
    }
    expect(errors).toHaveLength(1);
    const code = ERROR_LINE.exec(err.at(-1) as string)?.[1];
    // A defect in zhidu, not a refusal: the fuzz exists to find these.
    expect(code).toBeDefined();
    expect(code).not.toBe('internal_error');
    return code as string;
  }

  it('keeps its promise for near-valid commands with one slot or flag garbled (fast-check, seeded)', async () => {
    const garbage = () => fc.constantFrom(...VALUES, ...files);
    const slot = (...valid: string[]) =>
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: garbage() });
    const flag = (name: string, value: fc.Arbitrary<string>) => value.map((v) => [name, v]);
    const instant = slot('2025-09-30T17:40:00+08:00', '2024-06-01T00:00:00+08:00', '2026-12-30T10:00:00Z');
    const date = slot('2025-10-01', '2025-10-11', '2024-02-29', '2027-01-04');
    const n = slot('3', '0', '-2', '40');
    const moduleId = slot(
      'sla.timers',
      'penalty.ledger',
      'attribution.ownership',
      'records.handover',
      'timers',
    );
    const input = slot(join(dir, 'in.json'), join(dir, 'events.json'), join(dir, 'object.json'));
    const preset = slot('construction-000', 'dealer-000', 'dealer-file', 'sla.timers/gps-000');
    const common = fc.array(
      fc.oneof(
        flag('--calendar', slot('prc', 'weekdays')),
        flag('--outside-data', slot('error', 'provisional', 'weekdays')),
        flag('--notice', garbage()),
        fc.constantFrom(['--json'], ['--trace']),
        flag('--seed', slot('1', 'abc')),
      ),
      { maxLength: 3 },
    );
    const command = fc.oneof(
      fc.tuple(
        fc.constant(['deadline']),
        instant,
        n,
        slot('workingDays', 'calendarDays', 'hours', 'blocks24h'),
        fc.option(flag('--done', instant)),
        common,
      ),
      fc.tuple(fc.constant(['day']), date, fc.option(flag('--add', n))),
      fc.tuple(
        fc.constant(['evaluate']),
        moduleId,
        flag('--input', input),
        flag('--preset', preset),
        flag('--now', instant),
        common,
      ),
      fc.tuple(
        fc.constant(['diff']),
        moduleId,
        flag('--input', input),
        flag('--base', preset),
        flag('--candidate', preset),
        flag('--now', instant),
      ),
      fc.tuple(fc.constant(['schema']), moduleId, slot('policy', 'input')),
      fc.tuple(fc.constant(['presets']), flag('--module', moduleId)),
      fc.tuple(fc.constant(['scenario']), garbage()),
      fc.tuple(fc.constant(['calendar', 'import']), garbage()),
      fc.tuple(fc.constant(['calendar', 'is-workday']), date, common),
      fc.tuple(fc.constant(['calendar', 'add']), date, n, common),
      fc.tuple(fc.constant(['calendar', 'between']), date, date, common),
      fc.tuple(fc.constant(['calendar', 'year']), slot('2025', '2026', '2027')),
    );
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(command, async (parts) => {
        const args = parts.flat(2).filter((p): p is string => typeof p === 'string');
        const { io, out, err } = captureIo(undefined, { ZHIDU_HOME: join(dir, 'home') });
        const code = checkRun(await run(args, io), out, err);
        seen.set(code, (seen.get(code) ?? 0) + 1);
      }),
      { seed: 34, numRuns: 300 },
    );
    // The fuzz reached successes and refusals of several kinds, not one early exit.
    expect(seen.get('ok')).toBeGreaterThan(10);
    expect([...seen.keys()].length).toBeGreaterThanOrEqual(5);
  }, 300_000);

  it.each([
    [[], 1, 'a command is required'],
    [['calendar'], 1, 'a command is required'],
    [['nonsense'], 1, "unknown command 'nonsense'"],
    [['deadline', '--bogus'], 1, "unknown option '--bogus'"],
    [['deadline', '2025-01-01T00:00:00Z'], 1, "missing required argument 'amount'"],
    [['deadline', '2025-01-01T00:00:00Z', 'NaN', 'workingDays'], 2, 'received NaN'],
    [['deadline', '2025-01-01T00:00:00Z', '1e308', 'workingDays'], 2, 'spec.amount'],
    [['day', '2025-01-01', '--add', 'NaN'], 2, 'workdays must be an integer'],
    [['schema', 'sla.timers', 'a\nb'], 2, 'not a\\nb'],
  ] as const)('refuses %j with status %i and one line naming the problem', async (args, status, text) => {
    const { io, err } = captureIo({});
    expect(await run(args, io)).toBe(status);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(ERROR_LINE);
    expect(err[0]).toContain(text);
  });

  it('reports an unexpected failure as one internal_error line, the stack only with ZHIDU_DEBUG', async () => {
    // An io whose out throws a plain TypeError stands for a defect anywhere below run().
    const defect = () => {
      throw new TypeError(
        'Cannot read properties of undefined (reading "x")\n    at somewhere (file.ts:1:1)',
      );
    };
    const c = captureIo({});
    c.io.out = defect;
    expect(await run(['day', '2025-10-01'], c.io)).toBe(2);
    expect(c.err).toEqual([
      'error [internal_error]: 意外错误（缺陷），请附上命令报告 / unexpected TypeError: Cannot read properties of undefined (reading "x") — a defect in zhidu; please report it with the command that caused it',
    ]);
    const debug = captureIo({}, { ZHIDU_DEBUG: '1' });
    debug.io.out = defect;
    expect(await run(['day', '2025-10-01'], debug.io)).toBe(2);
    expect(debug.err).toHaveLength(2);
    expect(debug.err[1]).toMatch(/^TypeError: /);
  });

  it('names a read that fails without an errno code by the error class, not its message', async () => {
    const c = captureIo({});
    c.io.readFile = () => {
      throw new TypeError('secret content');
    };
    expect(await run(['calendar', 'year', '2025', '--notice', 'x.json'], c.io)).toBe(2);
    expect(c.err).toEqual([
      'error [invalid_input]: 无法读取 x.json：读取失败 / cannot read x.json: TypeError (at x.json)',
    ]);
  });

  it('refuses arguments that are not strings, and an io without streams', async () => {
    const { io, err } = captureIo({});
    expect(await run([1, null] as unknown as string[], io)).toBe(2);
    expect(err).toEqual([
      'error [invalid_input]: 参数须为字符串数组 / the arguments are an array of strings (at args)',
    ]);
    await expect(run([], {} as CliIo)).rejects.toMatchObject({ code: 'invalid_input', path: ['io'] });
  });
});

describe('the zhidu process', () => {
  it('given garbage, exits 2 with one stderr line and no stack trace (spawned bin)', () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const home = mkdtempSync(join(tmpdir(), 'zhidu-bin-'));
    try {
      const passwd = join(home, 'passwd');
      writeFileSync(passwd, PASSWD);
      const child = spawnSync(
        process.execPath,
        [
          '--conditions=@zhidu/source',
          '--import',
          'tsx',
          cli,
          'evaluate',
          'sla.timers',
          '--input',
          passwd,
          '--preset',
          'constructor',
        ],
        { env: { ...process.env, ZHIDU_HOME: home }, encoding: 'utf8' },
      );
      expect(child.status).toBe(2);
      expect(child.stdout).toBe('');
      expect(child.stderr).toBe(
        `error [invalid_input]: ${passwd} 不是 JSON：第 1 行第 1 列意外的字符 / ${passwd} is not JSON: line 1, column 1: unexpected character (at ${passwd})\n`,
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    // One process start (tsx compiles the sources): generous on a busy machine.
  }, 60_000);
});
