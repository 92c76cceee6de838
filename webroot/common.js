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

  return { connect, el, json };
})();
