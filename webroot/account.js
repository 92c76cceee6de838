'use strict';
// The signed-in account of the pages: sign up, sign in and sign out against the API, the session
// ({token, username, expiresAt}) kept in localStorage until it expires or the user signs out, and
// listeners told of every change (the video page reconnects the bridge with the new token).
const RumblAccount = (() => {
  const KEY = 'rumbl.session';
  const listeners = [];
  let session = load();

  function load() {
    try {
      const stored = JSON.parse(localStorage.getItem(KEY));
      if (stored && stored.token && Date.parse(stored.expiresAt) > Date.now()) return stored;
    } catch (ignored) { /* a damaged entry is no session */ }
    localStorage.removeItem(KEY);
    return null;
  }

  function change(next) {
    session = next;
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
    listeners.forEach((listener) => listener(session));
  }

  async function post(path, username, password) {
    const response = await fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
    });
    return Rumbl.json(response);
  }

  async function signIn(username, password) {
    change(await post('/api/sessions', username, password));
  }

  async function signUp(username, password) {
    await post('/api/users', username, password);
    await signIn(username, password);
  }

  function signOut() {
    change(null);
  }

  // The headers that write as the signed-in user (none when signed out).
  function headers() {
    return session ? { Authorization: 'Bearer ' + session.token } : {};
  }

  function onChange(listener) {
    listeners.push(listener);
  }

  return { current: () => session, signIn, signUp, signOut, headers, onChange };
})();
