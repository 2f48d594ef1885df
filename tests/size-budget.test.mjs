// The shipped size can only go down: the brotli page download of the built package (www/, after
// scripts/build.sh) must not exceed the figure stated in bench/budget.json — the budget, or, while
// the budget is missed, the level reached. Run: node --test tests/size-budget.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { readBudget, shippedSizes } from '../bench/sizes.mjs';

// How far the level reached may fall below the stated figure before the figure must be lowered.
const SLACK = 1000;

const { budgetBrotliBytes: budget, statedBrotliBytes: stated } = readBudget();
const sizes = shippedSizes();
const brotli = sizes.total.brotli;
const files = sizes.rows
  .filter((r) => r.loaded)
  .map((r) => `${r.file} ${r.brotli} B`)
  .join(', ');

test('bench/budget.json states the budget, or a level above it only while it is missed', () => {
  assert.ok(Number.isInteger(budget) && budget > 0, 'budgetBrotliBytes must be a positive integer');
  assert.ok(Number.isInteger(stated) && stated > 0, 'statedBrotliBytes must be a positive integer');
  assert.ok(
    stated <= budget || brotli > budget,
    `the page download (${brotli} B) meets the budget (${budget} B): set statedBrotliBytes to ${budget}`,
  );
});

test('the page download is within the stated brotli size', () => {
  assert.ok(
    brotli <= stated,
    `the page download is ${brotli} B brotli, over the stated ${stated} B by ${brotli - stated} B (${files})`,
  );
});

test('the stated size follows the level reached down (size can only go down)', () => {
  assert.ok(
    stated <= budget || brotli >= stated - SLACK,
    `the page download is ${brotli} B brotli, more than ${SLACK} B under the stated ${stated} B: ` +
      `lower statedBrotliBytes in bench/budget.json to ${Math.max(brotli, budget)}`,
  );
});
