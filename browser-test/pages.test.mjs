// The pages in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; never a
// downloaded browser), against a running Rumbl:
//   node browser-test/pages.test.mjs BASE_URL ADMIN_TOKEN SCREENSHOT_DIR
// Two users open the same video, one signing up on the page and one signing in, and annotate it; each of them,
// and an anonymous viewer, sees both annotations with the right author and the local backend's answer "2" to
// "1 + 1"; the anonymous viewer has no annotate form, and the server refuses its annotation; signing out hides
// the form again.
// The observer page draws the tree as SVG with the application's supervisors, shows the book's counter's info in its
// panel (the state only with the admin token), kills it with the token, and sees it back with a new pid, restarted
// once, and the restarts chart risen; the tree, the panel and the charts are screenshot.
// Two signed-in viewers of one video see each other in its "Watching now" list (and GET .../presence lists both);
// when one closes the tab, it leaves the other's list.
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

async function theObserverDrawsTheTreeShowsTheCounterAndSeesItRestart(browser) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1100 } })).newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/observer.html`);
  await page.locator('#connection', { hasText: 'live' }).waitFor(WAIT);

  // The tree is SVG, with the application's supervisors as boxes and dynamic ones' children as counts.
  const tree = page.locator('#tree svg');
  await tree.waitFor(WAIT);
  for (const id of ['rumbl', 'infosys', 'counters', 'videos.channels']) {
    await tree.locator(`g.node.supervisor[data-id="${id}"]`).waitFor(WAIT);
  }
  await tree.locator('g.node.count[data-key="rumbl/counters/*"]').waitFor(WAIT);
  if (await tree.locator('path.edge').count() < 8) throw new Error('the tree has too few edges');
  const counter = tree.locator('g.node.worker[data-id="counter"]');
  await counter.waitFor(WAIT);
  const before = await counter.getAttribute('data-pid');
  if (!before) throw new Error('the counter box has no pid');
  if (await counter.getAttribute('data-restarted') !== '0') throw new Error('the counter was restarted before the test');
  await page.screenshot({ path: join(shots, 'browser-observer-tree.png'), fullPage: true });

  // Its info in the side panel, without the state until the admin token is given.
  await page.getByRole('button', { name: /^counter, worker, permanent, restarted 0 times/ }).click();
  const panel = page.locator('#panel');
  await panel.locator(`[data-field="pid"]`, { hasText: before }).waitFor(WAIT);
  await panel.locator('[data-field="name"]', { hasText: 'counter' }).waitFor(WAIT);
  await panel.locator('[data-field="status"]').waitFor(WAIT);
  await panel.locator('[data-field="messageQueueLen"]').waitFor(WAIT);
  if (await panel.locator('[data-field="state"]').count() !== 0) throw new Error('the state is shown without the admin token');
  if (await page.getByRole('button', { name: 'Kill counter' }).isVisible()) throw new Error('a kill button without the admin token');

  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
  await panel.locator('[data-field="state"]').waitFor(WAIT);
  await page.locator('#charts figure').first().waitFor(WAIT);
  await page.screenshot({ path: join(shots, 'browser-observer-panel.png'), fullPage: true });

  // Killed with the token: back with a new pid, restarted once, and the restarts chart rises.
  await page.getByRole('button', { name: 'Kill counter' }).click();
  // It flashes for 1.5 s when the tree first shows it back.
  await tree.locator(`g.node.worker.flash[data-id="counter"][data-restarted="1"]:not([data-pid="${before}"]):not([data-pid=""])`).waitFor(WAIT);
  await panel.locator('[data-field="pid"]').filter({ hasNotText: before }).filter({ hasText: '#PID<' }).waitFor(WAIT);
  await page.locator('#chart-restarts:not([data-max="0"])').waitFor(WAIT);
  const max = Number(await page.locator('#chart-restarts').getAttribute('data-max'));
  if (!(max > 0)) throw new Error(`the restarts chart shows at most ${max}`);
  for (const id of ['processes', 'messages', 'computes', 'compute-time', 'heap', 'loops']) {
    await page.locator(`#chart-${id} canvas`).waitFor(WAIT);
  }
  // Every control shown, the tree's boxes and the charts included, has an accessible name.
  const { checked, unnamed } = await page.evaluate(() => {
    const controls = [...document.querySelectorAll('button, select, input, [role="button"], [role="img"]')]
      .filter((control) => control.offsetParent !== null || control instanceof SVGElement);
    const nameless = controls.filter((control) => !(control.getAttribute('aria-label') || control.labels?.[0]?.textContent.trim()
      || control.textContent.trim()));
    return { checked: controls.length, unnamed: nameless.map((control) => control.outerHTML.slice(0, 80)) };
  });
  if (checked < 30) throw new Error(`only ${checked} controls found to check`);
  if (unnamed.length) throw new Error('controls without an accessible name: ' + unnamed.join(' | '));
  await page.locator('#charts').screenshot({ path: join(shots, 'browser-observer-charts.png') });
  await page.screenshot({ path: join(shots, 'browser-observer-after.png'), fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
}

const tests = [twoUsersAnnotateAndEveryoneSeesBothWithTheirAuthors, twoViewersSeeEachOtherWatchingAndAClosedTabLeavesTheList,
  theObserverDrawsTheTreeShowsTheCounterAndSeesItRestart];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
await runAll(tests, browser);
