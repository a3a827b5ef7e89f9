import type { CompareOp } from '../ir.js';

/*
 * The six comparisons (docs/semantics.md, "Comparisons"). Each is written here once; every engine
 * calls these functions — the machine's guards through `compare`, the kernel's compiled criteria
 * through `comparer`, its hot path through `compareByCode` — so a change here changes them all.
 */
const atLeast = (a: number, b: number): boolean => a >= b;
const above = (a: number, b: number): boolean => a > b;
const atMost = (a: number, b: number): boolean => a <= b;
const below = (a: number, b: number): boolean => a < b;
const equal = (a: number, b: number): boolean => a === b;
const unequal = (a: number, b: number): boolean => a !== b;

/** Every operator, in the order of their codes (`opCode`). */
export const COMPARE_OPS: readonly CompareOp[] = ['>=', '>', '<=', '<', '==', '!='];

/** `a op b`. */
export function compare(a: number, op: CompareOp, b: number): boolean {
  switch (op) {
    case '>=':
      return atLeast(a, b);
    case '>':
      return above(a, b);
    case '<=':
      return atMost(a, b);
    case '<':
      return below(a, b);
    case '==':
      return equal(a, b);
    case '!=':
      return unequal(a, b);
  }
}

/**
 * `x op value` as a function of `x`, one closure per operator so that each call site stays
 * monomorphic (the kernel compiles its criteria into these).
 */
export function comparer(op: CompareOp, value: number): (x: number) => boolean {
  switch (op) {
    case '>=':
      return (x) => atLeast(x, value);
    case '>':
      return (x) => above(x, value);
    case '<=':
      return (x) => atMost(x, value);
    case '<':
      return (x) => below(x, value);
    case '==':
      return (x) => equal(x, value);
    case '!=':
      return (x) => unequal(x, value);
  }
}

/** The operator's index in `COMPARE_OPS`, for engines that store operators in typed arrays. */
export function opCode(op: CompareOp): number {
  return COMPARE_OPS.indexOf(op);
}

/** `a op b` for an operator given by its code (`opCode`): small enough to be inlined in a hot loop. */
export function compareByCode(code: number, a: number, b: number): boolean {
  switch (code) {
    case 0:
      return atLeast(a, b);
    case 1:
      return above(a, b);
    case 2:
      return atMost(a, b);
    case 3:
      return below(a, b);
    case 4:
      return equal(a, b);
    default:
      return unequal(a, b);
  }
}
