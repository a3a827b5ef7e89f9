import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from 'yaml';
import { sample } from '../behaviour/distribution.js';
import { streamFor } from '../behaviour/prng.js';
import { parseRoster } from '@phasegate/runtime';
import { isValidDate } from '../calendar.js';
import schema from './scenario.schema.json' with { type: 'json' };
import { ScenarioError, formatPath, type ScenarioProblem } from './scenario-problem.js';
import type { RawScenario, RosterUnit, Scenario, UnitGenerator } from './scenario.js';

/** Finds the line and column of a JSON path in the scenario file, for messages. */
export type Locate = (path: readonly (string | number)[]) => { line: number; column: number } | undefined;

/** A validated scenario plus the means to point at its fields in later (semantic) checks. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly locate: Locate;
}

/** More members than this in one unit is a mistake in a distribution, not a county. */
const MAX_MEMBERS = 1_000_000;

let validator: ReturnType<Ajv['compile']> | undefined;
/** The scenario JSON Schema (draft-07), as shipped in `scenario.schema.json`. */
export function scenarioSchema(): Record<string, unknown> {
  return schema;
}

function validate(): ReturnType<Ajv['compile']> {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(scenarioSchema());
  return validator;
}

/** How to read a scenario's text. */
export interface ParseScenarioOptions {
  /** What to call the scenario in messages and in the result (its path, say). Default `scenario`. */
  readonly path?: string;
  /** A seed for the behaviour models other than the scenario's `behaviour.seed`. */
  readonly seed?: number;
  /**
   * Reads a file the scenario names — its roster CSV — given the name as the scenario writes it
   * (relative to the scenario). Throws if it cannot, with a message naming the file. Without it, a
   * scenario that names a file is refused with a problem saying so: the simulator itself reads no
   * files (`loadScenarioFile` in `@phasegate/sim/node` reads them from disk).
   */
  readonly readFile?: (name: string) => string;
}

/**
 * Reads a scenario (YAML or JSON text), checks it against the schema, loads or generates its
 * roster and fills in defaults. Throws `ScenarioError` listing every problem with its JSON path
 * and, where the text has one, its line and column.
 *
 * @example
 * const { scenario } = parseScenario(yamlText, { path: 'county.yaml', readFile: (name) => files[name]! });
 * scenario.units.length; // 60
 */
export function parseScenario(text: string, options: ParseScenarioOptions = {}): LoadedScenario {
  const file = options.path ?? 'scenario';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // A campaign passed where the scenario goes is the likely mistake behind a wall of YAML errors.
    if (/^(?:\s*#[^\n]*\n|\s*\n)*\s*campaign\s/.test(text)) {
      throw new ScenarioError(file, [
        {
          path: '(file)',
          message:
            'this is a campaign (.phase), not a scenario: give the campaign first and the scenario after --scenario, e.g. `phasegate simulate dsl-examples/first-batch.phase --scenario dsl-examples/first-batch.scenario.yaml`',
        },
      ]);
    }
    throw new ScenarioError(
      file,
      doc.errors.slice(0, 10).map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: '(syntax)', message: clip(e.message.split('\n')[0]), line: pos.line, column: pos.col };
      }),
    );
  }
  const locate: Locate = (path) => {
    const node = nodeAt(doc, path);
    if (!node?.range) return undefined;
    const pos = lineCounter.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  };
  const data: unknown = doc.toJS();
  const check = validate();
  if (!check(data)) {
    throw new ScenarioError(file, schemaProblems(check.errors ?? [], locate));
  }
  const raw = data as RawScenario;
  const problems: ScenarioProblem[] = [];
  const at = (path: (string | number)[], message: string): void => {
    problems.push({ path: formatPath(path), message, ...locate(path) });
  };
  for (const key of ['from', 'to'] as const) {
    const v = raw[key];
    if (v !== undefined && !isValidDate(v)) at([key], `"${v}" is not a calendar date`);
  }
  if (raw.from && raw.to && raw.from > raw.to)
    at(['to'], `ends (${raw.to}) before it starts (${raw.from}); "to" must be on or after "from"`);
  raw.snapshots?.forEach((d, i) => {
    if (!isValidDate(d)) at(['snapshots', i], `"${d}" is not a calendar date`);
  });
  raw.behaviour?.holidays?.forEach((h, i) => {
    if (h.from > h.to) at(['behaviour', 'holidays', i, 'to'], `ends (${h.to}) before it starts (${h.from})`);
  });

  const seed = options.seed ?? raw.behaviour?.seed ?? 1;
  const units = loadRoster(raw, options.readFile, seed, at, problems);
  if (problems.length > 0) throw new ScenarioError(file, problems);

  const scenario: Scenario = {
    file,
    id: raw.scenario,
    label: raw.label ?? raw.scenario,
    campaign: raw.campaign ?? null,
    seed,
    from: raw.from ?? null,
    to: raw.to ?? null,
    snapshots: [...(raw.snapshots ?? [])].sort(),
    units,
    events: raw.events ?? [],
    behaviour: raw.behaviour ?? {},
    actors: raw.actors ?? {},
  };
  return { scenario, locate };
}

