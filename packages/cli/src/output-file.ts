import { statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileErrorReason } from './input-file.js';
import { CliError, EXIT } from './io.js';

/**
 * Checks, before any work is done, that `path` can be written: its directory exists and it is
 * not itself a directory. A long simulation should not end in "cannot write the report".
 */
export function checkOutputPath(path: string, cwd: string, option: string): void {
  const target = resolve(cwd, path);
  const dir = dirname(target);
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch {
    throw new CliError(
      `${option} ${path}: the directory ${dir} does not exist. Create it first, or write the file elsewhere.`,
      EXIT.usage,
    );
  }
  if (!dirStat.isDirectory()) throw new CliError(`${option} ${path}: ${dir} is not a directory.`, EXIT.usage);
  try {
    if (statSync(target).isDirectory())
      throw new CliError(
        `${option} ${path} is a directory; give a file name, e.g. ${option} ${path.replace(/\/?$/, '/report.html')}.`,
        EXIT.usage,
      );
  } catch (err) {
    if (err instanceof CliError) throw err;
    // Not there yet: it will be created.
  }
}

/**
 * Writes a whole file atomically: beside it first, then renamed over it, so an interrupted or
 * failed write never leaves half a file. Failures are user errors with the system's reason.
 */
export async function writeOutputFile(path: string, cwd: string, text: string): Promise<void> {
  const target = resolve(cwd, path);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new CliError(`cannot write ${path}: ${fileErrorReason(err, true)}.`);
  }
}
