// The side view's page in headless Chromium: model list, training status and the latent pad.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostToSide } from '../../src/protocol/sideView';
import type { HostToPage } from '../../src/protocol/webview';
import { inkedPixels, post, trainedMessages, withPage } from './harness';

test('the side view lists models, shows training, and its latent pad decodes under the pointer', { timeout: 90_000 }, async () => {
  const messages = await trainedMessages();
  const model = messages[0] as Extract<HostToPage, { type: 'model' }>;
  const decoder = messages[2] as Extract<HostToPage, { type: 'decoder' }>;
  await withPage('side', async ({ page, posted, problems }) => {
    assert.deepEqual(posted, [{ type: 'ready' }]);
    const state: HostToSide = {
      type: 'state',
      models: [
        { name: 'a-model', modelDir: '/m/a-model', status: 'completed', epochs: 10, negElbo: 250.5 },
        { name: 'fashion', modelDir: '/models/fashion-mnist-sample', status: 'training', epochs: 2, negElbo: 276.4 },
      ],
      current: '/models/fashion-mnist-sample',
      training: { modelDir: '/models/fashion-mnist-sample', epoch: 2, epochs: 3, history: [320.1, 290.3] },
    };
    await post(page, state);
    await page.waitForFunction(() => document.querySelectorAll('#models li').length === 2);
    assert.match((await page.textContent('#train-status')) ?? '', /epoch 2\/3, −ELBO 290\.3/);
    assert.ok((await inkedPixels(page, 'spark')) > 20, 'the −ELBO sparkline is drawn');
    // a VQ-VAE's last phase: the epochs are done and its code prior is being fitted
    await post(page, { ...state, training: { ...state.training!, epoch: 3, codePrior: { epoch: 4, epochs: 10 } } });
    await page.waitForFunction(() => document.getElementById('train-status')!.textContent!.includes('code prior'));
    assert.match((await page.textContent('#train-status')) ?? '', /epoch 3\/3, −ELBO 290\.3; code prior 4\/10$/);
    await page.click('#models li:nth-child(2) button');
    await page.click('#cancel');
    await page.click('#sample');
    const kl = model.epochs.at(-1)!.validation!.klPerDim;
    const pad: HostToSide = { type: 'pad', modelDir: '/models/fashion-mnist-sample', source: decoder.source, model: model.summary.model, klPerDim: kl };
    await post(page, pad);
    await page.waitForFunction(() => !document.getElementById('pad-section')!.hidden);
    const order = kl.map((v, d) => [v, d] as const).sort((x, y) => y[0] - x[0]);
    assert.equal(await page.textContent('#pad-dims'), `(z${order[0][1]} → x, z${order[1][1]} → y)`, 'the two highest-KL dimensions');
    const image = () => page.evaluate(() => {
      const c = document.getElementById('pad-image') as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 0));
    });
    const box = (await page.locator('#pad').boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 10);
    const corner = await image();
    await page.mouse.move(box.x + box.width - 10, box.y + box.height - 10);
    assert.notDeepEqual(await image(), corner, 'moving across the pad changes the decoded image');
    const sent = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(sent.slice(1), [{ type: 'openModel', index: 1 }, { type: 'cancel' }, { type: 'sample' }]);
    assert.deepEqual(problems, []);
    assert.equal((await page.evaluate(() => (window as unknown as { __posted: { csp?: string }[] }).__posted)).filter((p) => p.csp).length, 0);
  });
});
