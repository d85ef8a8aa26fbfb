import { type Lang, parseLang } from '@zhidu/core';

/**
 * The language of the environment's locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
 * set (POSIX order). A `zh*` locale is Chinese, any other named locale English; no locale, or the
 * `C` / `POSIX` locale (no language chosen), is `undefined`: both languages are printed,
 * "中文 / English".
 *
 * @param env - environment variables
 * @returns `'zh-CN'`, `'en'`, or `undefined` for both
 * @example
 * envLang({ LANG: 'zh_CN.UTF-8' }); //=> 'zh-CN'
 * envLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }); //=> 'en'
 * envLang({ LANG: 'C.UTF-8' }); //=> undefined
 */
export function envLang(env: Record<string, string | undefined>): Lang | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (typeof value !== 'string' || value === '') continue;
    if (/^(C|POSIX)([.@]|$)/i.test(value)) return undefined;
    return /^zh/i.test(value) ? 'zh-CN' : 'en';
  }
  return undefined;
}

/**
 * Takes `--lang <lang>` / `--lang=<lang>` out of the arguments (before a `--`): the language of
 * traces and errors for every command (without it, the environment's, see {@link envLang}). An
 * unknown language is refused (`invalid_input` at `lang`).
 *
 * @param args - the command line
 * @param env - environment variables, for the default
 * @returns the other arguments and the language (`undefined`: both)
 * @example
 * takeLang(['evaluate', 'sla.timers', '--lang', 'zh-CN'], {}); //=> { args: ['evaluate', 'sla.timers'], lang: 'zh-CN' }
 */
export function takeLang(
  args: readonly string[],
  env: Record<string, string | undefined>,
): { args: string[]; lang: Lang | undefined } {
  const rest: string[] = [];
  let value: string | undefined;
  let given = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a === '--lang') {
      given = true;
      value = args[i + 1] ?? '';
      i++;
    } else if (a.startsWith('--lang=')) {
      given = true;
      value = a.slice('--lang='.length);
    } else rest.push(a);
  }
  return { args: rest, lang: given ? parseLang(value) : envLang(env) };
}
