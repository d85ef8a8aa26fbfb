import type { Lang } from '@zhidu/core';

/**
 * The language an `Accept-Language` header asks for: the highest-q language zhidu has — any `zh`
 * tag (`zh`, `zh-CN`, `zh-Hans` …) is `zh-CN`, any `en` tag `en`; `q=0` refuses a language. A header
 * naming only languages zhidu lacks gets `en`; no header, or only `*`, `undefined`: the message keeps
 * both languages ("中文 / English"). Never throws.
 *
 * @param header - the `Accept-Language` header
 * @returns the language, or `undefined` for both
 * @example
 * acceptLanguage('zh-CN,zh;q=0.9,en;q=0.8'); //=> 'zh-CN'
 * acceptLanguage('en;q=0.5, zh-Hans;q=0.9'); //=> 'zh-CN'
 * acceptLanguage('fr-FR'); //=> 'en'
 * acceptLanguage(undefined); //=> undefined
 */
export function acceptLanguage(header: string | undefined | null): Lang | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const ranges = header
    .slice(0, 1024)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      let q = 1;
      for (const p of params) {
        const m = /^\s*q\s*=\s*([0-9](?:\.[0-9]{0,3})?)\s*$/i.exec(p);
        if (m) q = Math.min(1, Number(m[1]));
      }
      return { tag: tag.trim().toLowerCase(), q, index };
    })
    .filter((r) => r.tag !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  let named = false;
  for (const { tag } of ranges) {
    if (tag === '*') continue;
    named = true;
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return named ? 'en' : undefined;
}
