// The video page in real headless Firefox (Debian's /usr/bin/firefox-esr, driven by puppeteer-core over
// WebDriver BiDi; never a downloaded browser), against a running Rumbl:
//   node browser-test/firefox.test.mjs BASE_URL ADMIN_TOKEN SCREENSHOT_DIR
// Two viewers open the same video; one signs in on the page and annotates "1 + 1"; both see it, with its author,
// and the local backend's answer "2".
// The observer page draws the tree as SVG, shows the book's counter's info when its box is clicked, kills it with the
// admin token and sees it back, restarted once, with the restarts chart risen. Each page is screenshot into SCREENSHOT_DIR.
// Two signed-in viewers see each other in the "Watching now" list, and a closed tab leaves it.
// Ends with the line "N passed, M failed"; exit code 1 on a failure.
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runAll } from './runner.mjs';

const [base, token, shots] = process.argv.slice(2);
if (!base || !token || !shots) {
  console.error('usage: node browser-test/firefox.test.mjs BASE_URL ADMIN_TOKEN SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const WAIT = { timeout: 15_000 };
// Keep Firefox off the network: no updates, telemetry, remote settings, captive-portal or DNS prefetch.
const QUIET = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'toolkit.telemetry.enabled': false,
};

const PASSWORD = 'firefox-test-password';

async function api(path, body, token) {
  const headers = { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) };
  const response = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

// A new account, signed in: its token.
async function signedUp(username) {
  await api('/api/users', { username, password: PASSWORD });
  return (await api('/api/sessions', { username, password: PASSWORD })).token;
}

async function openVideo(browser, id) {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport({ width: 1000, height: 800 });
  await page.goto(`${base}/index.html#video=${id}`);
  await page.waitForSelector('#watch', { visible: true, ...WAIT });
  // A text selector, not waitForFunction: its predicate would be built with Function(), which the pages' CSP refuses.
  await page.waitForSelector('#connection ::-p-text(live)', WAIT);
  return page;
}

async function twoViewersSeeAnAnnotationAndTheInfoSysAnswer(browser) {
  const aliceName = 'alice-ff-' + Date.now().toString(36);
  const video = await api('/api/videos', { title: 'Firefox test: arithmetic', url: '' }, await signedUp(aliceName));
  const alice = await openVideo(browser, video.id);
  const bob = await openVideo(browser, video.id);

  await alice.type('#username', aliceName);
  await alice.type('#password', PASSWORD);
  await alice.click('#sign-in button[type="submit"]');
  await alice.waitForSelector('#annotate', { visible: true, ...WAIT });
  await alice.waitForSelector('#connection ::-p-text(live)', WAIT);
  await alice.type('#body', '1 + 1');
  await alice.click('#annotate button[type="submit"]');

  for (const page of [alice, bob]) {
    await page.waitForSelector(`#annotations li[data-user="${aliceName}"]`, WAIT);
    const author = await page.$eval(`#annotations li[data-user="${aliceName}"] .user`, (element) => element.textContent);
    if (author !== aliceName) throw new Error(`the annotation shows the author '${author}'`);
    await page.waitForSelector('#annotations li[data-user="local"]', WAIT);
    const text = await page.$eval('#annotations li[data-user="local"] .body', (element) => element.textContent);
    if (text !== '2') throw new Error(`the answer reads '${text}', not '2'`);
  }
  await alice.screenshot({ path: join(shots, 'firefox-video-alice.png'), fullPage: true });
  await bob.screenshot({ path: join(shots, 'firefox-video-bob.png'), fullPage: true });
}

// Polls condition (page.waitForFunction compiles its function in the page, which the CSP refuses).
async function until(condition, what) {
  const deadline = Date.now() + WAIT.timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting until ' + what);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function twoViewersSeeEachOtherWatchingAndAClosedTabLeavesTheList(browser) {
  const stamp = Date.now().toString(36);
  const [carolName, daveName] = ['carol-ff-' + stamp, 'dave-ff-' + stamp];
  const video = await api('/api/videos', { title: 'Firefox test: who is watching', url: '' }, await signedUp(carolName));
  await signedUp(daveName);
  const carol = await openVideo(browser, video.id);
  const dave = await openVideo(browser, video.id);
  for (const [page, name] of [[carol, carolName], [dave, daveName]]) {
    await page.type('#username', name);
    await page.type('#password', PASSWORD);
    await page.click('#sign-in button[type="submit"]');
    await page.waitForSelector('#annotate', { visible: true, ...WAIT });
  }

  for (const page of [carol, dave]) {
    await page.waitForSelector(`#watching li[data-user="${carolName}"]`, WAIT);
    await page.waitForSelector(`#watching li[data-user="${daveName}"]`, WAIT);
  }
  await carol.screenshot({ path: join(shots, 'firefox-presence-both.png'), fullPage: true });
  await dave.browserContext().close();
  await carol.waitForSelector(`#watching li[data-user="${daveName}"]`, { hidden: true, ...WAIT });
  await carol.waitForSelector(`#watching li[data-user="${carolName}"]`, WAIT);
}

async function theObserverDrawsTheTreeAndSeesTheCounterRestart(browser) {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(`${base}/observer.html`);
  await page.waitForSelector('#tree svg g.node.supervisor[data-id="rumbl"]', WAIT);
  const counter = '#tree svg g.node.worker[data-id="counter"]';
  await page.waitForSelector(counter, WAIT);
  const before = await page.$eval(counter, (box) => box.dataset.pid);

  await page.click(counter);
  await until(async () => (await page.$eval('#panel', (panel) => panel.querySelector('[data-field="pid"]')?.textContent)) === before,
    'the panel shows the counter\'s pid');
  await page.type('#token', token);
  await page.click('#token-form button[type="submit"]');
  await page.waitForSelector('#panel [data-field="state"]', WAIT);
  await page.click('#panel-kill');
  await page.waitForSelector(`${counter}[data-restarted="1"]:not([data-pid="${before}"]):not([data-pid=""])`, WAIT);
  await page.waitForSelector('#chart-restarts:not([data-max="0"])', WAIT);
  await page.screenshot({ path: join(shots, 'firefox-observer.png'), fullPage: true });
}

const tests = [twoViewersSeeAnAnnotationAndTheInfoSysAnswer, twoViewersSeeEachOtherWatchingAndAClosedTabLeavesTheList,
  theObserverDrawsTheTreeAndSeesTheCounterRestart];
const browser = await puppeteer.launch({
  browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, extraPrefsFirefox: QUIET,
});
await runAll(tests, browser);
