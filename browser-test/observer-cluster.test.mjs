// The observer page of one node of a cluster showing another node, in real headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core), against two clustered Rumbl nodes:
//   node browser-test/observer-cluster.test.mjs BASE_URL_OF_A NODE_B ROOT_PID_OF_B COUNTER_PID_OF_B SCREENSHOT_DIR
// Node A's page lists both nodes; choosing B draws B's tree (B's root pid) and B's load, and clicking B's counter
// shows B's counter's info. Ends with the line "N passed, M failed"; exit code 1 on a failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runAll } from './runner.mjs';

const [base, nodeB, rootB, counterB, shots] = process.argv.slice(2);
if (!base || !nodeB || !rootB || !counterB || !shots) {
  console.error('usage: node browser-test/observer-cluster.test.mjs BASE_URL_OF_A NODE_B ROOT_PID_OF_B COUNTER_PID_OF_B SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const WAIT = { timeout: 20_000 };
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync'];

async function oneNodesPageShowsAnotherNode(browser) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/observer.html`);
  await page.locator('#connection', { hasText: 'live' }).waitFor(WAIT);
  const root = page.locator('#tree g.node.supervisor[data-id="rumbl"]');
  await root.waitFor(WAIT);
  if (await root.getAttribute('data-pid') === rootB) throw new Error('node A\'s page starts on node B');
  if (await page.locator('#node option').count() !== 2) throw new Error('the node select does not list both nodes');

  await page.getByLabel('Node').selectOption(nodeB);
  await page.locator(`#tree g.node.supervisor[data-id="rumbl"][data-pid="${rootB}"]`).waitFor(WAIT);
  await page.locator('#chart-processes canvas').waitFor(WAIT);
  await page.locator('#tree g.node.worker[data-id="counter"]').click();
  await page.locator('#panel [data-field="pid"]', { hasText: counterB }).waitFor(WAIT);
  // Held for two more feeds: node A's own tree never replaces B's.
  await page.waitForTimeout(1000);
  if (await root.getAttribute('data-pid') !== rootB) throw new Error('node A\'s tree replaced node B\'s');
  if (!page.url().includes('node=' + encodeURIComponent(nodeB))) throw new Error('the page\'s address does not name node B');
  await page.screenshot({ path: join(shots, 'browser-observer-cluster.png'), fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
await runAll([oneNodesPageShowsAnotherNode], browser);
