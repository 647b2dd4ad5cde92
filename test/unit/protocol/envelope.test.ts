// The request/reply envelope both channels use: a Requester and serve() wired back to back in one process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envelopeProblem, Requester, serve, type Envelope, type Failure, type Handlers } from '../../../src/protocol/envelope';
import { messageUnion, s, type Infer } from '../../../src/protocol/schema';

const messages = messageUnion({
  add: { a: s.number(), b: s.number() },
  slow: { steps: s.number({ integer: true, min: 1 }) },
  fail: { user: s.boolean() },
  log: { text: s.string() },
});
type Msg = Infer<typeof messages>;
interface Rep {
  add: number;
  slow: { done: number; cancelled: boolean };
  fail: never;
  log: void;
}
type Progress = { step: number };

const toError = (f: Failure) => Object.assign(new Error(f.message), { name: f.userError ? 'UserError' : 'Error', farStack: f.stack });
const tick = () => new Promise((r) => setImmediate(r));

/** Both ends, with every envelope passed through structuredClone as an IPC channel would. */
function pair(handlers: Partial<Handlers<Msg, Rep, Progress>> = {}) {
  const logged: string[] = [];
  const invalid: string[] = [];
  const sentBack: Envelope[] = [];
  const all: Handlers<Msg, Rep, Progress> = {
    add: (m) => m.a + m.b,
    slow: async (m, ctx) => {
      let done = 0;
      for (; done < m.steps && !ctx.cancelled(); done++) {
        ctx.progress({ step: done + 1 });
        await tick();
      }
      return { done, cancelled: ctx.cancelled() };
    },
    fail: (m) => {
      if (m.user) throw Object.assign(new Error('the folder does not exist'), { name: 'UserError' });
      throw new Error('a bug');
    },
    log: (m) => void logged.push(m.text),
    ...handlers,
  };
  const requester: Requester<Msg, Rep, Progress> = new Requester<Msg, Rep, Progress>((e) => setImmediate(() => dispatch(structuredClone(e))), toError);
  const dispatch = serve<Msg, Rep, Progress>(all, (e) => {
    sentBack.push(e);
    setImmediate(() => requester.receive(structuredClone(e)));
  }, {
    messages,
    onInvalid: (p) => invalid.push(p),
    toFailure: (err) => ({ message: (err as Error).message, userError: (err as Error).name === 'UserError', stack: (err as Error).stack }),
  });
  return { requester, dispatch, logged, invalid, sentBack };
}

test('a request gets the reply of its own type; concurrent requests are matched by id', async () => {
  const { requester } = pair();
  const a = requester.request({ type: 'add', a: 1, b: 2 });
  const b = requester.request({ type: 'add', a: 10, b: 20 });
  assert.notEqual(a.id, b.id);
  const sum: number = await a.reply;
  assert.equal(sum, 3);
  assert.equal(await b.reply, 30);
  assert.equal(requester.waiting, 0);
});

test('progress arrives before the reply, in order', async () => {
  const { requester } = pair();
  const seen: number[] = [];
  const r = await requester.request({ type: 'slow', steps: 4 }, (p) => seen.push(p.step)).reply;
  assert.deepEqual(seen, [1, 2, 3, 4]);
  assert.deepEqual(r, { done: 4, cancelled: false });
});

test('a cancel reaches the handler, which replies with what it has', async () => {
  const { requester } = pair();
  const seen: number[] = [];
  const { id, reply } = requester.request({ type: 'slow', steps: 1000 }, (p) => {
    seen.push(p.step);
    if (p.step === 3) requester.cancel(id);
  });
  const r = await reply;
  assert.equal(r.cancelled, true);
  assert.ok(r.done < 1000 && r.done >= 3, `stopped after ${r.done}`);
});

test('a failure rejects with a UserError as such, and a bug with the far side\'s stack', async () => {
  const { requester } = pair();
  await assert.rejects(requester.request({ type: 'fail', user: true }).reply, (e: Error) => e.name === 'UserError' && /does not exist/.test(e.message));
  await assert.rejects(requester.request({ type: 'fail', user: false }).reply, (e: Error & { farStack?: string }) => e.name === 'Error' && /a bug/.test(e.farStack ?? ''));
});

