import { DateTime } from 'luxon';

/**
 * Formats instants as ISO 8601 with the zone's offset, fast: the offset is looked up once per
 * simulated day with luxon and reused for every event that day (falling back to luxon on the
 * rare day whose offset changes, a DST switch).
 */
export class DayFormatter {
  private offsetMs = 0;
  private suffix = '+00:00';
  private exact = false;

  constructor(private readonly zone: string) {}

  /** Prepares for instants in `[start, end)`. */
  setDay(start: number, end: number): void {
    const a = DateTime.fromMillis(start, { zone: this.zone }).offset;
    const b = DateTime.fromMillis(end - 1, { zone: this.zone }).offset;
    this.exact = a !== b;
    this.offsetMs = a * 60_000;
    const sign = a < 0 ? '-' : '+';
    const abs = Math.abs(a);
    this.suffix = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }

  format(ms: number): string {
    if (this.exact) return DateTime.fromMillis(ms, { zone: this.zone }).toISO({ suppressMilliseconds: true })!;
    return new Date(ms + this.offsetMs).toISOString().slice(0, 19) + this.suffix;
  }
}
