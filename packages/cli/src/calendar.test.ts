import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, calendarHome, run } from './index.js';

/** FICTITIOUS 2027 notices and company days (test fixtures of @zhidu/calendar-cn, marked as such). */
const fixtures = new URL('../../calendar-cn/test/fixtures/', import.meta.url);
const NOTICE = new URL('fictitious-2027-notice.json', fixtures).pathname;
const AMENDED = new URL('fictitious-2027-notice-amended.json', fixtures).pathname;
const COMPANY = new URL('fictitious-company-days.json', fixtures).pathname;

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'zhidu-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function io(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: (p) => files[p] ?? readFileSync(p, 'utf8'),
    interactive: false,
    env: { ZHIDU_HOME: home },
  };
  return { cli, out, err };
}

const received = '2026-12-30T10:00:00+08:00';

describe('zhidu deadline for a complaint received 2026-12-30 (issue 1)', () => {
  it('is refused by default with the missing year and the three ways out', async () => {
    const { cli, err } = io();
    expect(await run(['deadline', received, '3', 'workingDays'], cli)).toBe(2);
    expect(err[0]).toMatch(/^error \[calendar_out_of_range\]/);
    expect(err[0]).toContain('no holiday notice for 2027 is loaded');
    expect(err[0]).toContain("outsideData: 'provisional'");
    expect(err[0]).toContain('(at ctx.calendar) — hint: ');
    // The ways out in the CLI's own terms, on the same line (the refusal names the library's options).
    expect(err[0]).toMatch(
      /hint: .*--outside-data provisional.*--outside-data weekdays.*--notice <.*zhidu calendar import/,
    );
    expect(err).toHaveLength(1);
  });

  it('gives the hint in the chosen language only with --lang', async () => {
    const { cli, err } = io();
    expect(await run(['deadline', received, '3', 'workingDays', '--lang', 'zh'], cli)).toBe(2);
    expect(err[0]).toMatch(/ — hint: 在命令行中：--outside-data provisional/);
    expect(err[0]).not.toContain('on the command line');
  });

  it('is answered with --notice <file>, and --trace names the notice', async () => {
    const { cli, out } = io();
    expect(await run(['deadline', received, '3', 'workingDays', '--notice', NOTICE, '--trace'], cli)).toBe(0);
    expect(out[0]).toBe('due 2027-01-05 23:59 (2027-01-05T15:59:59.999Z, inclusive)');
    expect(out.some((l) => l.includes('zhidu.calendar.data') && l.includes('FICTITIOUS'))).toBe(true);
  });

  it('is answered provisionally with --outside-data provisional, and says so', async () => {
    const { cli, out } = io();
    expect(await run(['deadline', received, '3', 'workingDays', '--outside-data', 'provisional'], cli)).toBe(
      0,
    );
    expect(out[0]).toBe(
      'due 2027-01-05 23:59 (2027-01-05T15:59:59.999Z, inclusive, provisional: 2027 without its notice — recompute when it is loaded)',
    );
    const json = io();
    await run(
      ['deadline', received, '3', 'workingDays', '--outside-data', 'provisional', '--json'],
      json.cli,
    );
    const decision = JSON.parse(json.out.join('\n'));
    expect(decision.value).toMatchObject({ provisional: true, provisionalYears: [2027] });
    expect(decision.trace.at(-1).rule).toBe('zhidu.calendar.provisional');
  });

  it('is answered on Mon–Fri with --outside-data weekdays (1 January counted as a workday)', async () => {
    const { cli, out } = io();
    await run(['deadline', received, '3', 'workingDays', '--outside-data', 'weekdays'], cli);
    expect(out[0]).toMatch(/^due 2027-01-04 23:59 .*provisional: 2027/);
  });

  it('refuses an unknown --outside-data and a malformed --notice file, naming them', async () => {
    const bad = io();
    expect(await run(['deadline', received, '3', 'workingDays', '--outside-data', 'guess'], bad.cli)).toBe(2);
    expect(bad.err[0]).toMatch(/^error \[invalid_input\].*\(at outside-data\)$/);
    const malformed = io({ 'n.json': JSON.stringify({ year: 2027, holidays: {}, makeUpWorkdays: {} }) });
    expect(await run(['deadline', received, '3', 'workingDays', '--notice', 'n.json'], malformed.cli)).toBe(
      2,
    );
    expect(malformed.err[0]).toContain('(at n.json.source)');
  });
});

