import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

// axe-core injected into the page (`@axe-core/playwright` needs Node 22): the context must be
// created with `bypassCSP: true`, or the app's CSP refuses the script.
const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const widths = [1280, 390] as const;
const schemes = ['light', 'dark'] as const;

async function violationsNow(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
}

// Layout and colour transitions started by a change of width or scheme have ended: axe measures
// contrast from computed colours, and a text caught half-way from light to dark fails it. A fixed
// pause was too short on a loaded machine. Transitions start on the next frames; at most 2 s.
async function settled(page: Page) {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    await frame();
    const transitions = document
      .getAnimations()
      .filter((animation) => animation instanceof CSSTransition)
      .map((animation) => animation.finished.catch(() => undefined));
    await Promise.race([
      Promise.all(transitions),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  });
}

// The serious and critical axe violations of the page as it is now, at 1280 px and 390 px, in
// the light and the dark colour scheme; the page is left at 1280 px in the light scheme, settled.
export async function seriousViolations(page: Page, where = page.url()): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await settled(page);
      for (const violation of await violationsNow(page)) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        found.push(
          `${where} (${width}px, ${scheme}): ${violation.id} (${violation.impact}) ${violation.help} at ${violation.targets.join(', ')}`,
        );
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  // the phone's cards give way to the desktop's table on the next renders: a click before that
  // can land on an element that is replaced between press and release, and is lost
  await settled(page);
  return found;
}
