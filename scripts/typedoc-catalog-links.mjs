// A typedoc plugin: every rule-catalog id cited in an API page's prose (`S000-MILESTONE-03`,
// `S001B-CCLASS-04`) links to its entry in the rule catalog, docs/catalog.md (the id's anchor is the
// id in lower case, as scripts/catalog-coverage.mjs writes it). Only ids that have an entry in
// docs/rules/*.json are linked; ids inside code, `<pre>` and existing links are left as they are.
// Loaded by typedoc.json ("plugin"); `linkRuleIds` is exported for its test.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CATALOG_URL = 'https://github.com/zhidu-dev/zhidu/blob/main/docs/catalog.md#';
const RULE_ID = /\bS\d{3}[A-Z]?-[A-Z]+-\d+\b/g;

/** The ids of the rule catalog (docs/rules/*.json). */
export function catalogIds(dir = join(here, '../docs/rules')) {
  const ids = new Set();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const id of Object.keys(data.rules ?? {})) ids.add(id);
  }
  return ids;
}

/**
 * Links each known rule id in the text parts of `html` to its catalog entry, outside `<a>`, `<code>`
 * and `<pre>` elements.
 */
export function linkRuleIds(html, ids, base = CATALOG_URL) {
  let skip = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        const tag = /^<\/?\s*(a|code|pre)\b/i.exec(part);
        if (tag) skip += part.startsWith('</') ? -1 : /\/>$/.test(part) ? 0 : 1;
        if (skip < 0) skip = 0;
        return part;
      }
      if (skip > 0) return part;
      return part.replace(RULE_ID, (id) =>
        ids.has(id) ? `<a href="${base}${id.toLowerCase()}">${id}</a>` : id,
      );
    })
    .join('');
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  const ids = catalogIds();
  app.renderer.on('parseMarkdown', (event) => {
    event.parsedText = linkRuleIds(event.parsedText, ids);
  });
}
