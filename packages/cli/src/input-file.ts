import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT, type CliIO } from './io.js';

/**
 * Why a file could not be read or written, in a few words for the user (`no such file`,
 * `permission denied`), from the error Node's file system calls throw.
 */
export function fileErrorReason(err: unknown, writing = false): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return writing ? 'its directory does not exist' : 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

/** Reads a text file named on the command line; a failure is a user error naming what was expected. */
export async function readInputFile(path: string, io: CliIO, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${fileErrorReason(err)}. Give the path of ${what}.`, EXIT.failure);
  }
}
