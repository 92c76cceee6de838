'use strict';
// The video page: sign up, in and out; pick or create a video, play it (or a simulated clock), list its
// annotations live with their authors, and annotate as the signed-in user.
(() => {
  const { el, json } = Rumbl;
  const BACKENDS = new Set(['wolfram', 'wikipedia', 'local']);
  const $ = (id) => document.getElementById(id);
  const select = $('video-select');
  const video = $('video');
  const list = $('annotations');

  let bus = null;
  let current = null;            // the video being watched
  const annotations = new Map(); // id -> annotation of the current video

  // ---- the playhead: the <video> element's time, or a simulated clock when nothing can be played
  const clock = { startedAt: 0, offset: 0, playing: false };
  function now() {
    if (!video.hidden) return Math.round(video.currentTime * 1000);
    return clock.playing ? clock.offset + (performance.now() - clock.startedAt) : clock.offset;
  }
  function seek(ms) {
    if (!video.hidden) { video.currentTime = ms / 1000; return; }
    clock.offset = ms;
    clock.startedAt = performance.now();
  }
  function format(ms) {
    const seconds = Math.floor(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}.${Math.floor((ms % 1000) / 100)}`;
  }
  function tick() {
    const at = Math.max(0, Math.floor(now()));
    $('playhead').textContent = format(at);
    if (video.hidden && document.activeElement !== $('seek')) $('seek').value = at;
    requestAnimationFrame(tick);
  }
  $('play').addEventListener('click', () => {
    clock.offset = now();
    clock.startedAt = performance.now();
    clock.playing = !clock.playing;
    $('play').textContent = clock.playing ? 'Pause' : 'Play';
    $('play').setAttribute('aria-pressed', String(clock.playing));
  });
  $('seek').addEventListener('input', (event) => seek(Number(event.target.value)));

  function playable(url) {
    if (!url) return false;
    const ext = (new URL(url).pathname.split('.').pop() || '').toLowerCase();
    const types = { mp4: 'video/mp4', webm: 'video/webm', ogv: 'video/ogg', ogg: 'video/ogg', mov: 'video/quicktime' };
    return Boolean(types[ext] && video.canPlayType(types[ext]));
  }
  function useClock() {
    video.hidden = true;
    video.removeAttribute('src');
    $('clock').hidden = false;
  }
  video.addEventListener('error', () => { if (current && current.url) useClock(); });

  // ---- annotations, ordered by time then id
  function render() {
    const sorted = [...annotations.values()].sort((a, b) => a.at - b.at || a.id - b.id);
    list.replaceChildren(...sorted.map((a) => el('li', { 'data-id': a.id, 'data-user': a.user },
      el('button', { class: 'at', type: 'button', title: 'Jump to ' + format(a.at), onclick: () => seek(a.at) }, format(a.at)),
      BACKENDS.has(a.user) ? el('span', { class: 'badge', title: 'answer from InfoSys' }, a.user) : null,
      el('span', { class: 'user' }, a.user),
      el('span', { class: 'body' }, a.body),
      source(a.url))));
  }
  function source(url) {
    if (!url) return null;
    if (Rumbl.linkable(url)) return el('a', { href: url, rel: 'noopener noreferrer', target: '_blank', class: 'source' }, ' source');
    return el('span', { class: 'source' }, ' ' + url);
  }
  function add(annotation) {
    if (current && annotation.videoId === current.id) {
      annotations.set(annotation.id, annotation);
      render();
    }
  }

  // ---- choosing and creating videos
  async function loadVideos(selected) {
    const videos = await Rumbl.all('/api/videos', (video) => video.id);
    select.replaceChildren(...videos.map((v) => el('option', { value: v.id, selected: v.id === selected }, v.title)));
  }
  async function watch(id) {
    $('pick-error').textContent = '';
    const chosen = await fetch('/api/videos/' + encodeURIComponent(id)).then(json);
    if (bus && current && bus.state === EventBus.OPEN) {
      bus.unregisterHandler('videos.' + current.id, onAnnotation);
      bus.unregisterHandler('videos.' + current.id + '.presence', onPresence);
    }
    current = chosen;
    annotations.clear();
    showWatching({ video: chosen.id, users: [], viewers: 0, anonymous: 0 });
    location.hash = 'video=' + chosen.id;
    $('watch').hidden = false;
    $('video-title').textContent = chosen.title;
    clock.offset = 0; clock.playing = false; clock.startedAt = performance.now();
    $('play').textContent = 'Play';
    if (playable(chosen.url)) {
      $('clock').hidden = true;
      video.hidden = false;
      video.src = chosen.url;
    } else {
      useClock();
    }
    subscribe();
    fetch('/api/videos/' + chosen.id + '/presence').then(json).then(showWatching).catch(() => {});
    (await Rumbl.all('/api/videos/' + chosen.id + '/annotations', (a) => a.at + ':' + a.id)).forEach(add);
  }
  function onAnnotation(error, message) {
    if (!error) add(message.body);
  }
  function subscribe() {
    if (bus && bus.state === EventBus.OPEN && current) {
      bus.registerHandler('videos.' + current.id + '.presence', onPresence);
      bus.registerHandler('videos.' + current.id, onAnnotation);
    }
  }

  // ---- who is watching: the users signed in, and how many viewers in all
  function showWatching(presence) {
    if (!current || presence.video !== current.id) return;
    $('watching').replaceChildren(...presence.users.map((user) => el('li', { 'data-user': user }, user)));
    const viewers = presence.viewers === 1 ? '1 viewer' : `${presence.viewers} viewers`;
    $('watching-count').textContent = viewers + (presence.anonymous > 0 ? `, ${presence.anonymous} not signed in` : '');
  }
  function onPresence(error, message) {
    if (!error) showWatching(message.body);
  }

  $('pick').addEventListener('submit', (event) => {
    event.preventDefault();
    watch(select.value).catch((error) => { $('pick-error').textContent = error.message; });
  });
  $('create').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await fetch('/api/videos', {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...RumblAccount.headers() },
        body: JSON.stringify({ title: $('new-title').value, url: $('new-url').value }),
      }).then(json);
      event.target.reset();
      await loadVideos(created.id);
      await watch(created.id);
    } catch (error) {
      $('pick-error').textContent = error.message;
    }
  });

  // ---- the account: the bridge is opened again with the new token whenever it changes
  function showAccount(session) {
    $('signed-in').hidden = !session;
    $('sign-in').hidden = Boolean(session);
    $('signed-in-name').textContent = session ? session.username : '';
    $('annotate').hidden = !session;
    $('annotate-hint').hidden = Boolean(session);
  }
  function openBus() {
    if (bus) {
      bus.enableReconnect(false);
      bus.onclose = () => {};
      bus.close();
    }
    const session = RumblAccount.current();
    bus = Rumbl.connect(subscribe, session && session.token);
  }
  async function account(action) {
    $('account-error').textContent = '';
    try {
      await action($('username').value, $('password').value);
      $('password').value = '';
    } catch (error) {
      $('account-error').textContent = error.message;
    }
  }
  $('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    account(RumblAccount.signIn);
  });
  $('sign-up').addEventListener('click', () => {
    if ($('sign-in').reportValidity()) account(RumblAccount.signUp);
  });
  $('sign-out').addEventListener('click', () => RumblAccount.signOut());
  RumblAccount.onChange((session) => {
    showAccount(session);
    openBus();
  });

  // ---- annotating at the current time, through the bridge, as the signed-in user
  $('annotate').addEventListener('submit', (event) => {
    event.preventDefault();
    const status = $('annotate-status');
    if (!bus || bus.state !== EventBus.OPEN) { status.textContent = 'not connected yet'; return; }
    const note = { body: $('body').value, at: Math.max(0, Math.floor(now())) };
    status.textContent = 'sending…';
    const refused = setTimeout(() => { status.textContent = 'not accepted by the server'; }, 5000);
    bus.send('videos.' + current.id + '.annotate', note, (error, reply) => {
      clearTimeout(refused);
      if (error) { status.textContent = 'refused: ' + (error.message || 'error'); return; }
      status.textContent = 'annotated at ' + format(reply.body.at);
      add(reply.body);
      $('body').value = '';
    });
  });

  showAccount(RumblAccount.current());
  openBus();
  requestAnimationFrame(tick);
  const wanted = Number((location.hash.match(/video=(\d+)/) || [])[1]);
  loadVideos(wanted).then(() => (wanted ? watch(wanted) : null)).catch((error) => { $('pick-error').textContent = error.message; });
})();
