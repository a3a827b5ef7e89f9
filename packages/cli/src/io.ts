/**
 * What the CLI touches of the outside world, injected so that tests run `main` with fake streams.
 */
export interface Writable {
  write(chunk: string): unknown;
  /** Present on terminals: progress bars and colours are used only then. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /**
   * Read by commands that accept `-` for standard input: `process.stdin`, or any stream or async
   * iterable of text or bytes. (Typed by what is used of it, so the published declarations need no
   * Node types.)
   */
  readonly stdin?: AsyncIterable<string | Uint8Array>;
  /** Paths are resolved against this directory. */
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
}

/** Exit codes, stable for scripts. */
export const EXIT = {
  ok: 0,
  /** The input has errors (diagnostics, rejected events, a failed --check). */
  failure: 1,
  /** The command line itself is wrong. */
  usage: 2,
  /** Something unexpected broke inside phasegate: a bug, reported as such. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by commands to stop with a user-facing message (no stack trace is printed). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
  }
}
