// Assertions the end-to-end suites share, on plain objects and on a <delivery-tracker>'s shadow
// root through a TrackerPage of ../harness.mjs.
import assert from 'node:assert/strict';

/** Checks each key of `expected` (deep equality); extra keys in `actual` are allowed. */
export function assertFields(actual, expected, what) {
  assert.ok(actual && typeof actual === 'object', `${what}: expected an object, got ${JSON.stringify(actual)}`);
  for (const [k, v] of Object.entries(expected)) {
    assert.deepEqual(actual[k], v, `${what}.${k} (whole: ${JSON.stringify(actual).slice(0, 400)})`);
  }
}

/** Index of the stage marked aria-current="step" (0-based), checking there is exactly one. */
export async function currentStage(tp, sel) {
  const marks = await tp.attrs(sel, 'ol[part=stages] > li[part=stage]', 'aria-current');
  assert.equal(marks.length, 5, 'five li[part=stage]');
  const current = marks.map((m, i) => (m === 'step' ? i : -1)).filter((i) => i >= 0);
  assert.equal(current.length, 1, `exactly one stage has aria-current="step": ${JSON.stringify(marks)}`);
  return current[0];
}

/** Each li[part=stage] shows its label (extra words, such as "step 5 of 5" for screen readers, allowed). */
export async function assertStageLabels(tp, sel, labels) {
  const texts = await tp.texts(sel, 'ol[part=stages] > li[part=stage]');
  assert.equal(texts.length, 5, `five stages: ${JSON.stringify(texts)}`);
  labels.forEach((label, i) => assert.ok(texts[i].includes(label), `stage ${i + 1} shows "${label}": ${JSON.stringify(texts)}`));
}

/** The href of every a[part=link] in the shadow root (or inside `scope` there). */
export async function linkHrefs(tp, sel, scope = '') {
  return tp.attrs(sel, `${scope} a[part=link]`.trim(), 'href');
}

/**
 * Waits for the `fallback` state, then checks the dt-error detail (the given fields, and
 * `fallbackHref` = `href`) and the dt-fallback detail (`{ reason: error.kind, href }`).
 * Resolves with both recorded events.
 */
export async function expectFallback(tp, sel, error, href, { timeoutMs } = {}) {
  await tp.waitForState(sel, 'fallback', timeoutMs);
  const [err] = await tp.waitForEvents('dt-error', sel);
  assertFields(err.detail, { ...error, fallbackHref: href }, 'dt-error detail');
  const [fb] = await tp.waitForEvents('dt-fallback', sel);
  assert.deepEqual(fb.detail, { reason: error.kind, href });
  return { err, fb };
}

/** Relative luminance of a computed `rgb(…)`/`rgba(…)` colour (WCAG formula). */
export function luminance(css) {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(css);
  assert.ok(m, `a computed colour: ${css}`);
  const [r, g, b] = m.slice(1, 4).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
