// The request/response envelope both channels (host ⇄ page, host ⇄ job process) use, in the shape of
// vscode-hexeditor's protocol: a message travels as a request (with an `id`, answered by a reply or a failure
// carrying `inReplyTo`, with progress in between), or as a notification (no answer). `Requester.request()` is
// typed by the channel's reply map, so a call site gets the right result type without a cast; `serve()` is the
// one dispatcher per side, with one handler per message type that the compiler checks for completeness.
import type { Schema } from './schema';

/** How a failed request is reported: a UserError (shown as is) or a bug (with the far side's stack). */
export interface Failure {
  message: string;
  userError: boolean;
  stack?: string;
}

export type Envelope<M = unknown, P = unknown> =
  | { kind: 'request'; id: number; message: M }
  | { kind: 'notify'; message: M }
  | { kind: 'reply'; inReplyTo: number; result: unknown }
  | { kind: 'failure'; inReplyTo: number; error: Failure }
  | { kind: 'progress'; inReplyTo: number; progress: P }
  | { kind: 'cancel'; inReplyTo: number };

/** For each message type a request may have, the type of its reply. */
export type Replies<M extends { type: string }> = { [K in M['type']]: unknown };
type Msg<M extends { type: string }, K extends M['type']> = Extract<M, { type: K }>;

const ENVELOPE_KINDS = new Set(['request', 'notify', 'reply', 'failure', 'progress', 'cancel']);
const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= Number.MAX_SAFE_INTEGER;

/** The envelope's own fields, checked before its payload (the payload is checked by the channel's schemas). */
export function envelopeProblem(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'not an object';
  const e = raw as Record<string, unknown>;
  if (typeof e.kind !== 'string' || !ENVELOPE_KINDS.has(e.kind)) return `unknown envelope kind ${JSON.stringify(e.kind)}`;
  const keys = Object.keys(e).sort().join(',');
  const expected: Record<string, string> = {
    request: 'id,kind,message',
    notify: 'kind,message',
    reply: 'inReplyTo,kind,result',
    failure: 'error,inReplyTo,kind',
    progress: 'inReplyTo,kind,progress',
    cancel: 'inReplyTo,kind',
  };
  if (keys !== expected[e.kind]) return `a ${e.kind} envelope has the fields ${keys}, expected ${expected[e.kind]}`;
  if (e.kind === 'request' && !isId(e.id)) return 'the request id is not a positive integer';
  if ('inReplyTo' in e && !isId(e.inReplyTo)) return 'inReplyTo is not a positive integer';
  if (e.kind === 'failure') {
    const f = e.error as Record<string, unknown> | null;
    if (typeof f !== 'object' || f === null || typeof f.message !== 'string' || typeof f.userError !== 'boolean') return 'a failure without a message';
  }
  return null;
}

interface Pending {
  type: string;
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?(p: unknown): void;
}

/** The asking end of a channel: sends requests and notifications, matches replies to the requests they answer. */
export class Requester<M extends { type: string }, R extends Replies<M>, P = never> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * `replySchemas`: when the far side is not trusted (the page), each reply is checked against its type's schema
   * and a reply that does not fit fails the request instead of reaching the caller.
   */
  constructor(
    private readonly send: (e: Envelope<M, P>) => void,
    private readonly toError: (f: Failure) => Error,
    private readonly replySchemas?: { [K in M['type']]?: Schema<R[K]> },
  ) {}

  /** Sends `message` and resolves with its reply; `onProgress` sees the progress reports on the way. */
  request<K extends M['type']>(message: Msg<M, K>, onProgress?: (p: P) => void): { id: number; reply: Promise<R[K]> } {
    const id = this.nextId++;
    const reply = new Promise<R[K]>((resolve, reject) => {
      this.pending.set(id, { type: message.type, resolve: resolve as (v: unknown) => void, reject, onProgress: onProgress as ((p: unknown) => void) | undefined });
    });
    try {
      this.send({ kind: 'request', id, message });
    } catch (err) {
      // the far side is already gone (a closed IPC channel throws): nothing will ever answer this request
      this.pending.get(id)?.reject(err instanceof Error ? err : new Error(String(err)));
      this.pending.delete(id);
    }
    return { id, reply };
  }

  notify(message: M): void {
    this.send({ kind: 'notify', message });
  }

  /** Asks the far side to stop request `id` (it may still reply, with what it has or a cancelled outcome). */
  cancel(id: number): void {
    if (this.pending.has(id)) this.send({ kind: 'cancel', inReplyTo: id });
  }

  /** Feeds an incoming envelope; true when it answered (or reported on) one of our requests. */
  receive(e: Envelope<unknown, unknown>): boolean {
    if (e.kind !== 'reply' && e.kind !== 'failure' && e.kind !== 'progress') return false;
    const p = this.pending.get(e.inReplyTo);
    if (!p) return true; // an answer to a request given up on (failAll): nothing waits for it
    if (e.kind === 'progress') {
      p.onProgress?.(e.progress);
      return true;
    }
    this.pending.delete(e.inReplyTo);
    if (e.kind === 'failure') {
      p.reject(this.toError(e.error));
      return true;
    }
    const sch = this.replySchemas?.[p.type as M['type']];
    const problem = sch ? sch.check(e.result, `reply to ${p.type}`) : null;
    if (problem) p.reject(new Error(`malformed ${problem}`));
    else p.resolve(e.result);
    return true;
  }

  /** Rejects every request still waiting (the far side died or went away). */
  failAll(err: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(err);
  }

  get waiting(): number {
    return this.pending.size;
  }
}

