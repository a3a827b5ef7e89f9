/**
 * Printing diagnostics: a compiler-style frame for people, a flat JSON object for tools.
 * Both compute lines and columns here, from offsets, at print time.
 */
import type { Span } from './ast.js';
import type { Diagnostic, Severity } from './diagnostic.js';
import { LineIndex, type LineColumn } from './line-index.js';
import { textWidth } from './text-width.js';

/** Shows tabs as this many spaces so carets line up whatever the terminal's tab stops. */
const TAB = '    ';

/** A source line wider than this is cut around the mark: so many columns before, the rest after. */
const LINE_WIDTH = 120;
const BEFORE_WIDTH = 50;
const AFTER_WIDTH = LINE_WIDTH - BEFORE_WIDTH;

/** Tabs as spaces, control characters as U+FFFD: what is printed must not move the cursor. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- on purpose: these are the characters to replace
  return text.replace(/\t/g, TAB).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd');
}

/** Whole user-perceived characters, so a cut never splits an emoji sequence or a flag. */
const graphemes = (text: string): string[] => Array.from(new Intl.Segmenter().segment(text), (s) => s.segment);

/** The first characters of `text` that fit in `width` columns. */
function head(text: string, width: number): string {
  let out = '';
  for (const ch of graphemes(text)) {
    if (textWidth(out + ch) > width) break;
    out += ch;
  }
  return out;
}

/** The last characters of `text` that fit in `width` columns. */
function tail(text: string, width: number): string {
  const chars = graphemes(text);
  let out = '';
  for (let i = chars.length - 1; i >= 0; i--) {
    if (textWidth(chars[i] + out) > width) break;
    out = chars[i] + out;
  }
  return out;
}

/**
 * How to colour a rendered diagnostic: each function wraps one piece of text, in ANSI escapes for
 * a terminal (the CLI passes picocolors' functions), in HTML tags for a page, or not at all.
 */
export interface DiagnosticStyle {
  /** `error[PG200]` and the carets under an error. */
  readonly error: (text: string) => string;
  /** `warning[PG402]` and the carets under a warning. */
  readonly warning: (text: string) => string;
  /** `note:` and the carets under a related span. */
  readonly note: (text: string) => string;
  /** `help:`. */
  readonly help: (text: string) => string;
  /** The line numbers and the `|` beside the source. */
  readonly gutter: (text: string) => string;
  /** The message itself. */
  readonly message: (text: string) => string;
}

const PLAIN_TEXT = (text: string): string => text;

/** No colour: what `renderDiagnostic` uses unless given a style. */
export const PLAIN: DiagnosticStyle = {
  error: PLAIN_TEXT,
  warning: PLAIN_TEXT,
  note: PLAIN_TEXT,
  help: PLAIN_TEXT,
  gutter: PLAIN_TEXT,
  message: PLAIN_TEXT,
};

function frame(
  index: LineIndex,
  span: Span,
  gutter: number,
  style: DiagnosticStyle,
  mark: (text: string) => string,
): string[] {
  const text = index.text;
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  const line = index.lineOf(start);
  const source = index.lineText(line);
  const lineStart = index.lineStart(line);
  const lastOnLine = lineStart + source.length;
  // A span running over several lines is underlined to the end of its first line.
  const markEnd = Math.min(end, lastOnLine);
  let before = printable(text.slice(lineStart, start));
  let marked = printable(text.slice(start, markEnd));
  let after = printable(text.slice(markEnd, lastOnLine));
  // A very long line (minified, generated, or not a .phase file at all) is cut around the mark.
  if (textWidth(before + marked + after) > LINE_WIDTH) {
    if (textWidth(before) > BEFORE_WIDTH) before = `…${tail(before, BEFORE_WIDTH - 1)}`;
    if (textWidth(marked) > AFTER_WIDTH) {
      marked = head(marked, AFTER_WIDTH);
      after = '…';
    } else if (textWidth(marked + after) > AFTER_WIDTH) {
      after = `${head(after, AFTER_WIDTH - textWidth(marked) - 1)}…`;
    }
  }
  const pad = ' '.repeat(textWidth(before));
  const carets = '^'.repeat(Math.max(1, textWidth(marked)));
  const more = end > lastOnLine + 1 ? ' …' : '';
  const number = String(line).padStart(gutter);
  const bar = style.gutter(`${' '.repeat(gutter)} |`);
  return [
    bar,
    `${style.gutter(`${number} |`)} ${before}${marked}${after}`.trimEnd(),
    `${bar} ${pad}${mark(carets)}${more}`,
  ];
}

