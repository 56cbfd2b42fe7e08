// Accessibility: axe-core's WCAG 2.0, 2.1 and 2.2 level A and AA rules,
// run in the page as it is shown (one colour scheme, one width). Passes
// with zero violations. Results axe cannot decide ("incomplete", such as
// text over an image) are not failures.

import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axeTags are the rule sets run. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * checkAxe runs axe in page and returns its violations as readable lines:
 * the rules of axeTags, or only the given rules (ids).
 */
export async function checkAxe(page, rules = null) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: axeTags };
  const violations = await page.evaluate(async (runOnly) => {
    const r = await window.axe.run(document, { runOnly, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), why: (n.failureSummary || '').split('\n').slice(1, 2).join(' ').trim() })),
    }));
  }, runOnly);
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 3).map((n) => `${n.target}${n.why ? ': ' + n.why : ''}`);
    const more = v.nodes.length > 3 ? ` (and ${v.nodes.length - 3} more)` : '';
    return `${v.id} (${v.impact}): ${v.help}: ${nodes.join('; ')}${more}`;
  });
}
