// The guides exist in English and in Chinese, and a reader can follow them (issue 20):
//
// - every guide has its counterpart: README.md ↔ README.zh-CN.md, docs/<name>.md ↔ docs/zh/<name>.md;
// - README.zh-CN.md repeats the code blocks of README.md's Quick start and Using it verbatim;
// - each links to its counterpart before its first section (`[中文](zh/<name>.md)` in the English
//   guide, `[English](../<name>.md)` in the Chinese one; `[中文](README.zh-CN.md)` / `[English](README.md)`);
// - every relative link of every guide (README*.md, docs/**/*.md except the generated API site) points
//   at a file or directory that exists, and a `#anchor` into a Markdown file names one of its headings;
// - the Chinese guides are Chinese: at least 40 % of their letters outside code (fenced blocks, inline
//   code, link targets, HTML comments) are CJK characters, so an untranslated copy fails.
//
// - the Chinese guide is in step with the English one (`stepProblems`): the same sequence of `##`/`###`/
//   `####` headings by level; the same number of tables, each with the same number of rows; the same
//   fenced code blocks in order, each with the same info string; the same set of catalog rule ids and of
//   relative link targets (the Chinese guide's `docs/zh/<name>.md` counting as `docs/<name>.md`, and a
//   Chinese link to an English guide that has a Chinese version being a difference).
//
// PENDING lists the Chinese guides still being written: their English guide is reported, not failed,
// and a PENDING name whose Chinese guide now exists fails the check, so the list only shrinks.
// STEP_PENDING lists the pairs not yet in step: reported, not failed; a name listed whose pair is now in
// step fails the check, so that list only shrinks too.
//
//   node scripts/check-guides.mjs                       checks this checkout (PENDING applies)
//   node scripts/check-guides.mjs --root <dir>          checks another tree (no PENDING list)
//   node scripts/check-guides.mjs --root <dir> --pending a.md,b.md
//   node scripts/check-guides.mjs --root <dir> --step-pending sla.md,README.zh-CN.md
//   node scripts/check-guides.mjs --verbose             also prints each difference of a STEP_PENDING pair
//   node scripts/check-guides.mjs --json                prints { problems, pending, notes, step, guides }
//                                                       (step: { guide, pending, problems }[] per pair out of step)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Chinese guides not written yet, by file name under docs/ (only shrinks). */
export const PENDING = [];

/** The smallest share of CJK characters among the letters of a Chinese guide's prose. */
export const MIN_CJK_SHARE = 0.4;

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;
const LATIN = /[A-Za-z]/g;

/** The lines of a Markdown text outside fenced code blocks, with their line numbers (from 1). */
export function proseLines(markdown) {
  const out = [];
  let fence = null;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const f = /^\s*(`{3,}|~{3,})/.exec(lines[i]);
    if (f) {
      if (fence === null) fence = f[1];
      else if (f[1].startsWith(fence)) fence = null;
      continue;
    }
    if (fence === null) out.push({ text: lines[i], line: i + 1 });
  }
  return out;
}

/** The prose of a Markdown text: no fenced code, inline code, link targets or HTML comments. */
export function prose(markdown) {
  return proseLines(markdown)
    .map((l) => l.text)
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ');
}

/** The share of CJK characters among the CJK characters and Latin letters of a text's prose. */
export function cjkShare(markdown) {
  const text = prose(markdown);
  const cjk = text.match(CJK)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return cjk + latin === 0 ? 0 : cjk / (cjk + latin);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (repeated headings get -1, -2 … as on GitHub). */
export function anchors(markdown) {
  const seen = new Map();
  const out = new Set();
  for (const { text: line } of proseLines(markdown)) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = slug(h[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1]);
  return out;
}

/** The links `[text](target)` of a Markdown text outside code, with their line numbers. */
export function links(markdown) {
  const out = [];
  for (const { text: line, line: n } of proseLines(markdown)) {
    const text = line.replace(/`[^`]*`/g, '').replace(/<!--.*?-->/g, '');
    for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      out.push({ target: m[1], line: n });
    }
  }
  return out;
}