function where(path: string, at: LineColumn): string {
  return `${path}:${at.line}:${at.column}`;
}

/**
 * Renders one diagnostic as text for a terminal:
 *
 * ```text
 * first-batch.phase:21:5: error[PG100]: `windw` is not a keyword here; did you mean `window`?
 *    |
 * 21 |     windw 2005-01-20 .. 2005-03-05
 *    |     ^^^^^
 * help: in phase `study`, expected `window`, `amend`, `step`, `gate`, `checkpoint` or `when`
 * ```
 *
 * Related spans follow as `note:` lines with their own frame; columns are counted by `textWidth`
 * (wide CJK characters and emoji take two) so the carets sit under the right text. The result
 * ends without a newline. With a `style`, its parts are coloured; the text between the colours
 * is the same.
 *
 * @example
 * const { file, diagnostics } = parse(text, 'campaign.phase');
 * process.stderr.write(diagnostics.map((d) => renderDiagnostic(d, text, 'campaign.phase')).join('\n\n') + '\n');
 */
export function renderDiagnostic(d: Diagnostic, source: string, path: string, style: DiagnosticStyle = PLAIN): string {
  const index = new LineIndex(source);
  const spans = [d.span, ...(d.related ?? []).map((r) => r.span)];
  const gutter = Math.max(
    ...spans.map((s) => String(index.lineOf(Math.min(Math.max(0, s.start), source.length))).length),
  );
  const severity = d.severity === 'error' ? style.error : style.warning;
  const out = [
    `${where(path, index.lineColumn(d.span.start))}: ${severity(`${d.severity}[${d.code}]`)}: ${style.message(d.message)}`,
    ...frame(index, d.span, gutter, style, severity),
  ];
  for (const r of d.related ?? []) {
    out.push(
      `${style.note('note')}: ${where(path, index.lineColumn(r.span.start))}: ${r.message}`,
      ...frame(index, r.span, gutter, style, style.note),
    );
  }
  if (d.hint) out.push(`${style.help('help')}: ${d.hint}`);
  return out.join('\n');
}

export interface JsonPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A diagnostic as printed by `--format json`: self-contained, with lines and columns resolved. */
export interface DiagnosticJson {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  readonly start: JsonPosition;
  readonly end: JsonPosition;
  readonly related: readonly {
    readonly message: string;
    readonly path: string;
    readonly start: JsonPosition;
    readonly end: JsonPosition;
  }[];
  readonly hint: string | null;
}

/**
 * The diagnostic as a plain JSON object for tools (`phasegate check --format json`). Lines and
 * columns are 1-based (columns count characters); offsets are UTF-16 offsets, end exclusive.
 *
 * @example
 * const json = diagnostics.map((d) => diagnosticToJson(d, text, 'campaign.phase'));
 * process.stdout.write(JSON.stringify(json, null, 2));
 * // [{ "code": "PG100", "severity": "error", "start": { "line": 21, "column": 5, "offset": 740 }, … }]
 */
export function diagnosticToJson(d: Diagnostic, source: string, path: string): DiagnosticJson {
  const index = new LineIndex(source);
  const pos = (offset: number): JsonPosition => ({ ...index.lineColumn(offset), offset });
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    path,
    start: pos(d.span.start),
    end: pos(d.span.end),
    related: (d.related ?? []).map((r) => ({
      message: r.message,
      path,
      start: pos(r.span.start),
      end: pos(r.span.end),
    })),
    hint: d.hint ?? null,
  };
}
