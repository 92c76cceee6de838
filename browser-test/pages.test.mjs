// The pages in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; never a
// downloaded browser), against a running Rumbl:
//   node browser-test/pages.test.mjs BASE_URL ADMIN_TOKEN SCREENSHOT_DIR
// Two users open the same video, one signing up on the page and one signing in, and annotate it; each of them,
// and an anonymous viewer, sees both annotations with the right author and the local backend's answer "2" to
// "1 + 1"; the anonymous viewer has no annotate form, and the server refuses its annotation; signing out hides
// the form again.
// Two signed-in viewers of one video see each other in its "Watching now" list (and GET .../presence lists both);
// when one closes the tab, it leaves the other's list.
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

const PASSWORD = 'browser-test-password';

async function api(path, body, token) {
  const headers = { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) };
  const response = await fetch(base + path, body === undefined ? {} : { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

// A new account, signed in: its token.
async function signedUp(username) {
  await api('/api/users', { username, password: PASSWORD });
  return (await api('/api/sessions', { username, password: PASSWORD })).token;
}

async function fillAccount(page, username) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
}

async function annotate(page, at, text) {
  await page.locator('#seek').fill(String(at));
  await page.getByLabel('Annotation', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Annotate at current time' }).click();
  await page.locator('#annotate-status', { hasText: 'annotated at' }).waitFor(WAIT);
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

async function twoUsersAnnotateAndEveryoneSeesBothWithTheirAuthors(browser) {
  const stamp = Date.now().toString(36);
  const [aliceName, bobName] = ['alice-' + stamp, 'bob-' + stamp];
  const video = await api('/api/videos', { title: 'Browser test: arithmetic', url: '' }, await signedUp('curator-' + stamp));
  await signedUp(bobName);
  const alice = await openVideo(browser, video.id);
  const bob = await openVideo(browser, video.id);
  const anonymous = await openVideo(browser, video.id);

  await fillAccount(alice, aliceName);
  await alice.getByRole('button', { name: 'Sign up' }).click();
  await fillAccount(bob, bobName);
  await bob.getByRole('button', { name: 'Sign in' }).click();
  for (const [page, name] of [[alice, aliceName], [bob, bobName]]) {
    await page.locator('#signed-in-name', { hasText: name }).waitFor(WAIT);
    await page.locator('#connection', { hasText: 'live' }).waitFor(WAIT);
  }
  await annotate(alice, 42000, '1 + 1');
  await annotate(bob, 43000, 'nice one, ' + aliceName);

  for (const page of [alice, bob, anonymous]) {
    const question = page.locator(`#annotations li[data-user="${aliceName}"]`, { hasText: '1 + 1' });
    await question.waitFor(WAIT);
    const reply = page.locator(`#annotations li[data-user="${bobName}"]`, { hasText: 'nice one' });
    await reply.waitFor(WAIT);
    if ((await question.locator('.user').textContent()) !== aliceName) throw new Error('alice\'s annotation shows another author');
    if ((await reply.locator('.user').textContent()) !== bobName) throw new Error('bob\'s annotation shows another author');
    const answer = page.locator('#annotations li[data-user="local"]', { hasText: '2' });
    await answer.waitFor(WAIT);
    if (!(await answer.locator('.badge').isVisible())) throw new Error('the answer has no backend badge');
    if ((await question.locator('.at').textContent()) !== (await answer.locator('.at').textContent())) {
      throw new Error('the answer is not at the time of its question');
    }
  }

  if (await anonymous.locator('#annotate').isVisible()) throw new Error('an anonymous viewer has the annotate form');
  await anonymous.locator('#annotate-hint', { hasText: 'Sign in to annotate' }).waitFor(WAIT);
  const refused = await anonymous.evaluate(async (id) => (await fetch(`/api/videos/${id}/annotations`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body: 'anonymous', at: 1 }),
  })).status, video.id);
  if (refused !== 401) throw new Error(`an anonymous annotation was answered ${refused}, not 401`);

  await alice.screenshot({ path: join(shots, 'browser-video-alice.png'), fullPage: true });
  await bob.screenshot({ path: join(shots, 'browser-video-bob.png'), fullPage: true });
  await anonymous.screenshot({ path: join(shots, 'browser-video-anonymous.png'), fullPage: true });

  await alice.getByRole('button', { name: 'Sign out' }).click();
  await alice.locator('#annotate-hint').waitFor({ state: 'visible', ...WAIT });
  if (await alice.locator('#annotate').isVisible()) throw new Error('the annotate form stays after signing out');
}

async function twoViewersSeeEachOtherWatchingAndAClosedTabLeavesTheList(browser) {
  const stamp = Date.now().toString(36);
  const [carolName, daveName] = ['carol-' + stamp, 'dave-' + stamp];
  const video = await api('/api/videos', { title: 'Browser test: who is watching', url: '' }, await signedUp(carolName));
  await signedUp(daveName);
  const carol = await openVideo(browser, video.id);
  const dave = await openVideo(browser, video.id);
  for (const [page, name] of [[carol, carolName], [dave, daveName]]) {
    await fillAccount(page, name);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signed-in-name', { hasText: name }).waitFor(WAIT);
  }

  for (const page of [carol, dave]) {
    await page.locator(`#watching li[data-user="${carolName}"]`).waitFor(WAIT);
    await page.locator(`#watching li[data-user="${daveName}"]`).waitFor(WAIT);
  }
  const listed = await api(`/api/videos/${video.id}/presence`);
  if (!listed.users.includes(carolName) || !listed.users.includes(daveName)) throw new Error(`the presence route lists ${listed.users}`);
  await carol.screenshot({ path: join(shots, 'browser-presence-both.png'), fullPage: true });

  await dave.context().close();
  await carol.locator(`#watching li[data-user="${daveName}"]`).waitFor({ state: 'detached', ...WAIT });
  await carol.locator(`#watching li[data-user="${carolName}"]`).waitFor(WAIT);
  await carol.screenshot({ path: join(shots, 'browser-presence-after.png'), fullPage: true });
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

const tests = [twoUsersAnnotateAndEveryoneSeesBothWithTheirAuthors, twoViewersSeeEachOtherWatchingAndAClosedTabLeavesTheList, theObserverShowsARestartAfterTheCounterIsKilled];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
await runAll(tests, browser);
