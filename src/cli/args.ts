// Option values checked and converted once, with messages that name the option. The training flags go through
// shared/trainConfig's validator instead (one set of rules for flags, settings and manifests); these are the rest.
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

export function size(v: string | undefined): { width: number; height: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)x(\d+)$/i.exec(v);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > 1024 || Number(m[2]) > 1024) {
    throw new UserError(`--size must look like 28x28 (width x height, 1…1024), got "${v}"`);
  }
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * `--beta -1` as `--beta=-1`: node's parseArgs refuses a value that starts with a dash as ambiguous (in three
 * lines, without saying the value is wrong); a negative number after an option that takes a value is
 * unambiguous, so it reaches the validator, which names the option and the allowed range.
 */
export function joinNegativeNumbers(argv: string[], valued: Record<string, { type: 'string' | 'boolean' }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const option = /^--([^=]+)$/.exec(argv[i])?.[1];
    const next = argv[i + 1];
    if (option && valued[option]?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
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
