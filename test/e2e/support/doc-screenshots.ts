// Screenshots for docs/ and the README, taken by the end-to-end tests so they always show the current UI.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './mirador-web-process';

/**
 * docs/images when asked for (`npm run docs:screenshots`), else test-results/: the committed pictures change only when
 * someone means to refresh them, not on every test run (each holds temporary paths and times).
 */
export const DOC_IMAGES = process.env.MIRADOR_DOC_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'images') : path.join(REPO_ROOT, 'test-results', 'doc-images');

/**
 * Writes DOC_IMAGES/NAME.png (a fixed name per picture, so a rerun replaces it) and returns its path. With
 * `closeWelcome`, a welcome page covering the editor is closed first, as a user would, so the picture shows the part.
 */
export async function docScreenshot(page: Page, name: string, options: { closeWelcome?: boolean } = {}): Promise<string> {
  if (options.closeWelcome) {
    const close = page.getByRole('button', { name: 'Close Welcome' });
    if (await close.isVisible()) await close.click();
  }
  mkdirSync(DOC_IMAGES, { recursive: true });
  const file = path.join(DOC_IMAGES, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
