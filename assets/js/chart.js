// The interactive chart: ECharts draws the option that perfsite built with
// go-echarts (the same description as the SVG), from the JSON data block in
// each chart's <figure>. Only the parts used are imported, so esbuild
// tree-shakes the rest. The chart replaces the SVG only once it has drawn;
// tooltips give the exact figure and period. Colours come from the page's
// --chart-* custom properties, so dark mode applies here too. No eval and
// no inline styles in markup: works under a strict Content-Security-Policy.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, AriaComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

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
  });
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
      esc(p.seriesName) + ': <strong>' + (d && d.text ? esc(d.text) : 'no figure') + '</strong></div>';
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
// series that has no figure left, and sets this chart's scale, tick labels
// and description (the SVG's).
function cut(option, c, svg) {
  var n = c.cut;
  option.xAxis[0].data = option.xAxis[0].data.slice(0, n);
  var names = [];
  option.series = option.series.filter(function (s) {
    s.data = s.data.slice(0, n);
    var keep = s.id === 'actual' || s.data.some(function (d) { return d != null; });
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
  var desc = svg.querySelector('desc');
  if (option.aria && option.aria.label && desc) option.aria.label.description = desc.textContent;
  option.perfsite = { id: c.id, ticks: c.ticks };
  return option;
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
      drawOption(fig, stage, svg, cut(whole, c, svg));
    });
    return;
  }
  drawOption(fig, stage, svg, option);
}

function drawOption(fig, stage, svg, option) {
  var extra = option.perfsite || {};
  delete option.perfsite;
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