describe('zhidu calendar import', () => {
  it('stores a notice under $ZHIDU_HOME, after which deadline and calendar commands use it', async () => {
    expect(calendarHome({ ZHIDU_HOME: home })).toBe(join(home, 'calendar'));
    // pnpm fuzz seeds 99 and 31337: `calendarHome(null)` threw a TypeError.
    for (const env of [null, 'ZHIDU_HOME', ['x']])
      expect(() => calendarHome(env as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['env'] }),
      );
    for (const bad of [7, 'a\u0000b'])
      expect(() => calendarHome({ ZHIDU_HOME: bad } as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['ZHIDU_HOME'] }),
      );
    const imp = io();
    expect(await run(['calendar', 'import', NOTICE], imp.cli)).toBe(0);
    expect(imp.out[0]).toBe(`stored notice: ${join(home, 'calendar', 'notices', '2027-2026-11-05.json')}`);
    expect(readdirSync(join(home, 'calendar', 'notices'))).toEqual(['2027-2026-11-05.json']);
    const due = io();
    await run(['deadline', received, '3', 'workingDays'], due.cli);
    expect(due.out[0]).toBe('due 2027-01-05 23:59 (2027-01-05T15:59:59.999Z, inclusive)');
  });

  it('an amendment published later takes effect; importing the older one again changes nothing', async () => {
    await run(['calendar', 'import', NOTICE], io().cli);
    const amended = io();
    await run(['calendar', 'import', AMENDED], amended.cli);
    expect(amended.out[1]).toContain('调整2027年元旦放假安排');
    const again = io();
    await run(['calendar', 'import', NOTICE], again.cli);
    expect(again.out[1]).toContain('调整2027年元旦放假安排');
    const add = io();
    await run(['calendar', 'add', '2026-12-30', '3'], add.cli);
    expect(add.out).toEqual(['2027-01-06']);
  });

  it('refuses a different notice with the same year and publication date, and a malformed file', async () => {
    await run(['calendar', 'import', NOTICE], io().cli);
    const clash = JSON.parse(readFileSync(AMENDED, 'utf8'));
    const dup = io({ 'clash.json': JSON.stringify({ ...clash, published: '2026-11-05' }) });
    expect(await run(['calendar', 'import', 'clash.json'], dup.cli)).toBe(2);
    expect(dup.err[0]).toMatch(/^error \[duplicate\]/);
    const bad = io({ 'bad.json': JSON.stringify({ year: 2027, source: 'x', published: '2026-02-30' }) });
    expect(await run(['calendar', 'import', 'bad.json'], bad.cli)).toBe(2);
    expect(bad.err[0]).toContain('bad.json');
  });

  it('stores company days that every command then layers on top', async () => {
    const imp = io();
    expect(await run(['calendar', 'import', COMPANY], imp.cli)).toBe(0);
    expect(imp.out[0]).toMatch(/^stored company days: .*company/);
    const day = io();
    await run(['calendar', 'is-workday', '2026-12-31'], day.cli);
    expect(day.out).toEqual(['2026-12-31: day off']);
  });
});

describe('zhidu calendar is-workday | add | between | year', () => {
  it('answers inside the data without any flag', async () => {
    const { cli, out } = io();
    await run(['calendar', 'is-workday', '2025-10-11'], cli);
    await run(['calendar', 'is-workday', '2025-10-01'], cli);
    await run(['calendar', 'add', '2025-09-30', '3'], cli);
    await run(['calendar', 'add', '2025-10-11', '-3'], cli);
    await run(['calendar', 'between', '2025-09-30', '2025-10-11'], cli);
    expect(out).toEqual([
      '2025-10-11: workday (weekend make-up or extra workday) (国庆节)',
      '2025-10-01: day off (国庆节)',
      '2025-10-11',
      '2025-09-30',
      '3',
    ]);
  });

  it('marks answers beyond the data as provisional', async () => {
    const { cli, out } = io();
    await run(['calendar', 'is-workday', '2027-01-01', '--outside-data', 'provisional'], cli);
    await run(['calendar', 'between', '2026-12-30', '2027-01-05', '--outside-data', 'weekdays'], cli);
    expect(out).toEqual([
      '2027-01-01: day off (元旦) [provisional: 2027 on statutory holidays only, no notice loaded]',
      '4 [provisional: 2027 on Mon–Fri only, no notice loaded]',
    ]);
  });

  it('lists a year: holidays and make-up workdays with their source', async () => {
    const { cli, out } = io();
    await run(['calendar', 'year', '2025'], cli);
    expect(out[0]).toMatch(/^2025: 国务院办公厅2025年部分节假日安排/);
    expect(out).toContain('  2025-01-28  春节');
    expect(out.slice(out.indexOf('make-up workdays:'))).toContain('  2025-01-26  春节');
    const p = io();
    await run(['calendar', 'year', '2027', '--outside-data', 'provisional'], p.cli);
    expect(p.out[0]).toMatch(/^2027: provisional/);
    expect(p.out).toContain('  2027-02-05  春节');
    expect(p.out.at(-1)).toBe('make-up workdays:');
  });

  it('refuses bad arguments with the field named', async () => {
    for (const [args, path] of [
      [['calendar', 'add', '2025-09-30', '1.5'], 'n'],
      [['calendar', 'add', '2025-09-30', String(2 ** 53 - 1)], 'n'],
      [['calendar', 'year', '20x7'], 'year'],
      [['calendar', 'year', '2027'], 'year'],
      [['calendar', 'is-workday', '2025-02-30'], 'date'],
      [['calendar', 'between', '2025-01-01', '2027-01-05'], 'b'],
      [['calendar', 'add', '2025-01-01', '1', '--calendar', 'mars'], 'calendar'],
    ] as const) {
      const { cli, err } = io();
      expect(await run([...args], cli)).toBe(2);
      // A year beyond the data adds the CLI's ways out after the path.
      expect(err[0]).toMatch(new RegExp(`\\(at ${path}\\)( — hint: .*)?$`));
    }
  });
});