function loadRoster(
  raw: RawScenario,
  readFile: ParseScenarioOptions['readFile'],
  seed: number,
  at: (path: (string | number)[], message: string) => void,
  problems: ScenarioProblem[],
): RosterUnit[] {
  const roster = typeof raw.roster === 'string' ? { file: raw.roster } : raw.roster;
  const units: RosterUnit[] = [];
  const where = new Map<string, string>();
  const add = (u: RosterUnit, origin: string, path: (string | number)[]): void => {
    const previous = where.get(u.id);
    if (previous) {
      at(path, `duplicate unit id "${u.id}" (also ${previous}); unit ids must be unique`);
      return;
    }
    where.set(u.id, origin);
    units.push(u);
  };
  // Inline and generated units may be the parents of units in the CSV file.
  const elsewhere = [
    ...(roster.units ?? []).map((u) => u.id),
    ...(roster.generate ?? []).flatMap((g) => generatedIds(g)),
  ];
  if (roster.file) {
    const rosterPath = typeof raw.roster === 'string' ? ['roster'] : ['roster', 'file'];
    let csv: string | undefined;
    if (!readFile) {
      at(
        rosterPath,
        `names the roster file ${roster.file}, and no files can be read here: give the units inline, or give parseScenario a readFile`,
      );
    } else {
      try {
        csv = readFile(roster.file);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        at(rosterPath, `cannot read the roster file (${why}); the path is relative to the scenario file`);
      }
    }
    if (csv !== undefined) {
      // The same CSV format and checks as a production roster (phasegate ingest --roster).
      const parsed = parseRoster(csv, { knownUnits: elsewhere });
      for (const p of parsed.problems) {
        at(rosterPath, `${roster.file} line ${p.line}${p.field ? `, column ${p.field}` : ''}: ${p.message}`);
      }
      for (const u of parsed.units) {
        const ids = typeof u.members === 'number' ? undefined : [...u.members];
        add(
          {
            id: u.id,
            members: ids ? ids.length : (u.members as number),
            ...(ids ? { memberIds: ids } : {}),
            ...(u.label !== undefined ? { label: u.label } : {}),
            ...(u.kind !== undefined ? { kind: u.kind } : {}),
            ...(u.parent !== undefined ? { parent: u.parent } : {}),
          },
          `in ${roster.file}`,
          rosterPath,
        );
      }
    }
  }
  roster.units?.forEach((u, i) => add(u, `roster.units[${i}]`, ['roster', 'units', i, 'id']));
  roster.generate?.forEach((g, gi) => {
    for (let k = 0; k < g.count; k++) {
      const n = generatedNumber(g, k);
      const drawn = sample(g.members, streamFor(seed, 'roster', gi, k));
      if (!Number.isFinite(drawn) || drawn > MAX_MEMBERS) {
        at(
          ['roster', 'generate', gi, 'members'],
          `drew ${drawn} members for one unit; give a distribution of at most ${MAX_MEMBERS.toLocaleString('en-US')}`,
        );
        return;
      }
      const members = Math.max(0, Math.round(drawn));
      const id = g.id.replaceAll('{n}', n);
      const label = g.label?.replaceAll('{n}', n);
      add(
        {
          id,
          members,
          ...(label ? { label } : {}),
          ...(g.kind ? { kind: g.kind } : {}),
          ...(g.parent ? { parent: g.parent } : {}),
        },
        `generated by roster.generate[${gi}]`,
        ['roster', 'generate', gi, 'id'],
      );
    }
  });
  units.forEach((u) => {
    if (u.parent !== undefined && !where.has(u.parent)) {
      at(['roster'], `unit "${u.id}" names parent "${u.parent}", which is not in the roster`);
    }
  });
  if (units.length === 0 && problems.length === 0)
    at(['roster'], 'the roster has no units; list units inline, in a CSV file, or generate them');
  return units;
}