/** The fenced code blocks (fences included) of the `## ` sections of a Markdown text whose title is in `titles`. */
export function sectionBlocks(markdown, titles) {
  const out = [];
  let section = null;
  let block = null;
  for (const line of markdown.split('\n')) {
    if (block !== null) {
      block.push(line);
      if (/^\s*(`{3,}|~{3,})\s*$/.test(line) && line.trim().startsWith(block[0].trim().slice(0, 3))) {
        if (titles.includes(section)) out.push(block.join('\n'));
        block = null;
      }
      continue;
    }
    const h = /^##\s+(.*?)\s*$/.exec(line);
    if (h) section = h[1];
    else if (/^\s*(`{3,}|~{3,})/.test(line)) block = [line];
  }
  return out;
}

/** The sections of README.md whose commands and code README.zh-CN.md repeats verbatim. */
export const README_VERBATIM = ['Quick start', 'Using it'];

const isExternal = (target) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

function listMarkdown(dir, deep, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (deep && e.name !== 'api' && !e.name.startsWith('.') && e.name !== 'node_modules')
        listMarkdown(p, deep, out);
    } else if (e.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

/** Whether the lines before the first `## ` section (and within the first 12 lines) link to `target`. */
function linksAtTop(markdown, target) {
  const head = [];
  for (const line of markdown.split('\n').slice(0, 12)) {
    if (/^##\s/.test(line)) break;
    head.push(line);
  }
  return links(head.join('\n')).some((l) => l.target === target);
}

/**
 * Guides whose Chinese version is not yet in step with the English one (see `stepProblems`), by the
 * name PENDING uses (`sla.md` for docs/zh/sla.md, `README.zh-CN.md` for the README): reported, not
 * failed. Only shrinks: a name listed whose pair is now in step fails the check.
 */
export const STEP_PENDING = [];

/** A catalog rule id, as scripts/catalog-coverage.mjs and docs/rules/link-ids.mjs read them. */
const RULE_ID = /(?<![A-Za-z0-9])S\d+[A-Z]?-[A-Z]+-\d+(?![0-9])/g;

/**
 * The outline of a Markdown text the step rule compares: its `##`–`####` headings, its tables (rows,
 * header included, separator not), its fenced code blocks (info string), the catalog rule ids it names
 * (anywhere, code included) and its relative link targets (outside code, anchor and title dropped).
 *
 * @param {string} markdown
 * @returns {{ headings: { level: number, text: string, line: number }[], tables: { rows: number, line: number }[], blocks: { info: string, line: number }[], ids: Set<string>, links: { target: string, line: number }[] }}
 */
export function outline(markdown) {
  const headings = [];
  const tables = [];
  const blocks = [];
  const lines = markdown.split('\n');
  let fence = null;
  let table = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const f = /^\s*(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
    if (fence !== null) {
      if (f?.[1].startsWith(fence) && line.trim() === f[1]) fence = null;
      continue;
    }
    if (f) {
      fence = f[1];
      blocks.push({ info: f[2], line: i + 1 });
      table = null;
      continue;
    }
    const h = /^(#{2,4})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) headings.push({ level: h[1].length, text: h[2], line: i + 1 });
    if (/^\s*\|/.test(line)) {
      if (table === null) {
        const next = lines[i + 1] ?? '';
        if (/^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(next) && next.includes('-')) {
          table = { rows: 1, line: i + 1 };
          tables.push(table);
          i++;
        }
      } else table.rows++;
    } else table = null;
  }
  return {
    headings,
    tables,
    blocks,
    ids: new Set(markdown.match(RULE_ID) ?? []),
    links: links(markdown).filter((l) => !isExternal(l.target) && !l.target.startsWith('#')),
  };
}

/** The guide a relative link points at, from the checkout's root, with the Chinese side mapped to English. */
function linkedGuide(from, target) {
  const hash = target.indexOf('#');
  const path = decodeURI(hash < 0 ? target : target.slice(0, hash));
  if (path === '') return undefined;
  const dest = normalize(join(dirname(from), path))
    .split(sep)
    .join('/');
  return dest;
}
const toEnglish = (p) => (p === 'README.zh-CN.md' ? 'README.md' : p.replace(/^docs\/zh\//, 'docs/'));

/**
 * The differences that put a Chinese guide out of step with its English original (issue 20), in words:
 *
 * 1. the same sequence of `##` / `###` / `####` headings by level;
 * 2. the same number of Markdown tables, each (in order) with the same number of rows;
 * 3. the same number of fenced code blocks, each (in order) with the same info string;
 * 4. the same set of catalog rule ids, and the same set of relative links to other guides and files
 *    (anchors aside; the Chinese guide's links to `docs/zh/<name>.md` count as links to `docs/<name>.md`,
 *    and, given `exists`, a Chinese link to an English guide that has a Chinese version is a difference).
 *
 * @param {string} enText the English guide
 * @param {string} zhText its Chinese version
 * @param {{ en?: string, zh?: string, exists?: (path: string) => boolean }} [options] the two files'
 *   paths from the checkout's root (default `docs/guide.md`, `docs/zh/guide.md`) and a test for a file
 *   of the checkout
 * @returns {string[]} one sentence per difference (empty when the two are in step)
 * @example
 * stepProblems('## A\n\n## B\n', '## 甲\n');
 * // → ['headings: 2 sections (##–####) in English, 1 in Chinese; the first difference is heading 2: "## B" (line 3) in English, none in Chinese']
 */
export function stepProblems(enText, zhText, options = {}) {
  const enFile = options.en ?? 'docs/guide.md';
  const zhFile = options.zh ?? 'docs/zh/guide.md';
  const en = outline(enText);
  const zh = outline(zhText);
  const out = [];

  const hs = (h) => (h ? `"${'#'.repeat(h.level)} ${h.text}" (line ${h.line})` : 'none');
  const at = en.headings.findIndex((h, i) => zh.headings[i]?.level !== h.level);
  const firstH = at >= 0 ? at : en.headings.length < zh.headings.length ? en.headings.length : -1;
  if (firstH >= 0) {
    out.push(
      `headings: ${en.headings.length} sections (##–####) in English, ${zh.headings.length} in Chinese; the first difference is heading ${firstH + 1}: ${hs(en.headings[firstH])} in English, ${hs(zh.headings[firstH])} in Chinese`,
    );
  }

  if (en.tables.length !== zh.tables.length) {
    out.push(`tables: ${en.tables.length} in English, ${zh.tables.length} in Chinese`);
  }
  for (let i = 0; i < Math.min(en.tables.length, zh.tables.length); i++) {
    if (en.tables[i].rows !== zh.tables[i].rows) {
      out.push(
        `table ${i + 1}: ${en.tables[i].rows} rows in English (line ${en.tables[i].line}), ${zh.tables[i].rows} in Chinese (line ${zh.tables[i].line})`,
      );
    }
  }

  if (en.blocks.length !== zh.blocks.length) {
    out.push(`code blocks: ${en.blocks.length} in English, ${zh.blocks.length} in Chinese`);
  }
  for (let i = 0; i < Math.min(en.blocks.length, zh.blocks.length); i++) {
    if (en.blocks[i].info !== zh.blocks[i].info) {
      out.push(
        `code block ${i + 1}: \`\`\`${en.blocks[i].info} in English (line ${en.blocks[i].line}), \`\`\`${zh.blocks[i].info} in Chinese (line ${zh.blocks[i].line})`,
      );
      break;
    }
  }

  const onlyIn = (a, b) => [...a].filter((x) => !b.has(x)).sort();
  const idsEn = onlyIn(en.ids, zh.ids);
  const idsZh = onlyIn(zh.ids, en.ids);
  if (idsEn.length > 0) out.push(`rule ids only in English: ${idsEn.join(', ')}`);
  if (idsZh.length > 0) out.push(`rule ids only in Chinese: ${idsZh.join(', ')}`);

  // Links, with the counterpart links at the top left out.
  const enLinks = new Set();
  for (const l of en.links) {
    const dest = linkedGuide(enFile, l.target);
    if (dest !== undefined && dest !== zhFile) enLinks.add(toEnglish(dest));
  }
  const zhLinks = new Set();
  for (const l of zh.links) {
    const dest = linkedGuide(zhFile, l.target);
    if (dest === undefined || dest === enFile) continue;
    zhLinks.add(toEnglish(dest));
    const zhOf =
      dest === 'README.md' ? 'README.zh-CN.md' : dest.replace(/^docs\/(?!zh\/)([^/]+\.md)$/, 'docs/zh/$1');
    if (options.exists && zhOf !== dest && toEnglish(zhOf) === dest && options.exists(zhOf)) {
      out.push(`line ${l.line}: the Chinese guide links to ${dest}, which has a Chinese version ${zhOf}`);
    }
  }
  const linksEn = onlyIn(enLinks, zhLinks);
  const linksZh = onlyIn(zhLinks, enLinks);
  if (linksEn.length > 0) out.push(`links only in English: ${linksEn.join(', ')}`);
  if (linksZh.length > 0) out.push(`links only in Chinese: ${linksZh.join(', ')}`);
  return out;
}

/**
 * Checks the guides under `root`.
 *
 * @param {string} root the checkout (README.md, docs/)
 * @param {{ pending?: readonly string[], stepPending?: readonly string[] }} [options] Chinese guides
 *   still being written, and guides whose Chinese version is not yet in step with the English one
 * @returns {{ problems: string[], pending: string[], notes: string[], step: { guide: string, pending: boolean, problems: string[] }[], guides: number }}
 */
export function checkGuides(root, options = {}) {
  const pending = new Set(options.pending ?? []);
  const stepPending = new Set(options.stepPending ?? []);
  const step = [];
  const pairNames = new Set();
  const problems = [];
  const reported = [];
  const notes = [];
  const rel = (p) => relative(root, p).split(sep).join('/');
  const docs = join(root, 'docs');
  const zh = join(docs, 'zh');

  // Pairs: [English, Chinese, link from English, link from Chinese].
  const pairs = [];
  const readme = join(root, 'README.md');
  const readmeZh = join(root, 'README.zh-CN.md');
  if (existsSync(readme) || existsSync(readmeZh)) {
    pairs.push([readme, readmeZh, 'README.zh-CN.md', 'README.md']);
  }
  const names = new Set([
    ...listMarkdown(docs, false).map((p) => p.slice(docs.length + 1)),
    ...listMarkdown(zh, false).map((p) => p.slice(zh.length + 1)),
  ]);
  for (const name of [...names].sort()) {
    pairs.push([join(docs, name), join(zh, name), `zh/${name}`, `../${name}`]);
  }

  for (const [en, cn, toCn, toEn] of pairs) {
    const name = rel(cn).replace(/^docs\/zh\//, '');
    const hasEn = existsSync(en);
    const hasCn = existsSync(cn);
    if (pending.has(name)) {
      if (hasCn) problems.push(`${rel(cn)} exists now: take ${name} off PENDING in scripts/check-guides.mjs`);
      else reported.push(`${rel(cn)} (pending: the Chinese guide of ${rel(en)})`);
      continue;
    }
    if (!hasEn) problems.push(`${rel(cn)} has no English counterpart ${rel(en)}`);
    if (!hasCn) problems.push(`${rel(en)} has no Chinese counterpart ${rel(cn)}`);
    if (hasEn && hasCn) {
      const enText = readFileSync(en, 'utf8');
      const cnText = readFileSync(cn, 'utf8');
      if (!linksAtTop(enText, toCn)) {
        problems.push(`${rel(en)}: no link to its Chinese counterpart at the top: [中文](${toCn})`);
      }
      if (!linksAtTop(cnText, toEn)) {
        problems.push(`${rel(cn)}: no link to its English counterpart at the top: [English](${toEn})`);
      }
      // The Chinese guide is in step with the English one.
      pairNames.add(name);
      const differences = stepProblems(enText, cnText, {
        en: rel(en),
        zh: rel(cn),
        exists: (p) => existsSync(join(root, p)),
      });
      const isPending = stepPending.has(name);
      if (differences.length > 0) step.push({ guide: rel(cn), pending: isPending, problems: differences });
      if (isPending && differences.length === 0) {
        problems.push(
          `${rel(cn)} is in step with ${rel(en)} now: take ${name} off STEP_PENDING in scripts/check-guides.mjs`,
        );
      }
      if (!isPending) {
        for (const d of differences) problems.push(`${rel(cn)} is out of step with ${rel(en)}: ${d}`);
      }
    }
  }
  for (const name of pending) {
    if (!names.has(name)) problems.push(`PENDING names ${name}, which is no guide under docs/: take it off`);
  }
  for (const name of stepPending) {
    if (!pairNames.has(name) && !pending.has(name)) {
      problems.push(`STEP_PENDING names ${name}, which is no pair of guides: take it off`);
    }
  }

  // The Chinese README gives the same commands and code as the English one.
  if (existsSync(readme) && existsSync(readmeZh)) {
    const zhText = readFileSync(readmeZh, 'utf8');
    for (const block of sectionBlocks(readFileSync(readme, 'utf8'), README_VERBATIM)) {
      if (!zhText.includes(block)) {
        const first = block.split('\n')[1] ?? '';
        problems.push(
          `README.zh-CN.md: does not repeat verbatim a code block of README.md (${first.trim().slice(0, 60)} …)`,
        );
      }
    }
  }

  // Chinese guides are Chinese.
  for (const file of [readmeZh, ...listMarkdown(zh, true)]) {
    if (!existsSync(file)) continue;
    const share = cjkShare(readFileSync(file, 'utf8'));
    if (share < MIN_CJK_SHARE) {
      problems.push(
        `${rel(file)}: ${(share * 100).toFixed(1)} % of its prose is Chinese (at least ${MIN_CJK_SHARE * 100} %): is it translated?`,
      );
    }
  }

  // Relative links resolve.
  const guides = [readme, readmeZh, ...listMarkdown(docs, true)].filter((f) => existsSync(f));
  const anchorCache = new Map();
  const anchorsOf = (file) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchors(readFileSync(file, 'utf8')));
    return anchorCache.get(file);
  };
  for (const file of guides) {
    for (const { target, line } of links(readFileSync(file, 'utf8'))) {
      if (isExternal(target)) continue;
      const hash = target.indexOf('#');
      const path = decodeURI(hash < 0 ? target : target.slice(0, hash));
      const anchor = hash < 0 ? '' : decodeURIComponent(target.slice(hash + 1));
      const dest = path === '' ? file : normalize(join(dirname(file), path));
      if (!existsSync(dest)) {
        const zhName = rel(dest).startsWith('docs/zh/') ? rel(dest).slice('docs/zh/'.length) : undefined;
        if (zhName !== undefined && pending.has(zhName)) {
          notes.push(`${rel(file)}:${line} links to ${rel(dest)} (pending)`);
          continue;
        }
        problems.push(`${rel(file)}:${line}: link to a missing file: ${target}`);
        continue;
      }
      if (anchor && dest.endsWith('.md') && statSync(dest).isFile() && !anchorsOf(dest).has(anchor)) {
        problems.push(`${rel(file)}:${line}: no heading #${anchor} in ${rel(dest)}`);
      }
    }
  }
  return { problems, pending: reported, notes, step, guides: guides.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const args = process.argv.slice(2);
  const at = (flag) => {
    const i = args.indexOf(flag);
    return i < 0 ? undefined : args[i + 1];
  };
  const rootArg = at('--root');
  const root = rootArg ?? join(dirname(fileURLToPath(import.meta.url)), '..');
  const pendingArg = at('--pending');
  const pending = pendingArg !== undefined ? pendingArg.split(',').filter(Boolean) : rootArg ? [] : PENDING;
  const stepArg = at('--step-pending');
  const stepPending =
    stepArg !== undefined ? stepArg.split(',').filter(Boolean) : rootArg ? [] : STEP_PENDING;
  const result = checkGuides(root, { pending, stepPending });
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    for (const p of result.pending) console.log(`check-guides: pending ${p}`);
    for (const n of result.notes) console.log(`check-guides: note ${n}`);
    for (const s of result.step.filter((x) => x.pending)) {
      console.log(
        `check-guides: step pending ${s.guide} (${s.problems.length} difference(s) from the English guide)`,
      );
      if (args.includes('--verbose')) for (const d of s.problems) console.log(`  ${d}`);
    }
    for (const p of result.problems) console.error(`check-guides: ${p}`);
    if (result.problems.length === 0) {
      console.log(
        `check-guides: ${result.guides} guides, every one in English and Chinese (${result.pending.length} Chinese guide(s) pending), links resolve, ${result.step.filter((x) => x.pending).length} pair(s) pending the step check`,
      );
    }
  }
  process.exit(result.problems.length === 0 ? 0 : 1);
}
