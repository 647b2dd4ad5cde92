// The side view pad's timing of an imported model's answers (src/webview/pendingAnswers.ts): a stand-in is never
// timed; an answer counts from the first time its code was asked for; old unanswered codes are forgotten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PendingAnswers } from '../../../src/webview/pendingAnswers';

test('an answer is timed from the first asking of its code, not from the redraw that showed it', () => {
  const p = new PendingAnswers();
  p.waiting('a', 10);
  p.waiting('a', 25); // the pointer came back to the same code before the answer landed
  p.waiting('b', 30);
  assert.equal(p.shown('a', 70, 70), 60, 'asked at 10, shown at 70');
  assert.equal(p.size, 1, 'b still waits');
  assert.equal(p.shown('b', 90, 88), 60);
  assert.equal(p.size, 0);
});

test('a code answered from the cache at once takes the time of that draw alone', () => {
  const p = new PendingAnswers();
  assert.equal(p.shown('c', 12.5, 12), 0.5);
});

test('unanswered codes beyond the capacity are forgotten oldest first; clear forgets all', () => {
  const p = new PendingAnswers(2);
  p.waiting('x', 1);
  p.waiting('y', 2);
  p.waiting('z', 3);
  assert.equal(p.size, 2);
  assert.equal(p.shown('x', 10, 9), 1, 'x was forgotten: timed from its last asking');
  assert.equal(p.shown('y', 10, 9), 8);
  p.clear();
  assert.equal(p.shown('z', 10, 9), 1);
});
