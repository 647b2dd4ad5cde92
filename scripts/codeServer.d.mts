export const CODE_SERVER_VERSION: string;
export const cacheRoot: string;
export const codeServerBin: string;
export function missingDebianPackages(): string[];
export function ensureCodeServer(log?: (s: string) => void): string;
export function freePort(): Promise<number>;
export function startCodeServer(opts?: {
  workspace?: string;
  extensionsDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** The display language, passed as --locale (e.g. 'ja'). */
  locale?: string;
  /** A user-data folder prepared by the caller. */
  userDataDir?: string;
  log?: (s: string) => void;
}): Promise<{ url: string; port: number; stop(): Promise<void>; output(): string; exited: Promise<number | null> }>;
