// docs/rules/link-ids.mjs: the catalog rule ids cited in the prose of the guides link to their entries.
import { describe, expect, it } from 'vitest';

// a plain ESM script of the repository, without type declarations
const script: string = new URL('../../../docs/rules/link-ids.mjs', import.meta.url).href;
const { linkIds: link } = (await import(script)) as { linkIds: (markdown: string) => string };

describe('linkIds: rule ids in the running text of a guide link to the catalog', () => {
  it('links an id of prose and of a table cell to catalog.md#<id in lower case>', () => {
    expect(link('Due within 15 days (S000-MILESTONE-03).')).toBe(
      'Due within 15 days ([S000-MILESTONE-03](catalog.md#s000-milestone-03)).',
    );
    expect(link('| S001B-MEMBER-11 | 会员权利 |')).toBe(
      '| [S001B-MEMBER-11](catalog.md#s001b-member-11) | 会员权利 |',
    );
  });

  it('leaves code, headings, existing links, HTML and unknown ids alone, and is idempotent', () => {
    const untouched = [
      '```json\n{ "rule": "S000-MILESTONE-03" }\n```',
      'the rule `S000-MILESTONE-03` in code',
      '## S000-MILESTONE-03 in a heading',
      'see [S000-MILESTONE-03](other.md) here',
      '<a id="s000-milestone-03"></a> and S999-NOPE-01',
      'an anchor catalog.md#S000-MILESTONE-03 and S000-MILESTONE-031',
    ].join('\n');
    expect(link(untouched)).toBe(untouched);
    const once = link('S004-SLA-26 and S004-SLA-27');
    expect(once).toBe('[S004-SLA-26](catalog.md#s004-sla-26) and [S004-SLA-27](catalog.md#s004-sla-27)');
    expect(link(once)).toBe(once);
  });
});
