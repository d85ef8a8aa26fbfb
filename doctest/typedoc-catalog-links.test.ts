import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { catalogIds, linkRuleIds } from '../scripts/typedoc-catalog-links.mjs';

const base = 'https://example.test/catalog.md#';

describe('API docs link clause citations to the rule catalog (issue 20)', () => {
  const ids: Set<string> = catalogIds();

  it('reads every catalog id from docs/rules', () => {
    expect(ids.size).toBeGreaterThanOrEqual(600);
    expect(ids.has('S000-MILESTONE-03')).toBe(true);
    expect(ids.has('S001B-CCLASS-04')).toBe(true);
  });

  it('links a cited id in prose to its anchor, lower-cased', () => {
    expect(linkRuleIds('<p>Fines of S000-MILESTONE-03 double.</p>', ids, base)).toBe(
      `<p>Fines of <a href="${base}s000-milestone-03">S000-MILESTONE-03</a> double.</p>`,
    );
  });

  it('leaves ids inside code, pre and existing links, and unknown ids, as they are', () => {
    const html =
      '<p><code>S000-MILESTONE-03</code> <a href="x">S000-MILESTONE-03</a> S999-NOPE-01</p><pre><code>S001B-CCLASS-04</code></pre>';
    expect(linkRuleIds(html, ids, base)).toBe(html);
  });

  it('links again after a closed code span', () => {
    expect(linkRuleIds('<p><code>x</code> S001B-CCLASS-04</p>', ids, base)).toBe(
      `<p><code>x</code> <a href="${base}s001b-cclass-04">S001B-CCLASS-04</a></p>`,
    );
  });
});
