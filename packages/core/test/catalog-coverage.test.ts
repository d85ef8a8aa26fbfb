// scripts/catalog-coverage.mjs (issue 13, honest catalog coverage): an id counts as covered only when the
// title of an asserting test, or a scenario with a non-empty `expected`, names it. Run on the fixture
// repository scripts/fixtures/catalog-coverage (a fake package `demo` with one test file, three scenarios,
// a guide and a `zhidu coverage --json` output).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = join(repo, 'scripts/fixtures/catalog-coverage');
const dir = mkdtempSync(join(tmpdir(), 'zhidu-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
function catalog(...args: string[]) {
  const out = join(dir, `catalog-${++runs}.md`);
  const run = spawnSync(
    process.execPath,
    [join(repo, 'scripts/catalog-coverage.mjs'), ...args, '--out', out],
    {
      cwd: fixture,
      encoding: 'utf8',
    },
  );
  let page = '';
  let zhPage = '';
  try {
    page = readFileSync(out, 'utf8');
    zhPage = readFileSync(join(dir, 'zh', `catalog-${runs}.md`), 'utf8');
  } catch {
    // not written (refused arguments)
  }
  return { ...run, page, zhPage };
}

/** The cells of an id's row on the page: [id, kind, title, covered, where, parameters, pinned]. */
function row(page: string, id: string): string[] {
  const line = page.split('\n').find((l) => l.startsWith(`| ${id} |`));
  if (!line) throw new Error(`${id} not on the page`);
  return line
    .slice(2, -2)
    .split(' | ')
    .map((c) => c.trim());
}

/** An index of the fixture's demo module with only these ids. */
function indexOf(name: string, ids: string[]) {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      `## demo (${ids.length})`,
      '',
      '| id | kind | title | file |',
      '|---|---|---|---|',
      ...ids.map((id) => `| ${id} | behaviour | ${id} | fixture |`),
      '',
    ].join('\n'),
  );
  return file;
}

describe('catalog coverage (scripts/catalog-coverage.mjs)', () => {
  const full = catalog('INDEX.md', '--coverage', 'coverage.json');

  it('an it() title with an expect covers its id, located at file:line', () => {
    expect(row(full.page, 'S900-DEMO-01').slice(3, 5)).toEqual(['yes', '`demo/src/demo.test.ts:11`']);
  });

  it('a mention in a comment only is not covered', () => {
    expect(row(full.page, 'S900-DEMO-02').slice(3, 5)).toEqual([
      'no',
      'mentioned only: `demo/src/demo.test.ts`',
    ]);
  });

  it('a title whose test only checks toBeDefined()/not.toThrow() is not covered', () => {
    expect(row(full.page, 'S900-DEMO-03')[3]).toBe('no');
  });

  it('a describe title covers its id when a test inside asserts, and not when none does', () => {
    expect(row(full.page, 'S900-DEMO-04').slice(3, 5)).toEqual(['yes', '`demo/src/demo.test.ts:20`']);
    expect(row(full.page, 'S900-DEMO-13')[3]).toBe('no');
  });

  it('a scenario with a non-empty expected covers the ids of its rules list, at the line of the entry', () => {
    expect(row(full.page, 'S900-DEMO-05').slice(3, 5)).toEqual([
      'yes',
      '`demo/scenarios/expects.scenario.json:4`',
    ]);
  });

  it('a scenario with an empty expected, or one holding only result: {}, is not covered', () => {
    expect(row(full.page, 'S900-DEMO-06').slice(3, 5)).toEqual([
      'no',
      'mentioned only: `demo/scenarios/empty.scenario.json`',
    ]);
    expect(row(full.page, 'S900-DEMO-14')[3]).toBe('no');
  });

  it('an id in a rules list inside a test body is mentioned, not covered', () => {
    expect(row(full.page, 'S900-DEMO-07')[3]).toBe('no');
  });

  it('a guide-only id is not encoded, an id named nowhere is open', () => {
    expect(row(full.page, 'S900-DEMO-08').slice(3, 5)).toEqual(['–', 'not encoded — see [demo.md](demo.md)']);
    expect(row(full.page, 'S900-DEMO-09').slice(3, 5)).toEqual(['no', '–']);
  });

  it('a not-encoded id links the English guide on the English page and its Chinese version on the Chinese page', () => {
    // docs/demo.md and docs/zh/demo.md both name S900-DEMO-08: the English page used to list both
    // (demo.md, zh/demo.md) and the Chinese page linked both English-relative (../demo.md, ../zh/demo.md).
    expect(row(full.page, 'S900-DEMO-08')[4]).toBe('not encoded — see [demo.md](demo.md)');
    expect(full.zhPage).toContain('覆盖：不编码，说明见 [demo.md](demo.md)\n');
    expect(full.zhPage).not.toContain('](../demo.md)');
    expect(full.zhPage).not.toContain('zh/demo.md');
  });

  it('a template-literal title asserting through a local helper covers its id', () => {
    expect(row(full.page, 'S900-DEMO-10').slice(3, 5)).toEqual(['yes', '`demo/src/demo.test.ts:31`']);
  });

  it('it.todo and it.skip titles do not cover; it.each over a same-file table does', () => {
    expect(row(full.page, 'S900-DEMO-11')[3]).toBe('no');
    expect(row(full.page, 'S900-DEMO-12').slice(3, 5)).toEqual(['yes', '`demo/src/demo.test.ts:41`']);
  });

  it('it.each over a table mapped from a same-file constant, an fc.assert property and rejects.toThrow cover', () => {
    expect(row(full.page, 'S900-DEMO-15').slice(3, 5)).toEqual(['yes', '`demo/src/demo.test.ts:53`']);
    expect(row(full.page, 'S900-DEMO-16').slice(3, 5)).toEqual(['yes', '`demo/src/demo.test.ts:57`']);
    expect(row(full.page, 'S900-DEMO-17').slice(3, 5)).toEqual(['yes', '`demo/src/demo.test.ts:64`']);
  });

  it('--coverage fills parameters and pinned from the parameters whose rule is the id, per policy', () => {
    // S900-DEMO-01: /params/factor in two policies (both pinned) and /params/cap (not pinned).
    expect(row(full.page, 'S900-DEMO-01').slice(5)).toEqual(['3', '2']);
    expect(row(full.page, 'S900-DEMO-05').slice(5)).toEqual(['1', '0']);
    expect(row(full.page, 'S900-DEMO-02').slice(5)).toEqual(['0', '0']);
    expect(full.page).toContain('| demo | 17 | 8 | 7 | 1 | 1 | 4 | 2 |');
  });

  it('without --coverage the parameter columns show –', () => {
    const plain = catalog('INDEX.md');
    expect(row(plain.page, 'S900-DEMO-01').slice(5)).toEqual(['–', '–']);
  });

  it('the page header and the output give the honest and the mentioned figures, and list the mentioned-only ids', () => {
    expect(full.page).toContain('Honestly covered: 8 of 16 encodable ids (50 %).');
    expect(full.page).toContain('Named by a test or scenario at all: 15 of 16 (93.7 %).');
    expect(full.stdout).toContain('7 ids of built packages are mentioned only (not honestly covered):');
    const listed = full.stdout
      .split('\n')
      .filter((l) => /^ {2}S900-/.test(l))
      .map((l) => l.trim());
    expect(listed).toEqual([
      'S900-DEMO-02',
      'S900-DEMO-03',
      'S900-DEMO-06',
      'S900-DEMO-07',
      'S900-DEMO-11',
      'S900-DEMO-13',
      'S900-DEMO-14',
    ]);
  });
});

