// The rule statements of docs/rules/*.json (issue 20, citations a reader can follow): every rule of the
// catalog index is stated in the project's own words in both languages, with the seed regulation and
// line it comes from, and has an entry on both catalog pages that citationHref links to.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { citationAnchor, citationHref } from './citation-href.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const rulesDir = `${root}docs/rules/`;

const RULE_ID = /^S\d{3}[A-Z]?-[A-Z]+-\d+$/;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;
const LATIN = /[A-Za-z]/g;
/** The share of CJK characters among the CJK characters and Latin letters of a text. */
const cjkShare = (text: string): number => {
  const cjk = text.match(CJK)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return cjk + latin === 0 ? 0 : cjk / (cjk + latin);
};

const Zh = z
  .string()
  .trim()
  .min(4)
  .refine((t) => cjkShare(t) >= 0.6, 'Chinese text must be mostly CJK characters');
const En = z
  .string()
  .trim()
  .min(8)
  .refine((t) => cjkShare(t) <= 0.2, 'English text must be mostly Latin letters');
const Bilingual = z.strictObject({ zh: Zh, en: En });
const RuleStatementSchema = z.strictObject({
  title: Bilingual,
  statement: Bilingual,
  source: z.strictObject({
    seed: z.string().regex(/^00[0-4]$/),
    file: z.string().regex(/^00[0-4]_[0-9a-f]{16}\.txt$/),
    lines: z.array(z.number().int().positive()).min(1),
    quote: z.string().min(2).optional(),
  }),
});
const RulesFileSchema = z.strictObject({
  $comment: z.string(),
  rules: z.record(z.string().regex(RULE_ID), RuleStatementSchema),
});

const files = existsSync(rulesDir)
  ? readdirSync(rulesDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
const parsed = files.map((f) => ({ f, json: JSON.parse(readFileSync(rulesDir + f, 'utf8')) as unknown }));
const statements = new Map<string, z.infer<typeof RuleStatementSchema>>();
for (const { json } of parsed) {
  const r = RulesFileSchema.safeParse(json);
  if (r.success) for (const [id, s] of Object.entries(r.data.rules)) statements.set(id, s);
}

/** The ids of the catalog index, as docs/catalog.md lists them (one table row per id). */
const catalogPage = readFileSync(`${root}docs/catalog.md`, 'utf8');
const zhCatalogPage = existsSync(`${root}docs/zh/catalog.md`)
  ? readFileSync(`${root}docs/zh/catalog.md`, 'utf8')
  : '';
const indexIds = [...catalogPage.matchAll(/^\| (S\d{3}[A-Z]?-[A-Z]+-\d+) \|/gm)].map((m) => m[1] as string);
/** The rule catalog beside the checkout, when it is there (CI has it). */
const specIndex = `${root}../shared/spec/rules/INDEX.md`;

describe('docs/rules: every catalog rule stated in both languages with its source', () => {
  it('the rule files exist and each parses with the statement schema', () => {
    expect(files).toEqual([
      'seed-000-a.json',
      'seed-000-b.json',
      'seed-001-a.json',
      'seed-001-b.json',
      'seed-002-004.json',
    ]);
    for (const { f, json } of parsed) {
      const r = RulesFileSchema.safeParse(json);
      expect(r.success ? [] : r.error.issues.slice(0, 5), f).toEqual([]);
    }
  });

  it('every id of the catalog index has a statement, and every statement is an id of the index', () => {
    expect(indexIds.length).toBeGreaterThanOrEqual(600);
    expect(indexIds.filter((id) => !statements.has(id))).toEqual([]);
    expect([...statements.keys()].filter((id) => !indexIds.includes(id))).toEqual([]);
    if (existsSync(specIndex)) {
      const spec = [...readFileSync(specIndex, 'utf8').matchAll(/^\| (S\d{3}[A-Z]?-[A-Z]+-\d+) \|/gm)].map(
        (m) => m[1],
      );
      expect(spec.filter((id) => id !== undefined && !statements.has(id))).toEqual([]);
    }
  });

  it('an id is stated once, in the file of its seed, and its source names the seed of the id', () => {
    const seen = new Map<string, string>();
    for (const { f, json } of parsed) {
      for (const id of Object.keys((json as { rules: object }).rules)) {
        expect(seen.get(id), `${id} in ${f} and ${seen.get(id)}`).toBeUndefined();
        seen.set(id, f);
      }
    }
    for (const [id, s] of statements) {
      expect(s.source.file.slice(0, 3), id).toBe(s.source.seed);
      expect(id.slice(1, 4), id).toBe(s.source.seed);
    }
  });

  it('the statements are the project’s own: Chinese is Chinese, English is English, and no two ids share one', () => {
    const zh = new Map<string, string>();
    for (const [id, s] of statements) {
      expect(cjkShare(s.statement.zh), id).toBeGreaterThanOrEqual(0.6);
      expect(cjkShare(s.title.zh), id).toBeGreaterThanOrEqual(0.6);
      expect(s.statement.en, id).not.toBe(s.title.en);
      const other = zh.get(s.statement.zh);
      expect(other, `${id} states the same as ${other}`).toBeUndefined();
      zh.set(s.statement.zh, id);
    }
  });

  it('refuses a statement with an empty language, an English "Chinese" text or a malformed source', () => {
    const good = statements.get('S000-CORE-01');
    expect(good).toBeDefined();
    const bad = (patch: object) => RuleStatementSchema.safeParse({ ...good, ...patch }).success;
    expect(bad({})).toBe(true);
    expect(bad({ statement: { zh: '', en: 'A record holds five fields.' } })).toBe(false);
    expect(bad({ statement: { zh: 'A record holds five fields.', en: 'A record holds five fields.' } })).toBe(
      false,
    );
    expect(bad({ title: { zh: '经销商投诉受理记录字段', en: '' } })).toBe(false);
    expect(bad({ source: { seed: '000', file: 'seed.txt', lines: [123] } })).toBe(false);
    expect(bad({ source: { seed: '000', file: '000_4818bcf0bb2aaeac.txt', lines: [] } })).toBe(false);
    expect(bad({ extra: 1 })).toBe(false);
  });
});

describe('the catalog pages hold an entry for every id, where citationHref points', () => {
  it('docs/catalog.md and docs/zh/catalog.md carry the anchor, the statement and the source of every id', () => {
    const missing: string[] = [];
    for (const [id, s] of statements) {
      const anchor = `<a id="${citationAnchor(id)}"></a>`;
      if (!catalogPage.includes(anchor) || !catalogPage.includes(s.statement.en)) missing.push(`en ${id}`);
      if (!zhCatalogPage.includes(anchor) || !zhCatalogPage.includes(s.statement.zh))
        missing.push(`zh ${id}`);
      if (!zhCatalogPage.includes(`第 ${s.source.lines.join('、')} 行`)) missing.push(`zh source ${id}`);
    }
    expect(missing).toEqual([]);
  });

  it('citationHref of a rule id is a file that exists with that anchor in it', () => {
    const href = citationHref('S000-MILESTONE-03', { base: '' });
    expect(href).toBe('zh/catalog.md#s000-milestone-03');
    const [file, anchor] = href.split('#') as [string, string];
    expect(readFileSync(`${root}docs/${file}`, 'utf8')).toContain(`<a id="${anchor}"></a>`);
    const en = citationHref('S001B-MEMBER-11', { lang: 'en' });
    const [enFile, enAnchor] = en.split('#') as [string, string];
    expect(readFileSync(`${root}${enFile}`, 'utf8')).toContain(`<a id="${enAnchor}"></a>`);
  });
});
