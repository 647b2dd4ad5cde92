// Whether the optional native kernels are loaded, and the skip reason when not. CI sets
// LATENT_EXPLORER_REQUIRE_NATIVE=1, where a missing addon fails instead of skipping.
import assert from 'node:assert/strict';
import { accelerationInUse, initBackend } from '../../src/engine/backend';

export async function nativeOrSkip(t: { skip(reason: string): void }): Promise<boolean> {
  await initBackend();
  const a = accelerationInUse();
  if (a.matMul.kind === 'blas' && a.adam.kind === 'native') return true;
  const reason = a.matMul.kind === 'wasm' ? a.matMul.reason : a.adam.kind === 'tfjs' ? a.adam.reason : 'unknown';
  assert.notEqual(process.env.LATENT_EXPLORER_REQUIRE_NATIVE, '1', `the native kernels are required here but not loaded: ${reason}`);
  t.skip(`native kernels not loaded: ${reason}`);
  return false;
}
