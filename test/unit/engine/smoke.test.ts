import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/engine/backend';
test('smoke', async () => { assert.equal(await initBackend(), 'wasm'); assert.equal(tf.add(1,2).dataSync()[0], 3); });
