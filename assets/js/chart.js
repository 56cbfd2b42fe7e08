// The interactive chart: ECharts draws the option that perfsite built with
// go-echarts (the same description as the SVG), from the JSON data block in
// each chart's <figure>. Only the parts used are imported, so esbuild
// tree-shakes the rest. The chart replaces the SVG only once it has drawn;
// tooltips give the exact figure and period. From the keyboard, Tab reaches
// the chart and the arrow keys move from figure to figure, each announced
// in the table's words (keyboard below). Colours come from the page's
// --chart-* custom properties, so dark mode applies here too. No eval and
// no inline styles in markup: works under a strict Content-Security-Policy.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

var dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function esc(s) {
  return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
    return '&#' + c.charCodeAt(0) + ';';
  });
}

function cssVar(el, name, fallback) {
  var v = getComputedStyle(el).getPropertyValue(name).trim();
  return v || fallback;
}

// theme is the part of the option that follows the page's colours.
function theme(fig) {
  var c = {
    actual: cssVar(fig, '--chart-actual', '#1d4f91'),
    target: cssVar(fig, '--chart-target', '#0b0c0c'),
    national: cssVar(fig, '--chart-national', '#a3480a'),
    grid: cssVar(fig, '--chart-grid', '#d3d5d6'),
    text: cssVar(fig, '--chart-text', '#484f53'),
    limit: cssVar(fig, '--chart-limit', '#6f777b'),
    bg: cssVar(fig, '--bg', '#ffffff'),
    fg: cssVar(fig, '--fg', '#0b0c0c')
  };
  var axis = {
    axisLabel: { color: c.text, fontSize: 13 },
    axisLine: { lineStyle: { color: c.text } },
    axisTick: { lineStyle: { color: c.text } },
    splitLine: { lineStyle: { color: c.grid } }
  };
  var series = ['actual', 'target', 'national'].map(function (id) {
    return {
      id: id,
      lineStyle: { color: c[id] },
      itemStyle: { color: c[id], borderColor: c.bg, borderWidth: id === 'actual' ? 1.5 : 0 },
      endLabel: { color: c[id] }
    };
  }).concat(['mean', 'upper', 'lower'].map(function (id) {
    return { id: id, lineStyle: { color: c.limit }, itemStyle: { color: c.limit } };
  }));
  return {
    textStyle: { color: c.fg, fontFamily: getComputedStyle(fig).fontFamily },
    xAxis: [axis],
    yAxis: [axis],
    series: series,
    tooltip: { backgroundColor: c.bg, borderColor: c.text, textStyle: { color: c.fg } }
  };
}

function tooltip(params) {
  if (!Array.isArray(params)) params = [params];
  var head = params.length ? params[0].axisValueLabel : '';
  var months = '';
  var rows = params.map(function (p) {
    var d = p.data;
    if (d && d.months) months = d.months;
    return '<div class="chart-tip-row"><span class="chart-tip-key chart-tip-' + esc(p.seriesId) + '"></span>' +
      esc(p.seriesName) + ': <strong>' + (d && d.text ? esc(d.text) : 'no figure') + '</strong>' +
      (d && d.status ? ', ' + esc(d.status) : '') + '</div>' +
      (d && d.signal ? '<div class="chart-tip-row">Signal: ' + esc(d.signal) + '</div>' : '');
  });
  return '<div class="chart-tip-head"><strong>' + esc(head) + '</strong>' +
    (months ? ' (' + esc(months) + ')' : '') + '</div>' + rows.join('');
}

// placeEndLabels moves the end labels of the target and national lines
// apart when they would overlap, as the SVG does.
function placeEndLabels(chart) {
  var o = chart.getOption();
  var ends = [];
  o.series.forEach(function (s, i) {
    if (s.id !== 'target' && s.id !== 'national') return;
    for (var k = s.data.length - 1; k >= 0; k--) {
      var d = s.data[k];
      if (d != null && d.value != null) {
        ends.push({ id: s.id, k: k, y: chart.convertToPixel({ seriesIndex: i }, [k, d.value])[1], shift: 0 });
        break;
      }
    }
  });
  ends.sort(function (a, b) { return a.y - b.y; });
  for (var i = 1; i < ends.length; i++) {
    var prev = ends[i - 1];
    var gap = ends[i].y - (prev.y + prev.shift);
    if (ends[i].k === prev.k && gap < 15) ends[i].shift = 15 - gap;
  }
  chart.setOption({
    series: ends.map(function (e) { return { id: e.id, endLabel: { offset: [0, e.shift] } }; })
  });
}

