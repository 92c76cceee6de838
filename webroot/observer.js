'use strict';
// The observer page: the live supervision tree from observer.tree, with a kill button per process once a token is given.
(() => {
  const { el, json } = Rumbl;
  const treeView = document.getElementById('tree');
  const killStatus = document.getElementById('kill-status');
  let token = sessionStorage.getItem('rumbl.token') || '';
  let last = null;
  let live = false;

  async function kill(pid, label) {
    killStatus.textContent = 'killing ' + label + '…';
    try {
      await fetch('/api/processes/' + encodeURIComponent(pid) + '/exit', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
        body: JSON.stringify({ reason: 'kill' }),
      }).then(json);
      killStatus.textContent = 'killed ' + label + ' (' + pid + ')';
    } catch (error) {
      killStatus.textContent = 'could not kill ' + label + ': ' + error.message;
    }
  }

  function killButton(pid, label) {
    if (!token || !pid) return null;
    return el('button', { type: 'button', 'aria-label': 'Kill ' + label, onclick: () => kill(pid, label) }, 'kill');
  }

  function supervisorLine(node, label) {
    return el('span', { class: 'node supervisor', 'data-id': label, 'data-pid': node.pid },
      el('span', { class: 'id' }, label),
      el('span', { class: 'meta' }, node.strategy),
      el('span', { class: 'meta restarts', 'data-restarts': node.restarts }, 'restarts: ' + node.restarts),
      el('span', { class: 'meta' }, `${node.counts.active}/${node.counts.specs} active`),
      el('span', { class: 'pid' }, node.pid),
      killButton(node.pid, label));
  }

  function childItem(child) {
    if (child.children) return el('li', null, supervisorLine(child, child.id), childList(child));
    return el('li', null, el('span', { class: 'node worker', 'data-id': child.id, 'data-pid': child.pid || '' },
      el('span', { class: 'id' }, child.id),
      el('span', { class: 'meta' }, `${child.type}, ${child.restart}, ${child.status}`),
      el('span', { class: 'pid' }, child.pid || 'not running'),
      killButton(child.pid, child.id)));
  }

  function childList(node) {
    const items = node.children.map(childItem);
    if (node.listed < node.counts.specs) items.push(el('li', { class: 'hint' }, `… ${node.counts.specs - node.listed} more`));
    return el('ul', null, ...items);
  }

  function render(tree) {
    last = tree;
    treeView.replaceChildren(el('div', { class: 'tree' }, el('ul', null, el('li', null, supervisorLine(tree, tree.name || 'root'), childList(tree)))));
  }

  document.getElementById('token').value = token;
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = document.getElementById('token').value.trim();
    sessionStorage.setItem('rumbl.token', token);
    if (last) render(last);
  });

  Rumbl.connect((bus) => {
    live = false;
    bus.registerHandler('observer.tree', (error, message) => { if (!error) { live = true; render(message.body); } });
    fetch('/api/supervisors').then(json).then((tree) => { if (!live) render(tree); })
      .catch((error) => { killStatus.textContent = error.message; });
  });
})();
