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
// PENDING lists the Chinese guides still being written: their English guide is reported, not failed,
// and a PENDING name whose Chinese guide now exists fails the check, so the list only shrinks.
//
//   node scripts/check-guides.mjs                       checks this checkout (PENDING applies)
//   node scripts/check-guides.mjs --root <dir>          checks another tree (no PENDING list)
//   node scripts/check-guides.mjs --root <dir> --pending a.md,b.md
//   node scripts/check-guides.mjs --json                prints { problems, pending, notes, guides }
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
 * Checks the guides under `root`.
 *
 * @param {string} root the checkout (README.md, docs/)
 * @param {{ pending?: readonly string[] }} [options] Chinese guides still being written
 * @returns {{ problems: string[], pending: string[], notes: string[], guides: number }}
 */
export function checkGuides(root, options = {}) {
  const pending = new Set(options.pending ?? []);
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
      if (!linksAtTop(readFileSync(en, 'utf8'), toCn)) {
        problems.push(`${rel(en)}: no link to its Chinese counterpart at the top: [中文](${toCn})`);
      }
      if (!linksAtTop(readFileSync(cn, 'utf8'), toEn)) {
        problems.push(`${rel(cn)}: no link to its English counterpart at the top: [English](${toEn})`);
      }
    }
  }
  for (const name of pending) {
    if (!names.has(name)) problems.push(`PENDING names ${name}, which is no guide under docs/: take it off`);
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
  return { problems, pending: reported, notes, guides: guides.length };
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
  const result = checkGuides(root, { pending });
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    for (const p of result.pending) console.log(`check-guides: pending ${p}`);
    for (const n of result.notes) console.log(`check-guides: note ${n}`);
    for (const p of result.problems) console.error(`check-guides: ${p}`);
    if (result.problems.length === 0) {
      console.log(
        `check-guides: ${result.guides} guides, every one in English and Chinese (${result.pending.length} Chinese guide(s) pending), links resolve`,
      );
    }
  }
  process.exit(result.problems.length === 0 ? 0 : 1);
}
