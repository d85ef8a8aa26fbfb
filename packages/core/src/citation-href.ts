import { describeValue, ZhiduError } from './errors.js';
import { expectKnownKeys } from './guards.js';
import { type Lang, parseLang } from './render.js';

/** A catalog rule id: seed, optional part letter, group, number (`S000-MILESTONE-03`, `S001B-MEMBER-11`). */
const RULE_ID = /^S\d{3}[A-Z]?-[A-Z]+-\d+$/;

/** Options of {@link citationHref}. */
export interface CitationHrefOptions {
  /** The catalog page's language: `zh-CN` → `docs/zh/catalog.md`, `en` → `docs/catalog.md` (default `zh-CN`). */
  readonly lang?: Lang | string;
  /**
   * The path prefix of the docs folder, as seen from where the link is shown (default `docs/`, the
   * repository root). Pass `''` from a page inside `docs/`, `'../'` from one inside `docs/zh/`, or a
   * site URL ending in `/`.
   */
  readonly base?: string;
}

/**
 * The anchor of a rule's entry on the catalog pages: the id in lower case.
 *
 * @param ruleId - a catalog rule id such as `S000-MILESTONE-03`
 * @returns the anchor, without `#`
 * @throws ZhiduError `invalid_input` at `ruleId` when the value is not a catalog rule id
 * @example
 * citationAnchor('S000-MILESTONE-03'); //=> 's000-milestone-03'
 */
export function citationAnchor(ruleId: string): string {
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
    throw new ZhiduError(
      'invalid_input',
      ['ruleId'],
      `不是规则目录编号：${describeValue(ruleId)}（应形如 S000-MILESTONE-03） / not a catalog rule id: ${describeValue(ruleId)} (expected the form S000-MILESTONE-03)`,
    );
  }
  return ruleId.toLowerCase();
}

/**
 * The link to a rule's entry in the rule catalog (`docs/catalog.md`, `docs/zh/catalog.md`), where
 * the rule is stated in both languages with its source regulation and line: what a trace's clause
 * citation points a reader at.
 *
 * @param ruleId - a catalog rule id such as `S000-MILESTONE-03`
 * @param options - the page's language (default `zh-CN`) and the docs folder's path prefix
 * @returns a relative docs path with the entry's anchor
 * @throws ZhiduError `invalid_input` at `ruleId` for a value that is not a rule id, at `lang` for an
 *   unsupported language
 * @example
 * citationHref('S000-MILESTONE-03'); //=> 'docs/zh/catalog.md#s000-milestone-03'
 * citationHref('S000-MILESTONE-03', { lang: 'en' }); //=> 'docs/catalog.md#s000-milestone-03'
 * citationHref('S001B-MEMBER-11', { lang: 'en', base: '' }); //=> 'catalog.md#s001b-member-11'
 */
export function citationHref(ruleId: string, options: CitationHrefOptions = {}): string {
  const anchor = citationAnchor(ruleId);
  // A misspelt `lnag` linked the Chinese page without a word.
  expectKnownKeys(options, ['lang', 'base'], ['options']);
  const lang = parseLang(options.lang ?? 'zh-CN');
  const base = options.base ?? 'docs/';
  return `${base}${lang === 'zh-CN' ? 'zh/' : ''}catalog.md#${anchor}`;
}