// A measure-per-quarter page's data block holds a cut (chart.Cut in
// internal/chart) instead of a whole option: the address of its measure
// page's option (one file per measure, fetched once per page) and how to
// cut it down to this quarter's chart.
var fetched = {};

function fetchOption(src, done) {
  if (!fetched[src]) {
    fetched[src] = window.fetch
      ? window.fetch(src, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      })
      : Promise.reject(new Error('no fetch'));
  }
  fetched[src].then(function (text) {
    var option = null;
    try {
      option = JSON.parse(text);
    } catch (e) {}
    done(option);
  }, function () { done(null); });
}

// cut keeps the first c.cut slots of every series, drops a comparison
// series that has no figure left, sets the average and limits as they
// stood then (or drops them), marks the signals as they stood then, and
// sets this chart's scale and tick labels. cutOption in
// internal/chart/cut_test.go is its specification.
function cut(option, c) {
  var n = c.cut;
  var labels = option.xAxis[0].data = option.xAxis[0].data.slice(0, n);
  var limits = c.limits;
  var names = [];
  option.series = option.series.filter(function (s) {
    var data = s.data = s.data.slice(0, n);
    var keep = s.id === 'actual' || data.some(function (d) { return d != null; });
    if (s.id === 'mean' || s.id === 'upper' || s.id === 'lower') {
      if (!limits) return false;
      var v = limits[s.id], text = limits[s.id + 'Text'];
      for (var i = 0; i < data.length; i++) {
        if (data[i] != null && labels[i] !== '') data[i] = { value: v, text: text };
      }
      keep = true;
    }
    if (s.id === 'actual') {
      data.forEach(function (d) {
        if (d) { delete d.symbol; delete d.symbolSize; delete d.signal; }
      });
      (c.signals || []).forEach(function (sig) {
        var d = data[sig.at];
        if (d) { d.symbol = 'rect'; d.symbolSize = 12; d.signal = sig.text; }
      });
    }
    if (keep) names.push(s.name);
    return keep;
  });
  var legend = Array.isArray(option.legend) ? option.legend[0] : option.legend;
  if (legend) legend.data = names;
  var y = option.yAxis[0];
  y.min = c.min;
  y.max = c.max;
  y.minInterval = c.step;
  y.maxInterval = c.step;
  option.perfsite = { id: c.id, ticks: c.ticks };
  return option;
}

// seriesData is the data of the series with this id, or [].
function seriesData(option, id) {
  for (var i = 0; i < option.series.length; i++) {
    if (option.series[i].id === id) return option.series[i].data;
  }
  return [];
}

// announcement is a figure in the table's words: "Q2 2024/25 (July to
// September 2024): 47%. Target 50%. National 45%. Off track. Signal:
// above the usual range: better."
function announcement(option, k) {
  var d = seriesData(option, 'actual')[k];
  var label = option.xAxis[0].data[k];
  var t = seriesData(option, 'target')[k];
  var nat = seriesData(option, 'national')[k];
  var parts = [label + (d.months ? ' (' + d.months + ')' : '') + ': ' + d.text];
  if (t && t.text) parts.push('Target ' + t.text);
  if (nat && nat.text) parts.push('National ' + nat.text);
  if (d.status) parts.push(d.status);
  if (d.signal) parts.push('Signal: ' + d.signal);
  return parts.join('. ') + '.';
}

// keyboard makes the chart one stop in the Tab order, named by its caption
// and described by the measure's summary sentence. The arrow keys (and Home
// and End) move from figure to figure: the tooltip shows it and a live
// region below the chart says it, in the table's words.
function keyboard(fig, stage, live, chart, option) {
  var points = [];
  seriesData(option, 'actual').forEach(function (d, k) {
    if (d != null && d.text) points.push(k);
  });
  if (!points.length) return;
  var caption = fig.querySelector('figcaption');
  var summary = document.getElementById(fig.getAttribute('data-summary') || '');
  var say = document.createElement('p');
  say.className = 'chart-say';
  say.id = fig.id + '-say';
  say.setAttribute('aria-live', 'polite');
  stage.parentNode.insertBefore(say, stage.nextSibling);

  live.tabIndex = 0;
  live.setAttribute('role', 'application');
  live.setAttribute('aria-roledescription', 'interactive chart');
  live.removeAttribute('aria-labelledby');
  live.setAttribute('aria-label', (caption ? caption.textContent + '. ' : '') +
    'Use the left and right arrow keys to move from figure to figure.');
  if (summary) live.setAttribute('aria-describedby', summary.id);

  var at = -1;
  function show(i) {
    at = i;
    var k = points[i];
    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: k });
    say.textContent = announcement(option, k);
    fig.setAttribute('data-chart-at', String(k));
  }
  live.addEventListener('keydown', function (e) {
    var next;
    switch (e.key) {
      case 'ArrowRight': case 'ArrowDown': next = at < 0 ? 0 : Math.min(at + 1, points.length - 1); break;
      case 'ArrowLeft': case 'ArrowUp': next = at < 0 ? points.length - 1 : Math.max(at - 1, 0); break;
      case 'Home': next = 0; break;
      case 'End': next = points.length - 1; break;
      default: return;
    }
    e.preventDefault();
    show(next);
  });
  live.addEventListener('blur', function () {
    chart.dispatchAction({ type: 'hideTip' });
  });
}

