// The accessibility check of issue 13: axe-core injected into the page and run against WCAG 2.0/2.1
// A and AA plus axe's best practices; only serious and critical findings fail a test.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
// require.resolve('axe-core') is axe.js; the minified build beside it is what we inject.
const axeSource = readFileSync(require.resolve('axe-core').replace(/axe\.js$/, 'axe.min.js'), 'utf8');

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

const RULE_SETS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export interface A11yOptions {
  /** Care mode (关怀模式) is on: text contrast is held to AAA (7:1, axe's color-contrast-enhanced). */
  care?: boolean;
}

/** The serious and critical axe violations on the page as it stands now. */
export async function axeViolations(page: Page, options: A11yOptions = {}): Promise<A11yViolation[]> {
  const runOnly = options.care ? [...RULE_SETS, 'wcag2aaa'] : RULE_SETS;
  // Evaluated rather than added as a <script> tag: the app's CSP (script-src 'self') blocks inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  }, runOnly);
}

/** One line per violation and one indented line per element, for a failure message a person can read. */
export function describeViolations(violations: A11yViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id} (${v.targets.length}): ${v.help}\n${v.targets.map((t) => `    ${t}`).join('\n')}`).join('\n');
}

/** Fails listing every serious or critical violation on the page under `name`. */
export async function expectAccessible(page: Page, name: string, options: A11yOptions = {}): Promise<void> {
  const found = await axeViolations(page, options);
  if (found.length > 0) {
    throw new Error(`${name}: ${found.length} serious or critical accessibility violations\n${describeViolations(found)}`);
  }
}
