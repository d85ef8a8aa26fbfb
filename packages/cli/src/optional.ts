import { ZhiduError } from '@zhidu/core';

/**
 * Loads a package the CLI keeps out of its default install (an optional peer dependency): the store
 * and its database drivers for `replay`, the HTTP server for `serve`. `npx @zhidu/cli deadline …`
 * then stays small; a command that needs one says what to install.
 *
 * @param name - the package
 * @param command - the command that needs it (for the message)
 * @param load - the import (a literal `import('…')`, so bundlers and type-checkers see it)
 * @throws ZhiduError `missing_dependency` when the package is not installed
 */
export async function optionalPackage<T>(name: string, command: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new ZhiduError(
        'missing_dependency',
        ['command', command],
        `zhidu ${command} 需要 ${name}：npm install ${name} / zhidu ${command} needs ${name}: npm install ${name}`,
        { package: name },
      );
    }
    throw e;
  }
}
