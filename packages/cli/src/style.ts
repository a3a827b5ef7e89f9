import type { DiagnosticStyle } from '@phasegate/dsl';
import picocolors from 'picocolors';
import type { CliIO, Writable } from './io.js';

/**
 * Whether to colour what goes to `stream`: on a terminal, unless `NO_COLOR` is set to anything
 * (https://no-color.org) or `TERM` is `dumb`; never when piped or redirected, unless
 * `FORCE_COLOR` is set (to anything but `0`). `NO_COLOR` wins over `FORCE_COLOR`.
 */
export function colorEnabled(stream: Writable, env: CliIO['env']): boolean {
  const noColor = env?.['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = env?.['FORCE_COLOR'];
  if (force !== undefined) return force !== '0';
  return stream.isTTY === true && env?.['TERM'] !== 'dumb';
}

/** The few colours the CLI uses, as functions that return their text unchanged when colour is off. */
export interface Styles {
  readonly diagnostic: DiagnosticStyle;
  /** `ok`, what went well. */
  readonly good: (text: string) => string;
  /** `3 errors`, `phasegate:` before a message that stops a command. */
  readonly bad: (text: string) => string;
  /** Warnings, and what needs attention but is not an error. */
  readonly warn: (text: string) => string;
  /** Headings. */
  readonly strong: (text: string) => string;
  /** Secondary text: examples' explanations, line numbers. */
  readonly faint: (text: string) => string;
}

/** The styles for one output stream of one invocation. */
export function stylesFor(stream: Writable, env: CliIO['env']): Styles {
  const c = picocolors.createColors(colorEnabled(stream, env));
  const error = (text: string): string => c.bold(c.red(text));
  return {
    diagnostic: {
      error,
      warning: (text) => c.bold(c.yellow(text)),
      note: (text) => c.bold(c.cyan(text)),
      help: (text) => c.bold(c.green(text)),
      gutter: (text) => c.blue(text),
      message: (text) => c.bold(text),
    },
    good: c.green,
    bad: error,
    warn: c.yellow,
    strong: c.bold,
    faint: c.dim,
  };
}
