import { createRequire } from 'node:module';
import { PACKAGE_ROOT } from './package-root.js';

/** The CLI package's version (`phasegate --version`), read from its package.json. */
export const VERSION: string = (createRequire(PACKAGE_ROOT)('./package.json') as { version: string }).version;