function draw(fig) {
  if (fig.getAttribute('data-chart-state')) return;
  var data = fig.querySelector('script.chart-option');
  var stage = fig.querySelector('.chart-stage');
  var svg = stage && stage.querySelector('svg');
  if (!data || !svg) return;
  var option;
  try {
    option = JSON.parse(data.textContent);
  } catch (e) {
    return;
  }
  fig.setAttribute('data-chart-state', 'drawing');
  var c = option.perfsite;
  if (c && c.src) {
    fetchOption(c.src, function (whole) {
      if (!whole) {
        fig.setAttribute('data-chart-state', 'failed'); // the SVG stays
        return;
      }
      drawOption(fig, stage, svg, cut(whole, c));
    });
    return;
  }
  drawOption(fig, stage, svg, option);
}

function drawOption(fig, stage, svg, option) {
  var extra = option.perfsite || {};
  delete option.perfsite;
  // The keyboard, the caption and the summary sentence do what ECharts's
  // own generated description would.
  delete option.aria;
  var ticks = extra.ticks || [];

  // The page has its own legend, beside the SVG.
  option.legend = Object.assign({}, option.legend, { show: false });
  option.grid = [Object.assign({}, option.grid && option.grid[0], { top: 16, left: 8, right: 80, bottom: 8, containLabel: true })];
  // Name the target and national lines where they end, as the SVG does.
  option.series.forEach(function (s) {
    if (s.id === 'target' || s.id === 'national') {
      s.endLabel = { show: true, formatter: s.id === 'target' ? 'Target' : 'National', fontWeight: 600, fontSize: 13, distance: 8 };
    }
  });
  option.yAxis[0].axisLabel = {
    formatter: function (v) {
      for (var i = 0; i < ticks.length; i++) {
        if (Math.abs(ticks[i].value - v) < 1e-9 * Math.max(1, Math.abs(v))) return ticks[i].label;
      }
      return String(v);
    }
  };
  option.xAxis[0].axisLabel = { interval: 0, hideOverlap: true };
  option.xAxis[0].axisTick = { alignWithLabel: true };
  option.tooltip = Object.assign({}, option.tooltip, {
    trigger: 'axis', confine: true, formatter: tooltip, className: 'chart-tip', renderMode: 'html'
  });

  var live = document.createElement('div');
  live.className = 'chart-live';
  live.setAttribute('role', 'img');
  live.setAttribute('aria-labelledby', svg.getAttribute('aria-labelledby'));
  live.setAttribute('aria-describedby', svg.getAttribute('aria-describedby'));
  stage.appendChild(live);

  var chart = echarts.init(live, null, { renderer: 'svg' });
  chart.on('finished', function swap() {
    chart.off('finished', swap);
    placeEndLabels(chart);
    fig.classList.add('is-live');
    fig.setAttribute('data-chart-state', 'live');
  });
  chart.setOption(option);
  chart.setOption(theme(fig));
  keyboard(fig, stage, live, chart, option);

  // Follow the width of the page's column, whatever changes it.
  if (window.ResizeObserver) {
    new ResizeObserver(function () { chart.resize(); placeEndLabels(chart); }).observe(stage);
  } else {
    window.addEventListener('resize', function () { chart.resize(); placeEndLabels(chart); });
  }
  fig.perfsiteChart = chart; // for tests and the curious
  if (dark && dark.addEventListener) {
    dark.addEventListener('change', function () { chart.setOption(theme(fig)); });
  }
}

window.perfsiteDrawChart = draw;