test('a notification runs its handler and sends nothing back', async () => {
  const { requester, logged, sentBack } = pair();
  requester.notify({ type: 'log', text: 'hello' });
  await tick();
  await tick();
  assert.deepEqual(logged, ['hello']);
  assert.equal(sentBack.length, 0);
});

test('malformed envelopes and messages are refused with a reason, never dispatched', async () => {
  const { dispatch, invalid, logged } = pair();
  const bad: unknown[] = [
    null,
    [],
    { kind: 'shout', message: { type: 'log', text: 'x' } },
    { kind: 'notify', message: { type: 'log', text: 'x' }, extra: 1 },
    { kind: 'request', id: 0, message: { type: 'add', a: 1, b: 2 } },
    { kind: 'request', id: 1.5, message: { type: 'add', a: 1, b: 2 } },
    { kind: 'notify', message: { type: 'log', text: 3 } },
    { kind: 'notify', message: { type: 'log' } },
    { kind: 'notify', message: { type: 'constructor' } },
    { kind: 'reply', inReplyTo: 1, result: 3 },
  ];
  for (const raw of bad) dispatch(raw);
  await tick();
  assert.equal(invalid.length, bad.length, invalid.join('\n'));
  assert.deepEqual(logged, []);
});

test('without a message schema, a type that is a member of Object.prototype is still refused', async () => {
  const invalid: string[] = [];
  const dispatch = serve<Msg, Rep, Progress>({ add: (m) => m.a + m.b, slow: () => ({ done: 0, cancelled: false }), fail: () => undefined as never, log: () => undefined }, () => undefined, {
    onInvalid: (p) => invalid.push(p),
    toFailure: () => ({ message: '', userError: false }),
  });
  for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) dispatch({ kind: 'notify', message: { type } });
  await tick();
  assert.equal(invalid.length, 4);
  assert.ok(invalid.every((p) => p.startsWith('no handler for')));
});

test('envelopeProblem names what is wrong', () => {
  assert.equal(envelopeProblem({ kind: 'cancel', inReplyTo: 3 }), null);
  assert.match(envelopeProblem({ kind: 'failure', inReplyTo: 3, error: { message: 1, userError: false } })!, /without a message/);
  assert.match(envelopeProblem({ kind: 'progress', inReplyTo: -1, progress: 1 })!, /inReplyTo/);
  assert.match(envelopeProblem({ kind: 'reply', result: 1 })!, /fields kind,result/);
});

test('when the far side dies, failAll rejects every waiting request; late answers are ignored', async () => {
  const sent: Envelope[] = [];
  const requester = new Requester<Msg, Rep, Progress>((e) => sent.push(e), toError);
  const a = requester.request({ type: 'add', a: 1, b: 1 });
  const b = requester.request({ type: 'slow', steps: 2 });
  assert.equal(requester.waiting, 2);
  requester.failAll(new Error('the job process was killed by SIGKILL'));
  await assert.rejects(a.reply, /SIGKILL/);
  await assert.rejects(b.reply, /SIGKILL/);
  assert.equal(requester.receive({ kind: 'reply', inReplyTo: a.id, result: 2 }), true);
  requester.cancel(a.id);
  assert.equal(sent.filter((e) => e.kind === 'cancel').length, 0, 'no cancel for a request given up on');
});

test('a request to a side already gone fails at once instead of waiting forever', async () => {
  const requester = new Requester<Msg, Rep, Progress>(() => {
    throw new Error('channel closed');
  }, toError);
  await assert.rejects(requester.request({ type: 'add', a: 1, b: 2 }).reply, /channel closed/);
  assert.equal(requester.waiting, 0);
});

test('replies are checked against their schema when the far side is not trusted', async () => {
  const requester = new Requester<Msg, Rep, Progress>(() => undefined, toError, { add: s.number({ min: 0 }) });
  const r = requester.request({ type: 'add', a: -5, b: 1 });
  requester.receive({ kind: 'reply', inReplyTo: r.id, result: -4 });
  await assert.rejects(r.reply, /malformed reply to add/);
});
