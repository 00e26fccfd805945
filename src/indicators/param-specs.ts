// Builders for catalogue parameter specs and typed reads of the parsed parameter record.
import type { ParamSpec, ParamValue } from './indicator.js';

export function intParam(name: string, def: number, help: string): ParamSpec {
  return { name, kind: 'int', default: def, help };
}

export function numParam(name: string, def: number, help: string): ParamSpec {
  return { name, kind: 'number', default: def, help };
}

export function choiceParam(name: string, choices: readonly string[], help: string): ParamSpec {
  return { name, kind: 'choice', default: choices[0], choices, help };
}

/** Reads a numeric parameter the factory has already parsed. */
export function num(p: Readonly<Record<string, ParamValue>>, name: string): number {
  return p[name] as number;
}

/** Reads a choice parameter; the concrete constructor validates it. */
export function str<T extends string>(p: Readonly<Record<string, ParamValue>>, name: string): T {
  return p[name] as T;
}
