import type { Writable } from './io.js';

/**
 * A one-line progress bar on a terminal stream (`label [█████░░░░░]  45%  day 72/162`), redrawn
 * in place; a no-op when the stream is not a terminal, so pipes and files stay clean.
 */
export function progressBar(
  stream: Writable,
  label: string,
): { update(done: number, total: number): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = -1;
  return {
    update(done, total) {
      const pct = Math.floor((100 * done) / Math.max(1, total));
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((width * done) / Math.max(1, total));
      stream.write(
        `\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}%  day ${done}/${total}`,
      );
    },
    done() {
      stream.write('\r\u001b[2K');
    },
  };
}
