'use strict';
// Shared by the pages: the event-bus bridge connection (re-subscribing after a reconnect; signed in
// when given a token, which the bridge checks once, when the socket opens) and small DOM helpers.
const Rumbl = (() => {
  const status = document.getElementById('connection');

  function connect(onOpen, token) {
    const bus = new EventBus('/eventbus' + (token ? '?token=' + encodeURIComponent(token) : ''));
    bus.enableReconnect(true);
    bus.onopen = () => { status.textContent = 'live'; onOpen(bus); };
    bus.onclose = () => { status.textContent = 'disconnected, reconnecting…'; };
    bus.onerror = (error) => { status.textContent = 'refused by the server: ' + (error.body || error.message || 'error'); };
    return bus;
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  async function json(response) {
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  // Every item of a paged list route: pages of the largest size, each after the cursor of the last item received.
  async function all(path, cursorOf) {
    const items = [];
    const PAGE = 1000;
    for (let after = null; ;) {
      const query = '?limit=' + PAGE + (after === null ? '' : '&after=' + encodeURIComponent(after));
      const page = await fetch(path + query).then(json);
      items.push(...page);
      if (page.length < PAGE) return items;
      after = cursorOf(page[page.length - 1]);
    }
  }

  // True for an http: or https: URL: only those are ever rendered as links.
  function linkable(url) {
    try {
      return ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      return false;
    }
  }

  return { connect, el, json, all, linkable };
})();
