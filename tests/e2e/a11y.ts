// The accessibility check of issue 13: axe-core injected into the page and run against WCAG 2.0/2.1
// A and AA plus axe's best practices; only serious and critical findings fail a test. With
// `{ care: true }` (the member site's 关怀模式) text contrast is held to AAA (7:1) as well: axe's
// rule color-contrast-enhanced added to the run.
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
  /** The page is in 关怀模式: also check text contrast at AAA (color-contrast-enhanced, 7:1). */
  care?: boolean;
}

/** The serious and critical axe violations on the page as it stands now. */
export async function axeViolations(page: Page, options: A11yOptions = {}): Promise<A11yViolation[]> {
  // Evaluated rather than added as a <script> tag: the app's CSP (script-src 'self') blocks inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const rules = options.care ? { 'color-contrast-enhanced': { enabled: true } } : {};
  return page.evaluate(async ({ runOnly, rules }) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly, rules });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  }, { runOnly: RULE_SETS, rules });
}

/** One line per violation and one indented line per element, for a failure message a person can read. */
export function describeViolations(violations: A11yViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id} (${v.targets.length}): ${v.help}\n${v.targets.map((t) => `    ${t}`).join('\n')}`).join('\n');
}

/** Fails listing every serious or critical violation on the page under `name` (`{ care: true }`: AAA contrast too). */
export async function expectAccessible(page: Page, name: string, options: A11yOptions = {}): Promise<void> {
  const found = await axeViolations(page, options);
  if (found.length > 0) {
    throw new Error(`${name}: ${found.length} serious or critical accessibility violations\n${describeViolations(found)}`);
  }
}
