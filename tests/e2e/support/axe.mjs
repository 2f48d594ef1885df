// axe-core for the end-to-end tests: injects the engine (the root devDependency `axe-core`) into
// a page and runs it with its default rules on an element (its shadow tree included) or the
// whole document. Violations come back as plain objects, and `formatViolations` prints them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The path of axe-core's browser bundle. */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** Adds axe-core to the page once (a reload needs it again). */
export async function injectAxe(page) {
  const present = await page.evaluate(() => typeof window.axe === 'object' && typeof window.axe.run === 'function');
  if (!present) await page.addScriptTag({ path: AXE_PATH });
}

/**
 * Runs axe-core with its default rules on the element matched by `selector` (null: the document).
 * Resolves with the violations: [{ id, impact, help, helpUrl, nodes: [{ target, html, summary }] }].
 */
export async function runAxe(page, selector = null) {
  await injectAxe(page);
  return page.evaluate(async (selector) => {
    const context = selector === null ? document : document.querySelector(selector);
    if (!context) throw new Error(`axe: no element ${selector}`);
    const results = await window.axe.run(context, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, selector);
}

/** A readable report of violations, each rule with the nodes it failed on. */
export function formatViolations(label, violations) {
  if (violations.length === 0) return '';
  const lines = [`${label}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.id}] (${v.impact}) ${v.help} — ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`      at ${JSON.stringify(n.target)}: ${n.html.slice(0, 200)}`);
      if (n.summary) lines.push(`        ${n.summary.replace(/\n+/g, ' | ').slice(0, 400)}`);
    }
  }
  return lines.join('\n');
}
