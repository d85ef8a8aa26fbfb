// Links the catalog rule ids cited in the running text of the guides to their catalog entries:
// `S000-MILESTONE-03` → `[S000-MILESTONE-03](catalog.md#s000-milestone-03)` in docs/*.md and docs/zh/*.md
// (each links to the catalog page of its own language). Only ids with a statement in docs/rules/*.json,
// and never inside fenced code, inline code, headings, HTML, an existing link's text or target.
// Idempotent: a linked id is left as it is.
//
//   node docs/rules/link-ids.mjs            rewrites the guides, prints the files changed
//   node docs/rules/link-ids.mjs --check    exit 1 when a guide has an unlinked id (changes nothing)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The ids with a statement in docs/rules/*.json. */
const stated = new Set();
for (const f of readdirSync(here).filter((n) => n.endsWith('.json'))) {
  for (const id of Object.keys(JSON.parse(readFileSync(join(here, f), 'utf8')).rules)) stated.add(id);
}
const ID = /(?<![A-Za-z0-9#/-])S\d{3}[A-Z]?-[A-Z]+-\d+(?![0-9A-Za-z-])/g;

/** The text with every unlinked stated id of its prose linked; code spans, links and HTML untouched. */
export function linkIds(markdown) {
  let fence = null;
  return markdown
    .split('\n')
    .map((line) => {
      const f = /^\s*(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (fence === null) fence = f[1];
        else if (f[1].startsWith(fence)) fence = null;
        return line;
      }
      if (fence !== null || /^\s*#{1,6}\s/.test(line)) return line;
      // protected spans: inline code, links (text and target), autolinks and HTML tags
      const parts = line.split(/(`[^`]*`|!?\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\[[^\]]*\]|<[^>]+>)/);
      return parts
        .map((part, i) =>
          i % 2 === 1
            ? part
            : part.replace(ID, (id) => (stated.has(id) ? `[${id}](catalog.md#${id.toLowerCase()})` : id)),
        )
        .join('');
    })
    .join('\n');
}

function main() {
  const check = process.argv.includes('--check');
  const docs = join(here, '..');
  const guides = [
    ...readdirSync(docs)
      .filter((n) => n.endsWith('.md') && n !== 'catalog.md')
      .map((n) => join(docs, n)),
    ...readdirSync(join(docs, 'zh'))
      .filter((n) => n.endsWith('.md') && n !== 'catalog.md')
      .map((n) => join(docs, 'zh', n)),
  ];
  const changed = [];
  for (const file of guides) {
    const text = readFileSync(file, 'utf8');
    const next = linkIds(text);
    if (next !== text) {
      changed.push(file);
      if (!check) writeFileSync(file, next);
    }
  }
  if (check && changed.length > 0) {
    console.error(`unlinked rule ids in: ${changed.join(', ')} (run node docs/rules/link-ids.mjs)`);
    process.exit(1);
  }
  console.log(changed.length === 0 ? 'every cited rule id is linked' : changed.join('\n'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
