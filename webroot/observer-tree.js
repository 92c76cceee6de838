'use strict';
// The observer's tree as SVG: supervisors and workers as boxes (strategy, restart type, restart count), edges to their
// children, and a dynamic supervisor's children as one count box, so that 100,000 processes are a few dozen boxes.
// Boxes are keyed by their path of child ids, which a restart keeps: the layout stays put as pids change, a box whose
// pid changes flashes, and a box whose key leaves the tree fades out before it is removed.
const ObserverTree = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 180;
  const HEIGHT = 58;
  const GAP_X = 34;
  const GAP_Y = 8;
  const FADE_MS = 1500;

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    return node;
  }

  // Each box of the tree: key, kind (supervisor, worker, count), column, row, the parent's key, and what it shows.
  function layout(tree) {
    const items = [];
    let row = 0;
    function place(node, child, key, depth, parentKey) {
      const item = { key, kind: 'supervisor', depth, parentKey, node, child, id: child ? child.id : (node.name || 'root'),
        pid: node.pid };
      items.push(item);
      const rows = [];
      if (node.strategy === 'simple_one_for_one') {
        rows.push(leaf({ key: key + '/*', kind: 'count', depth: depth + 1, parentKey: key, node, id: 'children of ' + item.id }));
      } else {
        for (const below of node.children) {
          if (below.children) rows.push(place(below, below, key + '/' + below.id, depth + 1, key));
          else rows.push(leaf({ key: key + '/' + below.id, kind: below.type === 'supervisor' ? 'supervisor' : 'worker',
            depth: depth + 1, parentKey: key, child: below, id: below.id, pid: below.pid }));
        }
        if (node.listed < node.counts.specs) {
          rows.push(leaf({ key: key + '/+', kind: 'count', depth: depth + 1, parentKey: key, node, id: 'more children of ' + item.id }));
        }
      }
      item.row = rows.length === 0 ? row++ : (rows[0] + rows[rows.length - 1]) / 2;
      return item.row;
    }
    function leaf(item) {
      item.row = row++;
      items.push(item);
      return item.row;
    }
    place(tree, null, tree.name || 'root', 0, null);
    return { items, rows: row };
  }

  // A supervisor's strategy, or just "supervisor" for one not running (its subtree is not in the snapshot).
  function strategy(item) {
    return item.node ? item.node.strategy : 'supervisor';
  }

  function lines(item) {
    if (item.kind === 'count') {
      const counts = item.node.counts;
      const more = item.key.endsWith('/+');
      const shown = more ? counts.specs - item.node.listed : counts.active;
      const noun = more ? ' more' : shown === 1 ? ' child' : ' children';
      return [shown.toLocaleString('en') + noun, counts.workers.toLocaleString('en') + ' workers',
        counts.supervisors.toLocaleString('en') + ' supervisors'];
    }
    const child = item.child;
    const restart = child ? child.restart : 'root';
    const restarted = child ? child.restarted || 0 : 0;
    const status = child && child.status !== 'running' ? ' · ' + child.status : '';
    return [item.id, item.kind === 'supervisor' ? strategy(item) : 'worker', `${restart} · ↻${restarted}${status}`];
  }

  function label(item) {
    if (item.kind === 'count') return lines(item).join(', ') + ', ' + item.id;
    const child = item.child;
    const what = item.kind === 'supervisor' ? `supervisor, ${strategy(item)}` : 'worker';
    const restarted = child ? child.restarted || 0 : 0;
    return `${item.id}, ${what}, ${child ? child.restart : 'root'}, restarted ${restarted} ${restarted === 1 ? 'time' : 'times'}`
      + (child && child.status !== 'running' ? ', ' + child.status : '');
  }

  // A drawing in container; onSelect(item) when a box is chosen. update(tree) redraws in place.
  function create(container, onSelect) {
    const root = svg('svg', { role: 'group', 'aria-label': 'Supervision tree' });
    const edges = svg('g', { class: 'edges' });
    const boxes = svg('g', { class: 'boxes' });
    root.append(edges, boxes);
    container.replaceChildren(root);
    const shown = new Map();
    let selectedKey = null;

    function box(item) {
      const group = svg('g', { tabindex: '0', role: 'button' });
      group.append(svg('rect', { width: WIDTH, height: HEIGHT, rx: 6 }), svg('text', { x: 8, y: 18, class: 'id' }),
        svg('text', { x: 8, y: 35, class: 'meta' }), svg('text', { x: 8, y: 50, class: 'meta' }));
      const choose = () => onSelect(group.item);
      group.addEventListener('click', choose);
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); choose(); }
      });
      group.item = item;
      return group;
    }

    function update(tree) {
      const { items, rows } = layout(tree);
      const depth = Math.max(...items.map((item) => item.depth)) + 1;
      root.setAttribute('width', depth * (WIDTH + GAP_X));
      root.setAttribute('height', Math.max(1, rows) * (HEIGHT + GAP_Y) + GAP_Y);
      const position = new Map();
      const seen = new Set();
      for (const item of items) {
        const x = item.depth * (WIDTH + GAP_X) + 4;
        const y = item.row * (HEIGHT + GAP_Y) + GAP_Y;
        position.set(item.key, { x, y });
        seen.add(item.key);
        let entry = shown.get(item.key);
        if (!entry) {
          entry = { group: box(item), removal: null, flashUntil: 0, lastPid: item.pid || null };
          shown.set(item.key, entry);
          boxes.append(entry.group);
        }
        const group = entry.group;
        if (entry.removal) { clearTimeout(entry.removal); entry.removal = null; }
        group.item = item;
        lines(item).forEach((line, i) => { group.children[i + 1].textContent = line; });
        const down = item.kind !== 'count' && !item.pid;
        if (item.pid && entry.lastPid && entry.lastPid !== item.pid) entry.flashUntil = Date.now() + FADE_MS;
        if (item.pid) entry.lastPid = item.pid;
        const flashing = entry.flashUntil > Date.now();
        if (flashing) setTimeout(() => group.classList.remove('flash'), entry.flashUntil - Date.now());
        group.setAttribute('class', `node ${item.kind}${down ? ' down' : ''}${flashing ? ' flash' : ''}`
          + (item.key === selectedKey ? ' selected' : ''));
        group.setAttribute('transform', `translate(${x},${y})`);
        group.setAttribute('aria-label', label(item));
        group.dataset.id = item.kind === 'count' ? item.key : item.id;
        group.dataset.key = item.key;
        group.dataset.pid = item.pid || '';
        group.dataset.restarted = item.child ? item.child.restarted || 0 : 0;
        if (item.kind === 'count') group.dataset.count = item.node.counts.active;
      }
      for (const [key, entry] of shown) {
        if (seen.has(key) || entry.removal) continue;
        entry.group.classList.add('gone');
        entry.removal = setTimeout(() => { entry.group.remove(); shown.delete(key); }, FADE_MS);
      }
      edges.replaceChildren(...items.filter((item) => item.parentKey).map((item) => {
        const from = position.get(item.parentKey);
        const to = position.get(item.key);
        const x1 = from.x + WIDTH;
        const y1 = from.y + HEIGHT / 2;
        const y2 = to.y + HEIGHT / 2;
        const middle = (x1 + to.x) / 2;
        return svg('path', { class: 'edge', d: `M${x1},${y1} C${middle},${y1} ${middle},${y2} ${to.x},${y2}` });
      }));
      return items;
    }

    function select(key) {
      selectedKey = key;
      for (const [itemKey, entry] of shown) entry.group.classList.toggle('selected', itemKey === key);
    }

    return { update, select };
  }

  return { create };
})();
