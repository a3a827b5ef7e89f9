import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, EXIT, type CliIO } from './io.js';

/** The file name that stands for standard input wherever a command reads a file. */
export const STDIN = '-';

/** How a file named on the command line is called in messages: `<stdin>` for `-`. */
export function displayName(path: string): string {
  return path === STDIN ? '<stdin>' : path;
}

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

/** Standard input streams already read to their end: a stream can be read once. */
const consumed = new WeakSet<object>();

/**
 * The standard input of this invocation, claimed for one reader: a second `-` on the same command
 * line is a usage error, since the first reader takes everything.
 */
export function claimStdin(io: CliIO, what: string): AsyncIterable<string | Uint8Array> {
  if (!io.stdin)
    throw new CliError(`There is no standard input to read ${what} from; give a file instead of -.`, EXIT.usage);
  if (consumed.has(io.stdin)) {
    throw new CliError(
      `Only one file can come from standard input (-), and it is already read; give ${what} as a file.`,
      EXIT.usage,
    );
  }
  consumed.add(io.stdin);
  return io.stdin;
}

/**
 * All of standard input as text. The bytes are joined before they are decoded, so a character
 * whose bytes arrive in two chunks is read whole.
 */
export async function readStdin(io: CliIO, what: string): Promise<string> {
  const stream = claimStdin(io, what);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  } catch (err) {
    throw new CliError(`cannot read standard input: ${fileErrorReason(err)}.`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a text file named on the command line, or standard input for `-`. A file that cannot be
 * read throws the file system's error (see `fileErrorReason`); standard input, a `CliError`.
 */
export async function readInput(path: string, io: CliIO, what: string): Promise<string> {
  return path === STDIN ? readStdin(io, what) : readFile(resolve(io.cwd, path), 'utf8');
}

/** `readInput`, where a failure is a user error naming what was expected. */
export async function readInputFile(path: string, io: CliIO, what: string): Promise<string> {
  try {
    return await readInput(path, io, what);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${path}: ${fileErrorReason(err)}. Give the path of ${what}.`, EXIT.failure);
  }
}
