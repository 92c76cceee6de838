'use strict';
// The observer's load charts (uPlot, vendored): the last five minutes of the node's load samples, one chart per
// figure, each updated as a sample arrives. Each chart's figure carries its latest and highest value in the window
// (data-latest, data-max) and says them in its accessible name.
const ObserverCharts = (() => {
  const KEPT = 300;
  const COLOURS = ['#1a5fb4', '#e66100', '#26a269', '#a51d2d', '#613583', '#986a44', '#1c71d8', '#c64600'];
  const CHARTS = [
    { id: 'processes', title: 'Live processes', series: [{ label: 'processes', of: (s) => s.processes }] },
    { id: 'restarts', title: 'Restarts per second', series: [{ label: 'restarts/s', of: (s) => s.restartsPerSec }] },
    { id: 'messages', title: 'Messages delivered per second', series: [{ label: 'messages/s', of: (s) => s.messagesPerSec }] },
    { id: 'computes', title: 'InfoSys computes per second', series: [{ label: 'computes/s', of: (s) => s.computesPerSec }] },
    { id: 'compute-time', title: 'InfoSys compute time (ms)', series: [
      { label: 'p50 ms', of: (s) => s.computeP50Ms }, { label: 'p99 ms', of: (s) => s.computeP99Ms }] },
    { id: 'heap', title: 'Heap used (MiB)', series: [{ label: 'MiB', of: (s) => Math.round(s.heapUsedBytes / 1048576) }] },
    { id: 'loops', title: 'Event-loop utilisation (%)', loops: true, series: [] },
  ];

  function create(container) {
    const { el } = Rumbl;
    let samples = [];
    const charts = [];

    function build(loopCount) {
      container.replaceChildren();
      charts.length = 0;
      for (const spec of CHARTS) {
        const series = spec.loops
          ? Array.from({ length: loopCount }, (unused, i) => ({ label: 'loop ' + i, of: (s) => Math.round((s.loops[i] ?? 0) * 100) }))
          : spec.series;
        const plotArea = el('div', { class: 'plot' });
        const figure = el('figure', { class: 'chart', id: 'chart-' + spec.id, role: 'img', 'aria-label': spec.title },
          el('figcaption', null, spec.title), plotArea);
        container.append(figure);
        const width = Math.max(280, figure.clientWidth - 10);
        const plot = new uPlot({
          width, height: 160,
          legend: { show: true },
          scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
          series: [{}, ...series.map((one, i) => ({ label: one.label, stroke: COLOURS[i % COLOURS.length], width: 1.5 }))],
          axes: [{}, { size: 56 }],
        }, [[], ...series.map(() => [])], plotArea);
        charts.push({ spec, series, figure, plot });
      }
    }

    function draw() {
      const xs = samples.map((s) => s.at / 1000);
      for (const chart of charts) {
        const columns = chart.series.map((one) => samples.map(one.of));
        chart.plot.setData([xs, ...columns]);
        const latest = columns.map((column) => column.length ? column[column.length - 1] : 0);
        const max = Math.max(0, ...columns.flat());
        chart.figure.dataset.latest = latest.join(',');
        chart.figure.dataset.max = max;
        chart.figure.setAttribute('aria-label', `${chart.spec.title}: now ${latest.join(', ')}, at most ${max} in the last five minutes`);
      }
    }

    function loopsOf(list) {
      return list.length ? list[list.length - 1].loops.length : 0;
    }

    // Takes the kept samples (the page's first load), with those that arrived meanwhile and are newer.
    function reset(list) {
      const last = list.length ? list[list.length - 1].at : -Infinity;
      samples = [...list, ...samples.filter((sample) => sample.at > last)].slice(-KEPT);
      build(loopsOf(samples));
      draw();
    }

    // Forgets every sample (another node chosen).
    function clear() {
      samples = [];
      build(0);
      draw();
    }

    function add(sample) {
      if (samples.length && sample.at <= samples[samples.length - 1].at) return;
      const rebuild = charts.length === 0 || sample.loops.length !== loopsOf(samples);
      samples.push(sample);
      if (samples.length > KEPT) samples.shift();
      if (rebuild) build(sample.loops.length);
      draw();
    }

    window.addEventListener('resize', () => {
      for (const chart of charts) chart.plot.setSize({ width: Math.max(280, chart.figure.clientWidth - 10), height: 160 });
    });

    return { reset, add, clear };
  }

  return { create };
})();
