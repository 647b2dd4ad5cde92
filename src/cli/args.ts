// Option values checked and converted once, with messages that name the option.
import { UserError } from '../shared/userError';

export function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--${name} must be a positive integer, got "${v}"`);
  return n;
}

export function nonNegative(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UserError(`--${name} must be a number ≥ 0, got "${v}"`);
  return n;
}

export function positive(name: string, v: string | undefined, fallback: number): number {
  const n = nonNegative(name, v, fallback);
  if (n <= 0) throw new UserError(`--${name} must be greater than 0, got "${v}"`);
  return n;
}

export function fraction(name: string, v: string | undefined, fallback: number): number {
  const n = nonNegative(name, v, fallback);
  if (n >= 1) throw new UserError(`--${name} must be in [0, 1), got "${v}"`);
  return n;
}

export function size(v: string | undefined): { width: number; height: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)x(\d+)$/i.exec(v);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > 1024 || Number(m[2]) > 1024) {
    throw new UserError(`--size must look like 28x28 (width x height, 1…1024), got "${v}"`);
  }
  return { width: Number(m[1]), height: Number(m[2]) };
}

export function hiddenSizes(v: string | undefined, fallback: number[]): number[] {
  if (v === undefined) return fallback;
  if (v.trim() === '' || v === 'none') return [];
  return v.split(',').map((s) => positiveInt('hidden', s.trim(), 1));
}

export function required(name: string, v: string | undefined): string {
  if (!v) throw new UserError(`missing ${name}; see --help`);
  return v;
}

/** Where a command writes what it reports: stderr for progress, stdout for results. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

export const processIO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};
