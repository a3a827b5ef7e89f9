/**
 * Line splitting for bulk ingest: however a file is cut into chunks, the lines and their numbers
 * are the file's; `\r\n` ends and a last line without an end are lines; a runaway line is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineBatches, NdjsonLineError } from '../src/ndjson/line-batches.js';
import { ChunkPool, lineChunks } from '../src/ndjson/line-chunks.js';

// eslint-disable-next-line @typescript-eslint/require-await -- on purpose: stands in for a stream (the line readers take an AsyncIterable); the bytes are in memory
async function* chunks(text: string, cuts: number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(bytes.length, c);
    if (to > at) yield bytes.subarray(at, to);
    at = Math.max(at, to);
  }
  if (at < bytes.length) yield bytes.subarray(at);
}

async function linesOf(
  source: AsyncIterable<Buffer>,
  maxLineBytes?: number,
): Promise<{ line: number; text: string }[]> {
  const out: { line: number; text: string }[] = [];
  for await (const b of lineBatches(source, { maxLineBytes })) {
    for (let i = 0; i < b.count; i++)
      out.push({ line: b.firstLine + i, text: b.buffer.toString('utf8', b.starts[i], b.ends[i]) });
  }
  return out;
}

describe('line batches', () => {
  it('give the same lines whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '学', '{', '"', ' ') }), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat({ max: 200 }), { maxLength: 10 }),
        async (lines, end, finalEnd, cuts) => {
          const text = lines.join(end) + (finalEnd && lines.length > 0 ? end : '');
          const got = await linesOf(chunks(text, cuts));
          // The model: split at line ends; a file that ends with a line end has no empty line after it.
          const expected = text === '' ? [] : text.split(end);
          if (expected[expected.length - 1] === '') expected.pop();
          expect(got).toEqual(expected.map((t, i) => ({ line: i + 1, text: t })));
        },
      ),
    );
  });

  it('refuse a line longer than the bound, naming it', async () => {
    const text = `{"a":1}\n${'x'.repeat(5000)}`;
    await expect(linesOf(chunks(text, [100, 2000, 4000]), 1000)).rejects.toThrow(NdjsonLineError);
    await expect(linesOf(chunks(text, [100, 2000, 4000]), 1000)).rejects.toThrow(/line 2 is longer than 1000 bytes/);
  });

  it('are cut into chunks of whole lines, whatever the pieces read and the chunk size, and a runaway line is seen as the pieces come', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.string({ unit: fc.constantFrom('a', 'é', '{', '"', ' ', '\n', '\r') }), { maxLength: 30 })
          .map((parts) => parts.join('')),
        fc.array(fc.nat({ max: 300 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 40 }),
        async (text, cuts, chunkBytes, maxLineBytes) => {
          const bytes = Buffer.from(text, 'utf8');
          // The model: after each piece, the bytes since the last line end are the line in progress.
          const ends = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))]
            .filter((c) => c > 0)
            .sort((a, b) => a - b);
          if (ends.at(-1) !== bytes.length && bytes.length > 0) ends.push(bytes.length);
          const runawayAt = ends.find((e) => e - (bytes.subarray(0, e).lastIndexOf(0x0a) + 1) > maxLineBytes);
          const expected =
            runawayAt === undefined ? bytes : bytes.subarray(0, bytes.subarray(0, runawayAt).lastIndexOf(0x0a) + 1);

          const got: Buffer[] = [];
          let runaway = false;
          const pool = new ChunkPool(chunkBytes);
          for await (const chunk of lineChunks(chunks(text, cuts), { maxLineBytes, pool })) {
            expect(runaway).toBe(false);
            if ('runaway' in chunk) runaway = true;
            else {
              got.push(Buffer.from(chunk.bytes));
              pool.give(chunk.bytes.buffer);
            }
          }
          expect(runaway).toBe(runawayAt !== undefined);
          expect(Buffer.concat(got).equals(expected)).toBe(true);
          // Every chunk but the last of the input ends at a line end; none is empty.
          got.forEach((c, i) => {
            expect(c.length).toBeGreaterThan(0);
            if (i < got.length - 1 || runaway) expect(c[c.length - 1]).toBe(0x0a);
          });
        },
      ),
    );
  });
});