function generatedNumber(g: UnitGenerator, k: number): string {
  return String((g.start ?? 1) + k).padStart(g.pad ?? 0, '0');
}

function generatedIds(g: UnitGenerator): string[] {
  return Array.from({ length: g.count }, (_, k) => g.id.replaceAll('{n}', generatedNumber(g, k)));
}

function nodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else return undefined;
  }
  return node as Node | undefined;
}

/** Turns ajv's errors into one clear message per bad field, most specific first. */
function schemaProblems(errors: readonly ErrorObject[], locate: Locate): ScenarioProblem[] {
  const out = new Map<string, ScenarioProblem & { depth: number }>();
  const pathOf = (pointer: string): (string | number)[] =>
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
          .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (const e of errors) {
    // "must match then schema" and similar wrappers repeat what the inner errors say.
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    // A branch of a oneOf that does not match is not the user's mistake: the oneOf error says
    // which forms are allowed.
    if (/\/(oneOf|anyOf)\/\d+\/required$/.test(e.schemaPath)) continue;
    let segments = pathOf(e.instancePath);
    let message: string;
    const schema = e.parentSchema as { description?: string; properties?: Record<string, unknown> } | undefined;
    switch (e.keyword) {
      case 'required': {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        message = `is missing (required${describe(schema?.properties?.[missing]) ?? ''})`;
        const parent = segments;
        segments = [...segments, missing];
        if (!locate(segments)) {
          const loc = locate(parent);
          out.set(formatPath(segments), { path: formatPath(segments), message, ...loc, depth: segments.length });
          continue;
        }
        break;
      }
      case 'additionalProperties': {
        const extra = (e.params as { additionalProperty: string }).additionalProperty;
        segments = [...segments, extra];
        const allowed = Object.keys(schema?.properties ?? {}).filter((k) => k !== 'dist' || extra === 'dist');
        message = `unknown field "${extra}"${allowed.length ? `; expected one of: ${allowed.join(', ')}` : ''}`;
        break;
      }
      case 'type':
        message = `must be ${schema?.description ?? article((e.params as { type: string }).type)}`;
        break;
      case 'enum':
        message = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'pattern':
        message = `"${String(e.data)}" is not ${schema?.description ?? `in the expected form (${(e.params as { pattern: string }).pattern})`}`;
        break;
      case 'oneOf':
      case 'anyOf':
        message = `must be ${schema?.description ?? 'one of the allowed forms'}`;
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'minItems':
      case 'minLength':
      case 'minProperties':
        message = `${e.message ?? 'is out of range'}, got ${JSON.stringify(e.data)}`;
        break;
      default:
        message = e.message ?? 'is not valid';
    }
    const path = formatPath(segments);
    const key = `${path}\u0000${message}`;
    if (!out.has(key)) out.set(key, { path, message, ...locate(segments), depth: segments.length });
  }
  return [...out.values()]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .map(({ depth: _, ...p }) => p);
}

function describe(schema: unknown): string | undefined {
  const d = (schema as { description?: string } | undefined)?.description;
  return d ? `: ${d}` : undefined;
}

function article(type: string): string {
  const words: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    string: 'a string',
    object: 'a mapping (key: value)',
    array: 'a list',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

/** YAML's messages quote the offending text whole; a line of a message is enough. */
function clip(message: string): string {
  return message.length <= 160 ? message : `${message.slice(0, 159)}…`;
}
