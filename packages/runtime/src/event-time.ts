import { DateTime } from 'luxon';

/**
 * Event times: ISO 8601 with an offset (`2005-03-01T09:00:00+08:00`, `…Z`), or a local date-time
 * in the campaign zone (`2005-03-01T09:00`, seconds optional). Parsed once at the edge.
 */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms, or a sentence saying what is wrong with the text. */
export type ParsedTime = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

const EXAMPLE = 'write it as 2005-03-01T09:00 (campaign time) or 2005-03-01T09:00:00+08:00';

/**
 * Parses an event time.
 *
 * @example
 * parseEventTime('2005-03-01T09:00', 'Asia/Shanghai'); // { ok: true, ms: 1109638800000 }
 */
export function parseEventTime(text: unknown, zone: string): ParsedTime {
  if (typeof text !== 'string') return { ok: false, reason: `is missing or not a string; ${EXAMPLE}` };
  if (WITH_OFFSET.test(text)) {
    const dt = DateTime.fromISO(text, { setZone: true });
    if (!dt.isValid) return { ok: false, reason: `"${text}" is not a real date and time (${dt.invalidExplanation ?? dt.invalidReason})` };
    return { ok: true, ms: dt.toMillis() };
  }
  const m = LOCAL.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s, ms] = m;
    const fields = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: s ? +s : 0, millisecond: ms ? +ms.padEnd(3, '0') : 0 };
    const dt = DateTime.fromObject(fields, { zone });
    if (!dt.isValid) return { ok: false, reason: `"${text}" is not a real date and time (${dt.invalidExplanation ?? dt.invalidReason})` };
    return { ok: true, ms: dt.toMillis() };
  }
  if (DATE.test(text)) return { ok: false, reason: `"${text}" has no time of day; ${EXAMPLE}` };
  return { ok: false, reason: `"${text}" is not a date-time; ${EXAMPLE}` };
}

/**
 * A window end written in an amendment: a date means the end of that day (the next local
 * midnight, as in `.phase` windows); a date-time means that instant.
 */
export function parseWindowEnd(text: unknown, zone: string): ParsedTime {
  if (typeof text === 'string') {
    const m = DATE.exec(text);
    if (m) {
      const dt = DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }, { zone });
      if (!dt.isValid) return { ok: false, reason: `"${text}" is not a real date (${dt.invalidExplanation ?? dt.invalidReason})` };
      return { ok: true, ms: dt.plus({ days: 1 }).toMillis() };
    }
  }
  return parseEventTime(text, zone);
}
