import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWebviewToHost } from '../../../src/protocol/webview';
import { Rng } from '../../../src/shared/rng';

test('the host accepts exactly the messages the panel may send', () => {
  for (const ok of [{ type: 'ready' }, { type: 'cancelTraining' }, { type: 'openSource', index: 0 }, { type: 'openSource', index: 15 }, { type: 'requestPreview', order: 'worst' }, { type: 'requestPreview', order: 'spread' }, { type: 'saveImage', pixels: [0, 255, 17] }, { type: 'exportPng', kind: 'samples', width: 2, height: 1, channels: 1, pixels: [0, 9] }, { type: 'retrain', remedy: 'halveBeta' }, { type: 'retrain', remedy: 'freeBits' }, { type: 'requestLatentMap', method: 'pca' }, { type: 'requestLatentMap', method: 'umap' }]) {
    assert.ok(isWebviewToHost(ok), JSON.stringify(ok));
  }
  const bad: unknown[] = [
    null, undefined, 42, 'ready', [], [{ type: 'ready' }], {}, { type: 'Ready' }, { type: 'ready', extra: 1 },
    { type: 'openSource' }, { type: 'openSource', index: -1 }, { type: 'openSource', index: 1.5 }, { type: 'openSource', index: '3' },
    { type: 'openSource', index: 1e12 }, { type: 'openSource', index: 1, path: '/etc/passwd' }, { type: 'runCommand', command: 'rm' },
    { type: '__proto__' }, Object.create({ type: 'ready' }), { type: 'requestPreview' }, { type: 'requestPreview', order: 'best' },
    { type: 'requestPreview', order: 'worst', count: 1e9 }, { type: 'saveImage', pixels: [] }, { type: 'saveImage', pixels: [256] },
    { type: 'saveImage', pixels: [1.5] }, { type: 'saveImage', pixels: '0,1' }, { type: 'saveImage', pixels: new Array(1024 * 1024 * 3 + 1).fill(0) },
    { type: 'saveImage', pixels: [1], path: '/etc/passwd' },
    { type: 'exportPng', kind: 'samples', width: 2, height: 2, channels: 1, pixels: [0, 9] },
    { type: 'exportPng', kind: '../x', width: 2, height: 1, channels: 1, pixels: [0, 9] },
    { type: 'exportPng', kind: 'samples', width: 1, height: 1, channels: 2, pixels: [0, 9] },
    { type: 'exportPng', kind: 'samples', width: 1e9, height: 1, channels: 1, pixels: [0] },
    { type: 'requestLatentMap' }, { type: 'requestLatentMap', method: 'tsne' }, { type: 'requestLatentMap', method: 'umap', maxPoints: 1e9 },
    { type: 'retrain', remedy: 'constructor' }, { type: 'retrain', remedy: 'freebits' }, { type: 'retrain' }, { type: 'retrain', remedy: 'warmup', beta: 0 },
  ];
  for (const m of bad) assert.equal(isWebviewToHost(m), false, String(JSON.stringify(m)).slice(0, 200));
});

test('random and malformed messages never pass validation and never throw (fuzz, 10 000 messages)', () => {
  const rng = new Rng(42);
  const atoms = [null, 0, -1, 1.5, 1e300, NaN, '', 'ready', 'openSource', 'cancelTraining', 'requestPreview', 'worst', true, [], {}, '../../x'];
  const pick = <T>(a: T[]) => a[Math.floor(rng.next() * a.length)];
  let accepted = 0;
  for (let i = 0; i < 10_000; i++) {
    const msg: Record<string, unknown> = {};
    const n = Math.floor(rng.next() * 4);
    for (let k = 0; k < n; k++) msg[pick(['type', 'index', 'order', 'path', 'command', 'constructor'])] = pick(atoms);
    const ok = isWebviewToHost(msg);
    if (ok) {
      accepted++;
      // anything accepted must be one of the three shapes exactly
      const t = msg.type;
      const shapeOk =
        t === 'ready' || t === 'cancelTraining'
          ? Object.keys(msg).length === 1
          : t === 'openSource'
            ? Number.isInteger(msg.index) && (msg.index as number) >= 0
            : t === 'requestPreview'
              ? msg.order === 'worst' || msg.order === 'spread'
              : t === 'retrain'
                ? typeof msg.remedy === 'string'
                : (t === 'saveImage' || t === 'exportPng') && Array.isArray(msg.pixels) && (msg.pixels as unknown[]).length > 0;
      assert.ok(shapeOk, JSON.stringify(msg));
    }
  }
  assert.ok(accepted < 10_000);
});