describe('catalog coverage --check and --strict', () => {
  it('--check fails on an id named nowhere', () => {
    const run = catalog('INDEX.md', '--check');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('1 rule ids of built packages are neither tested nor documented');
  });

  it('--check passes mentioned-only ids; --strict fails on them, naming them', () => {
    const index = indexOf('mentioned.md', ['S900-DEMO-01', 'S900-DEMO-02', 'S900-DEMO-06', 'S900-DEMO-08']);
    expect(catalog(index, '--check').status).toBe(0);
    const strict = catalog(index, '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain(
      '--strict: 2 rule ids of built packages are not honestly covered: S900-DEMO-02, S900-DEMO-06',
    );
  });

  it('--strict passes when every id is covered or documented as not encoded', () => {
    const index = indexOf('covered.md', ['S900-DEMO-01', 'S900-DEMO-04', 'S900-DEMO-05', 'S900-DEMO-08']);
    const run = catalog(index, '--check', '--strict');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Honestly covered: 3 of 3 encodable ids (100 %).');
  });
});

describe('catalog coverage refuses bad arguments', () => {
  it('a --coverage file that is not JSON, or has no policies array, exits 2 with the reason', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    const a = catalog('INDEX.md', '--coverage', broken);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain(`cannot read ${broken} as JSON`);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ pinned: 1 }));
    const b = catalog('INDEX.md', '--coverage', wrong);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('is not the output of zhidu coverage --json (no policies array)');
    const noParams = join(dir, 'no-params.json');
    writeFileSync(noParams, JSON.stringify({ policies: [{ id: 'x' }] }));
    const c = catalog('INDEX.md', '--coverage', noParams);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('policies[0].parameters must be an array');
  });

  it('a missing --coverage path, an unknown option or a missing index exits 2', () => {
    const a = spawnSync(
      process.execPath,
      [join(repo, 'scripts/catalog-coverage.mjs'), 'INDEX.md', '--coverage'],
      {
        cwd: fixture,
        encoding: 'utf8',
      },
    );
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('--coverage needs a file path');
    const b = catalog('INDEX.md', '--stric');
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('unknown option --stric');
    const c = catalog(join(dir, 'absent.md'));
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('catalog index not found');
  });
});
