// The pages under their Content-Security-Policy, in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), against a running Rumbl whose video VIDEO_ID holds two InfoSys answers, one linking to an
// https: page and one to a javascript: URL:
//   node browser-test/hardening.test.mjs BASE_URL VIDEO_ID SCREENSHOT_DIR
// Every page loads and goes live over the event bus with no CSP violation reported (no `securitypolicyviolation`
// event, no console error); only the https: URL is a link; and an inline script added to a page is refused, so the
// policy is really enforced and a violation would be seen. Ends with "N passed, M failed"; exit code 1 on a failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runAll } from './runner.mjs';

const [base, videoId, shots] = process.argv.slice(2);
if (!base || !videoId || !shots) {
  console.error('usage: node browser-test/hardening.test.mjs BASE_URL VIDEO_ID SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const WAIT = { timeout: 15_000 };
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync'];

// A page whose CSP violations and console errors are collected from before its first script runs.
async function watchedPage(browser, path) {
  const page = await (await browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push('console: ' + message.text() + ' at ' + message.location().url); });
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('response', (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`); });
  await page.exposeFunction('reportViolation', (text) => problems.push('violation: ' + text));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (event) => window.reportViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'))));
  await page.goto(base + path);
  await page.locator('#connection', { hasText: 'live' }).waitFor(WAIT);
  return { page, problems };
}

function expectNone(problems, where) {
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
}

async function theVideoPageRunsUnderItsPolicyAndLinksOnlyHttpUrls(browser) {
  const { page, problems } = await watchedPage(browser, `/index.html#video=${videoId}`);
  await page.locator('#watch').waitFor({ state: 'visible', ...WAIT });
  const trap = page.locator('#annotations li', { hasText: 'a javascript: answer' });
  const fine = page.locator('#annotations li', { hasText: 'an https: answer' });
  await trap.waitFor(WAIT);
  await fine.waitFor(WAIT);

  if (await page.locator('a[href^="javascript:"]').count() !== 0) throw new Error('a javascript: URL is rendered as a link');
  if (await trap.locator('a').count() !== 0) throw new Error('the javascript: answer has a link');
  const shown = await trap.locator('.source').textContent();
  if (!shown.includes('javascript:')) throw new Error(`the javascript: URL is not shown as text: '${shown}'`);
  if (await fine.locator('a.source[href^="https://"]').count() !== 1) throw new Error('the https: answer has no link');
  await page.screenshot({ path: join(shots, 'browser-hardening-video.png'), fullPage: true });
  expectNone(problems, 'video page');
}

async function theObserverRunsUnderItsPolicy(browser) {
  const { page, problems } = await watchedPage(browser, '/observer.html');
  await page.locator('.node.supervisor[data-id="rumbl"]').waitFor(WAIT);
  expectNone(problems, 'observer page');
}

async function anInlineScriptIsRefusedAndReported(browser) {
  const { page, problems } = await watchedPage(browser, '/index.html');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.body.append(script);
  });
  await page.waitForFunction(() => true);
  const ran = await page.evaluate(() => window.inlineRan === true);
  if (ran) throw new Error('an inline script ran: the policy is not enforced');
  for (let i = 0; i < 50 && !problems.some((p) => p.startsWith('violation: script-src')); i++) await page.waitForTimeout(100);
  if (!problems.some((p) => p.startsWith('violation: script-src'))) throw new Error(`no violation was reported: ${problems}`);
}

const tests = [theVideoPageRunsUnderItsPolicyAndLinksOnlyHttpUrls, theObserverRunsUnderItsPolicy, anInlineScriptIsRefusedAndReported];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
await runAll(tests, browser);
