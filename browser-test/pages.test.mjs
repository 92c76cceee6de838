// The pages in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; never a
// downloaded browser), against a running Rumbl:
//   node browser-test/pages.test.mjs BASE_URL ADMIN_TOKEN SCREENSHOT_DIR
// Two viewers open the same video; one annotates "1 + 1"; both see it and the local backend's answer "2".
// The observer page shows the tree, and a new pid and one more restart of the root (1 on a fresh start) once the
// counter is killed.
// Each page is screenshot into SCREENSHOT_DIR. Ends with the line "N passed, M failed"; exit code 1 on a failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runAll } from './runner.mjs';

const [base, token, shots] = process.argv.slice(2);
if (!base || !token || !shots) {
  console.error('usage: node browser-test/pages.test.mjs BASE_URL ADMIN_TOKEN SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const WAIT = { timeout: 15_000 };
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync'];

async function api(path, body) {
  const response = await fetch(base + path, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

async function openVideo(browser, id) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${base}/index.html#video=${id}`);
  await page.locator('#watch').waitFor({ state: 'visible', ...WAIT });
  await page.locator('#connection', { hasText: 'live' }).waitFor(WAIT);
  return page;
}

async function twoViewersSeeAnAnnotationAndTheInfoSysAnswer(browser) {
  const video = await api('/api/videos', { title: 'Browser test: arithmetic', url: '' });
  const alice = await openVideo(browser, video.id);
  const bob = await openVideo(browser, video.id);

  await alice.locator('#seek').fill('42000');
  await alice.getByLabel('Your name').fill('alice');
  await alice.getByLabel('Annotation', { exact: true }).fill('1 + 1');
  await alice.getByRole('button', { name: 'Annotate at current time' }).click();

  for (const page of [alice, bob]) {
    const question = page.locator('#annotations li[data-user="alice"]', { hasText: '1 + 1' });
    await question.waitFor(WAIT);
    const answer = page.locator('#annotations li[data-user="local"]');
    await answer.waitFor(WAIT);
    const text = await answer.locator('.body').textContent();
    if (text !== '2') throw new Error(`the answer reads '${text}', not '2'`);
    if (!(await answer.locator('.badge').isVisible())) throw new Error('the answer has no backend badge');
    const times = await page.locator('#annotations li .at').allTextContents();
    if (times.length !== 2 || times[0] !== times[1] || !times[0].startsWith('0:4')) throw new Error(`unexpected times ${times}`);
  }
  await alice.screenshot({ path: join(shots, 'browser-video-alice.png'), fullPage: true });
  await bob.screenshot({ path: join(shots, 'browser-video-bob.png'), fullPage: true });
}

async function theObserverShowsARestartAfterTheCounterIsKilled(browser) {
  const page = await (await browser.newContext({ viewport: { width: 1000, height: 1000 } })).newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${base}/observer.html`);
  await page.locator('#connection', { hasText: 'live' }).waitFor(WAIT);
  const counter = page.locator('.node.worker[data-id="counter"]');
  await counter.waitFor(WAIT);
  const before = await counter.getAttribute('data-pid');
  const root = page.locator('.node.supervisor[data-id="rumbl"]');
  const restartsBefore = Number(await root.locator('.restarts').getAttribute('data-restarts'));
  await page.screenshot({ path: join(shots, 'browser-observer-before.png'), fullPage: true });

  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
  await page.getByRole('button', { name: 'Kill counter', exact: true }).click();

  await page.locator(`.node.worker[data-id="counter"]:not([data-pid="${before}"]):not([data-pid=""])`).waitFor(WAIT);
  await root.locator(`.restarts[data-restarts="${restartsBefore + 1}"]`).waitFor(WAIT);
  await page.screenshot({ path: join(shots, 'browser-observer-after.png'), fullPage: true });
}

const tests = [twoViewersSeeAnAnnotationAndTheInfoSysAnswer, theObserverShowsARestartAfterTheCounterIsKilled];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
await runAll(tests, browser);