/** What a handler may do besides returning its result. */
export interface HandlerContext<P> {
  progress(p: P): void;
  /** True once the asker sent a cancel for this request. */
  cancelled(): boolean;
}

export type Handlers<M extends { type: string }, R extends Replies<M>, P> = {
  [K in M['type']]: (message: Msg<M, K>, ctx: HandlerContext<P>) => R[K] | Promise<R[K]>;
};

export interface ServeOptions<M> {
  /** Checks the payload of requests and notifications (the page is not trusted); absent for our own job process. */
  messages?: Schema<M>;
  /** A message that was refused, and why (the host logs it). */
  onInvalid?(problem: string): void;
  /** Turns a thrown value into the failure sent back (UserError or bug). */
  toFailure(err: unknown): Failure;
}

/**
 * The answering end: one handler per message type. Requests get their handler's result (or failure) as a
 * reply; notifications run the handler and send nothing back. Returns the function to feed envelopes to.
 */
export function serve<M extends { type: string }, R extends Replies<M>, P = never>(
  handlers: Handlers<M, R, P>,
  send: (e: Envelope<never, P>) => void,
  o: ServeOptions<M>,
): (raw: unknown) => void {
  const running = new Set<number>();
  const cancelled = new Set<number>();
  return (raw: unknown) => {
    const problem = envelopeProblem(raw);
    if (problem) return o.onInvalid?.(problem);
    const e = raw as Envelope<M, P>;
    if (e.kind === 'cancel') {
      // a cancel that crossed its request's reply is dropped: kept, it would never be cleared
      if (running.has(e.inReplyTo)) cancelled.add(e.inReplyTo);
      return;
    }
    if (e.kind !== 'request' && e.kind !== 'notify') return o.onInvalid?.(`a ${e.kind} envelope where requests are served`);
    const bad = o.messages?.check(e.message, 'message');
    if (bad) return o.onInvalid?.(bad);
    const id = e.kind === 'request' ? e.id : 0;
    const type = (e.message as { type?: unknown } | null)?.type;
    // own keys only: a type such as "constructor" must not reach Object.prototype's members
    const handler = typeof type === 'string' && Object.hasOwn(handlers, type) ? (handlers[type as M['type']] as (m: M, ctx: HandlerContext<P>) => unknown) : undefined;
    if (!handler) return o.onInvalid?.(`no handler for ${JSON.stringify(type)}`);
    const ctx: HandlerContext<P> = {
      progress: (p) => id && send({ kind: 'progress', inReplyTo: id, progress: p }),
      cancelled: () => cancelled.has(id),
    };
    if (id) running.add(id);
    Promise.resolve()
      .then(() => handler(e.message, ctx))
      .then(
        (result) => id && send({ kind: 'reply', inReplyTo: id, result }),
        (err: unknown) => {
          if (id) send({ kind: 'failure', inReplyTo: id, error: o.toFailure(err) });
          else o.onInvalid?.(`notification ${e.message.type} failed: ${(err as Error)?.message ?? String(err)}`);
        },
      )
      // sending itself failed (the channel closed, or a result that cannot be cloned): say so, never an unhandled rejection
      .catch((err: unknown) => o.onInvalid?.(`could not answer ${e.message.type}: ${(err as Error)?.message ?? String(err)}`))
      .finally(() => {
        running.delete(id);
        cancelled.delete(id);
      });
  };
}
