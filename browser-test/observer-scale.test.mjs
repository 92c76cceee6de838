// The observer page with 100,000 processes in the tree, in real headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core), against a running Rumbl whose `counters` supervisor has 100,000 children:
//   node browser-test/observer-scale.test.mjs BASE_URL SCREENSHOT_DIR
// The tree is drawn with the counters as one count box (counts, not 100,000 boxes), a click still opens the panel,
// and the page still answers: the time a frame takes to come, measured a few times, is printed (not asserted).
// Ends with the line "N passed, M failed"; exit code 1 on a failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runAll } from './runner.mjs';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node browser-test/observer-scale.test.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
// Generous: the application holds 100,000 processes on the same machine as the browser.
const WAIT = { timeout: 60_000 };
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync'];
const PROCESSES = 100_000;

async function aHundredThousandProcessesAreCountedNotDrawn(browser) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/observer.html`);
  await page.locator('#connection', { hasText: 'live' }).waitFor(WAIT);

  const counters = page.locator('#tree g.node.count[data-key="rumbl/counters/*"]');
  await counters.waitFor(WAIT);
  const count = Number(await counters.getAttribute('data-count'));
  if (count < PROCESSES) throw new Error(`the counters' count box shows ${count}, not ${PROCESSES}`);
  const boxes = await page.locator('#tree g.node').count();
  if (boxes > 100) throw new Error(`${boxes} boxes drawn for the tree`);

  await counters.click();
  await page.locator('#panel [data-field="name"]', { hasText: 'counters' }).waitFor(WAIT);
  if (await page.locator('#panel-children li').count() !== 100) throw new Error('the panel does not list the first 100 children');
  await page.locator('#tree g.node.worker[data-id="counter"]').click();
  await page.locator('#panel [data-field="name"]', { hasText: 'counter' }).waitFor(WAIT);

  const frames = [];
  for (let i = 0; i < 5; i++) {
    frames.push(await page.evaluate(() => new Promise((resolve) => {
      const asked = performance.now();
      requestAnimationFrame(() => resolve(performance.now() - asked));
    })));
    await page.waitForTimeout(300);
  }
  console.log(`${boxes} boxes for ${count} counters; frame waits (ms): ${frames.map((ms) => ms.toFixed(1)).join(', ')}`);
  await page.screenshot({ path: join(shots, 'browser-observer-100k.png'), fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
await runAll([aHundredThousandProcessesAreCountedNotDrawn], browser);
