'use strict';
// The observer page: the live supervision tree from observer.tree drawn as SVG, a side panel with the chosen
// process's info (refreshed every second while open, its state and a kill button once an admin token is given), and
// the node's load charts from observer.load.
(() => {
  const { el, json } = Rumbl;
  const REFRESH_MS = 1000;
  const panel = document.getElementById('panel');
  const panelTitle = document.getElementById('panel-title');
  const panelInfo = document.getElementById('panel-info');
  const panelChildren = document.getElementById('panel-children');
  const panelStatus = document.getElementById('panel-status');
  const killButton = document.getElementById('panel-kill');
  const killStatus = document.getElementById('kill-status');
  let token = sessionStorage.getItem('rumbl.token') || '';
  let items = new Map();
  let selected = null; // { key } for a box of the tree, or { pid } for a process picked from a count box's list
  let refresher = null;
  let live = false;
  const nodeSelect = document.getElementById('node');
  let self = null;
  let chosen = new URLSearchParams(location.search).get('node');

  let tree = ObserverTree.create(document.getElementById('tree'), (item) => open({ key: item.key }));
  const charts = ObserverCharts.create(document.getElementById('charts'));

  // The query that asks the chosen node, empty for the node serving the page.
  function nodeQuery() {
    return chosen && chosen !== self ? '?node=' + encodeURIComponent(chosen) : '';
  }

  function isChosen(message) {
    return !message.node || message.node === (chosen || self);
  }

  function authorization() {
    return token ? { Authorization: 'Bearer ' + token } : {};
  }

  function render(snapshot) {
    items = new Map(tree.update(snapshot).map((item) => [item.key, item]));
    if (selected) refresh();
  }

  // The process the panel shows now: a box's current pid follows its restarts.
  function selectedItem() {
    return selected && selected.key ? items.get(selected.key) : null;
  }

  function selectedPid() {
    if (!selected) return null;
    if (selected.pid) return selected.pid;
    const item = selectedItem();
    return item ? item.pid || null : null;
  }

  function open(choice) {
    selected = choice;
    tree.select(choice.key || null);
    panel.hidden = false;
    clearInterval(refresher);
    refresher = setInterval(refresh, REFRESH_MS);
    refresh();
    panelTitle.focus();
  }

  function close() {
    selected = null;
    tree.select(null);
    clearInterval(refresher);
    panel.hidden = true;
  }

  function field(name, label, value) {
    const shown = Array.isArray(value) ? (value.length ? value.join(', ') : 'none') : value === null || value === undefined ? '—' : String(value);
    return [el('dt', null, label), el('dd', { 'data-field': name }, shown)];
  }

  function showChildren(item) {
    const listed = item && item.kind === 'count' ? item.node.children : [];
    panelChildren.replaceChildren(...listed.filter((child) => child.pid).map((child) => el('li', null,
      el('button', { type: 'button', 'aria-label': 'Show process ' + child.id + ' ' + child.pid, onclick: () => open({ pid: child.pid }) },
        child.id + ' ' + child.pid))));
  }

  async function refresh() {
    const item = selectedItem();
    const pid = item && item.kind === 'count' ? item.node.pid : selectedPid();
    panelTitle.textContent = 'Process ' + ((item ? item.id : pid) || '');
    showChildren(item);
    killButton.hidden = !token || !pid || (item && item.kind === 'count') || nodeQuery() !== '';
    killButton.setAttribute('aria-label', 'Kill ' + (item ? item.id : pid));
    if (!pid) {
      panelStatus.textContent = 'not running';
      panelInfo.replaceChildren();
      return;
    }
    const asked = selected;
    try {
      const info = await fetch('/api/processes/' + encodeURIComponent(pid) + nodeQuery(), { headers: authorization() }).then(json);
      if (selected !== asked) return;
      panelStatus.textContent = 'updated ' + new Date().toLocaleTimeString('en-GB');
      panelInfo.replaceChildren(...[
        field('pid', 'pid', info.pid), field('name', 'name', info.name), field('status', 'status', info.status),
        field('messageQueueLen', 'message queue', info.messageQueueLen), field('messagesHandled', 'messages handled', info.messagesHandled),
        field('links', 'links', info.links), field('monitors', 'monitors', info.monitors),
        field('monitoredBy', 'monitored by', info.monitoredBy), field('supervisor', 'supervisor', info.supervisor),
        field('currentCall', 'current call', info.currentCall), field('callsOwed', 'calls owed', info.callsOwed),
        field('startedAt', 'started at', info.startedAt), field('module', 'module', info.module),
        ...(item && item.child ? field('restarted', 'restarted', item.child.restarted || 0) : []),
        ...('state' in info ? field('state', 'state', info.state ?? info.stateError) : []),
      ].flat());
    } catch (error) {
      if (selected === asked) panelStatus.textContent = pid + ': ' + error.message;
    }
  }

  async function kill() {
    const pid = selectedPid();
    const item = selectedItem();
    const what = item ? item.id : pid;
    if (!pid) return;
    killStatus.textContent = 'killing ' + what + '…';
    try {
      await fetch('/api/processes/' + encodeURIComponent(pid) + '/exit', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...authorization() },
        body: JSON.stringify({ reason: 'kill' }),
      }).then(json);
      killStatus.textContent = 'killed ' + what + ' (' + pid + ')';
    } catch (error) {
      killStatus.textContent = 'could not kill ' + what + ': ' + error.message;
    }
  }

  document.getElementById('panel-close').addEventListener('click', close);
  killButton.addEventListener('click', kill);
  document.getElementById('token').value = token;
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = document.getElementById('token').value.trim();
    sessionStorage.setItem('rumbl.token', token);
    if (selected) refresh();
  });

  // The tree and the load of the chosen node, from scratch.
  function load() {
    live = false;
    fetch('/api/supervisors' + nodeQuery()).then(json).then((snapshot) => { if (!live && isChosen(snapshot)) render(snapshot); })
      .catch((error) => { killStatus.textContent = error.message; });
    fetch('/api/observer/load' + nodeQuery()).then(json).then((samples) => { if (isChosen(samples)) charts.reset(samples.samples); })
      .catch((error) => { killStatus.textContent = error.message; });
  }

  async function listNodes() {
    const nodes = await fetch('/api/observer/nodes').then(json);
    self = nodes.self;
    if (!chosen || !nodes.nodes.includes(chosen)) chosen = self;
    nodeSelect.replaceChildren(...nodes.nodes.map((id) => el('option', { value: id, selected: id === chosen },
      id === self ? id + ' (this node)' : id)));
  }

  nodeSelect.addEventListener('change', () => {
    chosen = nodeSelect.value;
    history.replaceState(null, '', chosen === self ? location.pathname : '?node=' + encodeURIComponent(chosen));
    close();
    tree = ObserverTree.create(document.getElementById('tree'), (item) => open({ key: item.key }));
    charts.clear();
    load();
  });

  Rumbl.connect((bus) => {
    bus.registerHandler('observer.tree', (error, message) => {
      if (!error && self && isChosen(message.body)) { live = true; render(message.body); }
    });
    bus.registerHandler('observer.load', (error, message) => { if (!error && self && isChosen(message.body)) charts.add(message.body); });
    listNodes().then(load).catch((error) => { killStatus.textContent = error.message; });
  });
})();
