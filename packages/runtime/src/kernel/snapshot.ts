import type { CampaignIR } from '@phasegate/compiler';
import type { CalendarAmendment } from './calendar.js';
import type { TypedArray } from './columns.js';
import type { Kernel } from './kernel.js';
import type { LedgerData } from './obligations.js';

/**
 * The kernel's whole state as bytes, for fast reopen: a JSON header (scalars, names, amendments,
 * the obligation ledger) followed by the typed columns copied as they are in memory.
 *
 *   "PGK1" | u32 header length | header JSON (UTF-8) | zero padding to 8 | column blocks, each
 *   padded to 8 bytes, in the order the header lists them.
 *
 * The header carries a fingerprint of the IR and of the column layout: a snapshot written for
 * another campaign, or by a kernel with another layout, is refused (the runtime then replays the
 * log from the start instead).
 */
const MAGIC = 'PGK1';
/** 2: member values are doubles (format 1 held 32-bit floats), and no per-unit sums. */
const FORMAT = 2;

interface Header {
  readonly format: number;
  readonly fingerprint: string;
  readonly count: number;
  readonly memberCount: number;
  readonly clock: number | null;
  readonly latest: number | null;
  readonly amendments: readonly CalendarAmendment[];
  readonly ledger: LedgerData;
  readonly ack: readonly boolean[];
  readonly due: readonly boolean[];
  readonly units: {
    readonly ids: readonly string[];
    readonly labels: readonly (string | null)[];
    readonly kinds: readonly (string | null)[];
    readonly parents: readonly (string | null)[];
    readonly memberIds: readonly [number, readonly string[]][];
  };
  readonly blocks: readonly { readonly name: string; readonly bytes: number }[];
}

/** A stable fingerprint of the IR and of the kernel's column layout. */
export function fingerprint(ir: CampaignIR, layout: string): string {
  const text = `${FORMAT}\u0000${layout}\u0000${JSON.stringify(ir)}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function layoutOf(k: Kernel): string {
  return k.cols
    .rows()
    .map((c) => `${c.name}:${c.array.constructor.name}:${c.stride}`)
    .join(',');
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Encodes the kernel's state as it is now. */
export function encodeSnapshot(k: Kernel): Uint8Array {
  const c = k.cols;
  const n = c.count;
  const blocks: { name: string; data: TypedArray }[] = [];
  for (const col of c.rows()) blocks.push({ name: col.name, data: col.array.subarray(0, n * col.stride) });
  blocks.push({ name: 'memberStart', data: c.memberStart.subarray(0, n + 1) });
  c.member.forEach((m, i) => blocks.push({ name: `member${i}`, data: m.subarray(0, c.memberCount) }));
  k.ledger.ack.forEach((a, i) => {
    if (a) blocks.push({ name: `ack${i}`, data: a.subarray(0, n) });
  });
  k.ledger.due.forEach((a, i) => {
    if (a) blocks.push({ name: `due${i}`, data: a.subarray(0, n) });
  });

  const d = k.units;
  const header: Header = {
    format: FORMAT,
    fingerprint: fingerprint(k.ir, layoutOf(k)),
    count: n,
    memberCount: c.memberCount,
    clock: finiteOrNull(k.clock),
    latest: finiteOrNull(k.latest),
    amendments: k.calendar.runtimeAmendments(),
    ledger: k.ledger.toJSON(),
    ack: k.ledger.ack.map((a) => a !== null),
    due: k.ledger.due.map((a) => a !== null),
    units: {
      ids: d.ids,
      // The directory stores these sparsely; the snapshot lists one entry per unit.
      labels: Array.from({ length: n }, (_, i) => d.labels[i] ?? null),
      kinds: Array.from({ length: n }, (_, i) => d.kinds[i] ?? null),
      parents: Array.from({ length: n }, (_, i) => d.parents[i] ?? null),
      memberIds: [...d.memberIds],
    },
    blocks: blocks.map((b) => ({ name: b.name, bytes: b.data.byteLength })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (x: number): number => (x + 7) & ~7;
  let size = pad(8 + json.length);
  for (const b of blocks) size += pad(b.data.byteLength);
  const out = new Uint8Array(size);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  let at = pad(8 + json.length);
  for (const b of blocks) {
    out.set(new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength), at);
    at += pad(b.data.byteLength);
  }
  return out;
}

/**
 * Loads a snapshot into a kernel that has no units yet. Returns null on success, or why the
 * snapshot cannot be used (the caller replays the log instead); the kernel is untouched then.
 */
export function decodeSnapshot(k: Kernel, bytes: Uint8Array): string | null {
  if (k.cols.count !== 0) throw new Error('decodeSnapshot: the kernel already has units');
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    return 'it is not a phasegate kernel snapshot';
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) return 'it is truncated';
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  } catch {
    return 'its header is not readable';
  }
  if (header.format !== FORMAT) return `it has format ${header.format}, this runtime reads ${FORMAT}`;
  if (header.fingerprint !== fingerprint(k.ir, layoutOf(k)))
    return 'it was written for another version of the campaign';

  const pad = (x: number): number => (x + 7) & ~7;
  const data = new Map<string, Uint8Array>();
  let at = pad(8 + length);
  for (const b of header.blocks) {
    if (at + b.bytes > bytes.length) return 'it is truncated';
    data.set(b.name, bytes.slice(at, at + b.bytes));
    at += pad(b.bytes);
  }

  const c = k.cols;
  const n = header.count;
  // Register empty units through the directory only; columns are overwritten below.
  c.reserve(n, header.memberCount);
  k.ledger.reserve(c.capacity);
  const fill = (target: TypedArray, name: string): boolean => {
    const src = data.get(name);
    if (!src) return false;
    const Ctor = target.constructor as new (buffer: ArrayBuffer) => TypedArray;
    target.set(new Ctor(src.buffer as ArrayBuffer));
    return true;
  };
  for (const col of c.rows()) if (!fill(col.array, col.name)) return `it lacks the ${col.name} column`;
  if (!fill(c.memberStart, 'memberStart')) return 'it lacks member offsets';
  for (let i = 0; i < c.member.length; i++) if (!fill(c.member[i], `member${i}`)) return `it lacks member column ${i}`;
  const ack = header.ack.map((has, i) =>
    has ? Float64Array.from(new Float64Array(data.get(`ack${i}`)!.buffer as ArrayBuffer)) : null,
  );
  const due = header.due.map((has, i) =>
    has ? Float64Array.from(new Float64Array(data.get(`due${i}`)!.buffer as ArrayBuffer)) : null,
  );

  c.count = n;
  c.memberCount = header.memberCount;
  const u = header.units;
  for (let i = 0; i < n; i++) {
    k.units.add({
      id: u.ids[i],
      ...(u.labels[i] != null ? { label: u.labels[i]! } : {}),
      ...(u.kinds[i] != null ? { kind: u.kinds[i]! } : {}),
      ...(u.parents[i] != null ? { parent: u.parents[i]! } : {}),
      members: 0,
      memberIds: null,
    });
  }
  for (const [unit, ids] of u.memberIds) k.units.memberIds.set(unit, ids);
  k.clock = header.clock ?? -Infinity;
  k.latest = header.latest ?? -Infinity;
  k.calendar.setRuntimeAmendments(header.amendments);
  k.ledger.load(header.ledger, ack, due, c.capacity);
  k.recount();
  return null;
}
