// Self-tests: each check, run on a small site of hand-written pages. The
// page "good" must pass every check (so that a check that always fails
// cannot pass here); each other page has one planted defect, and the check
// for that defect must fail on it, with the expected message.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { newContext, open } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';
import { checkAxe } from './checks/axe.mjs';
import { checkChartColours, checkChartLive, checkChartQuarter, checkChartWithoutScript } from './checks/chart.mjs';
import { checkChartKeyboard } from './checks/chart-keyboard.mjs';
import { checkCopy, checkCopyWithoutScript } from './checks/copy.mjs';
import { checkHTMLString, validator } from './checks/html.mjs';
import { checkKeyboard } from './checks/keyboard.mjs';
import { checkLinks } from './checks/links.mjs';
import { checkPrint } from './checks/print.mjs';
import { checkReflow } from './checks/reflow.mjs';
import { checkSearch, checkSearchLink, checkSearchWithoutScript } from './checks/search.mjs';
import { thirdParty } from './checks/requests.mjs';
import { browserWeight, checkLazyChart, staticWeight } from './checks/weight.mjs';

const css = `
body { font: 16px/1.5 sans-serif; color: #0b0c0c; background: #fff; margin: 0; }
a { color: #1d4f91; }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid #0b0c0c; background: #ffdd00; color: #0b0c0c; }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { left: 0; }
main:focus { outline: none; }
@media print { nav, .skip-link, footer { display: none; } }`;

// page writes a whole page: a skip link, a navigation, a main with a
// summary, an SVG chart and a table, and a footer. Options plant defects.
function page({ head = '', style = css, skip = true, body = '', main = '' } = {}) {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Self-test page</title>
<style>${style}</style>
${head}
</head>
<body>
${skip ? '<a class="skip-link" href="#main">Skip to main content</a>' : ''}
<header class="site-header"><nav aria-label="Main"><ul><li><a href="/good/">Home</a></li><li><a href="/good/#figures">Figures</a></li></ul></nav></header>
<main id="main" tabindex="-1">
<h1>Self-test</h1>
<div class="figure-panel"><p class="summary">Nine in ten calls were answered within a minute.</p></div>
<figure class="chart"><figcaption>Calls answered, every quarter</figcaption>
<svg class="chart-svg" role="img" aria-label="A line rising from 80% to 90%" width="300" height="150" viewBox="0 0 300 150"><path d="M0 140L300 10" stroke="#1d4f91" stroke-width="3" fill="none"/></svg>
</figure>
<h2 id="figures">The figures</h2>
<div class="table-wrap"><table><caption>Calls answered: every quarter, newest first</caption>
<thead><tr><th scope="col">Quarter</th><th scope="col">Figure</th></tr></thead>
<tbody><tr><th scope="row">Q2</th><td>90%</td></tr><tr><th scope="row">Q1</th><td>80%</td></tr></tbody></table></div>
${main}
</main>
${body}
<footer class="site-footer"><p><a href="/good/">Back to the start</a></p></footer>
</body>
</html>
`;
}

function chartKeysPage(mode) {
  return page({
    head: '<script src="/chart-keys.js" defer></script>',
    main: `<figure class="chart" id="keys" data-chart data-mode="${mode}"><figcaption>Calls answered, every quarter</figcaption>
<p class="chart-skip"><a href="#figures">Skip to the data table</a></p>
<div class="chart-stage"><div class="chart-live"></div></div><p class="chart-say" aria-live="polite"></p></figure>`,
  });
}

const chartKeysScript = `(function () {
  var fig = document.querySelector('figure.chart[data-chart]');
  var mode = fig.getAttribute('data-mode');
  var live = fig.querySelector('.chart-live');
  var say = fig.querySelector('.chart-say');
  var tip = document.createElement('div');
  tip.className = 'chart-tip';
  tip.hidden = true;
  document.body.appendChild(tip);
  document.querySelector('.summary').id = 'summary';
  if (mode !== 'unreachable') live.tabIndex = 0;
  live.setAttribute('role', 'application');
  live.setAttribute('aria-label', 'Calls answered, every quarter');
  live.setAttribute('aria-describedby', 'summary');
  live.style.height = '100px';
  var points = [['Q1', '80%'], ['Q2', mode === 'wrong' ? '70%' : '90%']];
  var at = -1;
  live.addEventListener('keydown', function (e) {
    var next = { ArrowRight: Math.min(at + 1, 1), ArrowLeft: Math.max(at - 1, 0), Home: 0, End: 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    at = next;
    say.textContent = points[at][0] + ': ' + points[at][1] + '.';
    tip.hidden = false;
    tip.textContent = points[at][0];
  });
  fig.setAttribute('data-chart-state', 'live');
})();
`;

// An interactive chart stand-in (chart-live.js, loaded by loader.js when
// the chart nears the screen): it draws an SVG of its own over the
// build-time one, with a tooltip and figure.perfsiteChart (getOption,
// convertToPixel) as ECharts gives them. A quarter page's data block
// names the whole option (/chart-whole.json) and how to cut it. Modes
// plant defects: the SVG frame stays shown, the tooltip lacks the national
// average, the cut is not made, the line ignores the page's colour, or the
// SVG is hidden until a script shows it.
const chartCss = css + `
.spacer { height: 3000px; }
:root { --chart-actual: #1d4f91; }
@media (prefers-color-scheme: dark) { :root { --chart-actual: #8cc2ff; } }
.chart-stage { position: relative; }
.chart-live { position: absolute; inset: 0; visibility: hidden; }
.chart.is-live .chart-live { visibility: visible; }
.chart.is-live .chart-frame { visibility: hidden; }`;

const chartPeriods = [['Q1 2023/24', 'April to June 2023', '80%', '84%'], ['Q2 2023/24', 'July to September 2023', '90%', '85%'], ['Q3 2023/24', 'October to December 2023', '70%', '86%']];

function chartLivePage(mode, { quarter = false } = {}) {
  const rows = chartPeriods.slice(0, 2).reverse();
  const [label, months, value] = rows[0];
  const block = quarter ? { perfsite: { src: '/chart-whole.json', cut: 2, min: 70, max: 100 } } : chartOption(2);
  return page({
    head: '<script src="/loader.js" data-chart-src="/chart-live.js" defer></script>',
    style: chartCss + (mode === 'hidden-without-js' ? '\n.chart-frame { display: none; }' : ''),
    main: `<p class="big-figure"><span class="value">${value}</span> <span class="period">${months} (${label})</span></p>
<div class="spacer"></div>
<figure class="chart" data-chart data-mode="${mode}"><figcaption>Calls answered, every quarter</figcaption>
<div class="chart-stage"><div class="chart-frame"><svg class="chart-svg" role="img" aria-label="A line rising from 80% to 90%" width="300" height="220" viewBox="0 0 300 220"><path d="M0 200L300 20" stroke="#1d4f91" stroke-width="3" fill="none"/></svg></div></div>
<script type="application/json" class="chart-option">${JSON.stringify(block)}</script></figure>
<table class="series"><caption>Calls answered: every quarter, newest first</caption>
<thead><tr><th scope="col">Period</th><th scope="col">Figure</th><th scope="col">National</th></tr></thead>
<tbody>${rows.map(([l, , v, n]) => `<tr><th scope="row">${l}</th><td>${v}</td><td>${n}</td></tr>`).join('')}</tbody></table>`,
  });
}

// chartOption is the option of the first n periods, as ECharts gives it back.
function chartOption(n) {
  const ps = chartPeriods.slice(0, n);
  return {
    xAxis: [{ data: ps.map(([l]) => l) }],
    yAxis: [{ min: 60, max: 110 }],
    series: [
      { id: 'actual', name: 'Actual', data: ps.map(([, m, v]) => ({ value: parseFloat(v), text: v, months: m })) },
      { id: 'national', name: 'National average', data: ps.map(([, , , n]) => ({ value: parseFloat(n), text: n })) },
    ],
  };
}

const chartLiveScript = `(function () {
  var fig = document.querySelector('figure.chart[data-chart]');
  var mode = fig.getAttribute('data-mode');
  var stage = fig.querySelector('.chart-stage');
  var block = JSON.parse(fig.querySelector('script.chart-option').textContent);
  function draw(option) {
    var live = document.createElement('div');
    live.className = 'chart-live';
    live.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    var tip = document.createElement('div');
    tip.className = 'chart-tip';
    tip.hidden = true;
    live.appendChild(tip);
    stage.appendChild(live);
    var colour = getComputedStyle(fig).getPropertyValue('--chart-actual').trim();
    option.series[0].lineStyle = { color: mode === 'fixed-colour' ? '#1d4f91' : colour };
    var n = option.xAxis[0].data.length;
    var width = function () { return live.getBoundingClientRect().width; };
    live.addEventListener('mousemove', function (e) {
      var k = Math.max(0, Math.min(n - 1, Math.floor((e.clientX - live.getBoundingClientRect().left) / (width() / n))));
      var a = option.series[0].data[k], nat = option.series[1].data[k];
      tip.hidden = false;
      tip.textContent = option.xAxis[0].data[k] + ' (' + a.months + ') Actual: ' + a.text + (mode === 'wrong-tip' ? '' : ' National average: ' + nat.text);
    });
    fig.perfsiteChart = {
      getOption: function () { return option; },
      convertToPixel: function (finder, p) { return [(p[0] + 0.5) * width() / n, 50]; }
    };
    if (mode !== 'frame-stays') fig.classList.add('is-live');
    fig.setAttribute('data-chart-state', 'live');
  }
  var c = block.perfsite;
  if (!c) return draw(block);
  fetch(c.src).then(function (r) { return r.json(); }).then(function (whole) {
    if (mode !== 'uncut') {
      whole.xAxis[0].data = whole.xAxis[0].data.slice(0, c.cut);
      whole.series.forEach(function (s) { s.data = s.data.slice(0, c.cut); });
      whole.yAxis[0].min = c.min;
      whole.yAxis[0].max = c.max;
    }
    draw(whole);
  });
})();
`;

// A search page stand-in (search.js, over /search-index.json): a word
// finds the titles and glossary terms with a word that starts with it, in
// any case. Modes plant defects: only whole words in the same case, no
// "No measure matches" when nothing does; and without JavaScript, a page
// that does not list the measures.
const searchIndex = [
  { title: 'Average days to adoption', url: '/measures/days-to-adoption/', terms: [] },
  { title: 'Children in care', url: '/measures/children-in-care/', terms: ['looked after children', 'LAC'] },
];

// searchCases are the self-test's searches: each lists its measure first.
const searchCases = [
  { query: 'adoption', want: '/measures/days-to-adoption/', why: 'a word of its title' },
  { query: 'Adopt', want: '/measures/days-to-adoption/', why: 'the start of a word, in any case' },
  { query: 'LAC', want: '/measures/children-in-care/', why: 'a glossary abbreviation' },
];

function searchPage(name, mode) {
  const list = mode === 'no-list' ? '' : `<h2 id="every">Every measure</h2><ul>${searchIndex.map((e) => `<li><a href="${e.url}">${e.title}</a></li>`).join('')}</ul>`;
  return page({
    head: `<script src="/search.js" data-mode="${mode}" defer></script>`,
    main: `<form id="search-form" action="/${name}/" method="get" role="search" data-index="/search-index.json">
<label for="search-q">Search for</label> <input id="search-q" name="q" type="search"> <button type="submit">Search</button></form>
<p id="search-status" role="status"></p><div id="search-results"></div>${list}`,
  });
}

const searchScript = `(function () {
  var mode = document.currentScript.getAttribute('data-mode');
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var results = document.getElementById('search-results');
  var index = fetch(form.getAttribute('data-index')).then(function (r) { return r.json(); });
  function words(s) { return mode === 'whole-words' ? s.split(' ') : s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean); }
  function find(list, q) {
    return list.filter(function (e) {
      var have = words(e.title + ' ' + e.terms.join(' '));
      return words(q).every(function (w) { return have.some(function (h) { return mode === 'whole-words' ? h === w : h.indexOf(w) === 0; }); });
    });
  }
  function run(q) {
    status.textContent = 'Searching…';
    index.then(function (list) {
      var found = find(list, q);
      results.textContent = '';
      if (!found.length) {
        status.textContent = mode === 'no-message' ? 'Nothing for “' + q + '”.' : 'No measure matches “' + q + '”.';
        return;
      }
      status.textContent = found.length + ' found for “' + q + '”.';
      var ol = document.createElement('ol');
      found.forEach(function (e) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = e.url;
        a.textContent = e.title;
        li.appendChild(a);
        ol.appendChild(li);
      });
      results.appendChild(ol);
    });
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
    run(input.value);
  });
  var q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    run(q);
  }
})();
`;

// Copy buttons stand-in (copy.js): a button after each text marked
// data-copy copies it. Modes plant defects: a button that copies part of
// the text; and without JavaScript, a button in the page that does nothing.
function copyPage(name, mode) {
  return page({
    head: `<script src="/copy.js" data-mode="${mode}" defer></script>`,
    main: `<p class="citation" data-copy="Copy the citation">Example Council. “Calls answered”,
  Q2 2023/24. https://www.example.gov.uk/${name}/</p>
<p><label for="embed">Code to embed</label></p>
<textarea id="embed" class="embed-code" readonly rows="2" data-copy="Copy the code">&lt;iframe src="https://www.example.gov.uk/${name}/embed/" title="Calls answered"&gt;&lt;/iframe&gt;</textarea>
${mode === 'static-button' ? '<p><button type="button">Copy</button></p>' : ''}`,
  });
}

const copyScript = `(function () {
  var mode = document.currentScript.getAttribute('data-mode');
  document.querySelectorAll('[data-copy]').forEach(function (el) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = el.getAttribute('data-copy');
    var status = document.createElement('span');
    status.className = 'copy-status';
    status.setAttribute('role', 'status');
    var actions = document.createElement('p');
    actions.className = 'copy-actions';
    actions.append(button, ' ', status);
    el.insertAdjacentElement('afterend', actions);
    button.addEventListener('click', function () {
      var text = el.tagName === 'TEXTAREA' ? el.value : el.textContent.replace(/\\s+/g, ' ').trim();
      navigator.clipboard.writeText(mode === 'partial' ? text.slice(0, 20) : text).then(function () { status.textContent = 'Copied.'; });
    });
  });
})();
`;

// Incompressible, but valid, inline SVG: about `kb` KB gzipped.
function heavySVG(kb) {
  let seed = 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  let d = 'M0 0';
  while (zlib.gzipSync(d).length < kb * 1000) d += ` L${(rnd() * 1000).toFixed(2)} ${(rnd() * 1000).toFixed(2)}`;
  return `<svg role="img" aria-label="A heavy drawing" width="100" height="100" viewBox="0 0 1000 1000"><path d="${d}" stroke="#000" fill="none"/></svg>`;
}

const pages = {
  good: page(),
  'missing-alt': page({ main: '<p><img src="/pixel.png" width="1" height="1"></p>' }),
  'missing-label': page({ main: '<form action="/good/"><p><input type="text" name="q"></p><p><button type="submit">Search</button></p></form>' }),
  invalid: page({ main: '<ul><div>not a list item</div></ul><p id="figures">a second id "figures"</p>' }),
  'broken-link': page({ main: '<p><a href="/nowhere/">A page that does not exist</a></p>' }),
  'broken-fragment': page({ main: '<p><a href="/good/#nowhere">A part of the page that does not exist</a></p>' }),
  overweight: page({ main: heavySVG(55) }),
  'lazy-chart': page({
    head: '<script src="/loader.js" data-chart-src="/chart.js" defer></script>',
    style: css + '\n.spacer { height: 3000px; }',
    main: '<div class="spacer"></div><figure class="chart" data-chart><figcaption>Chart</figcaption></figure>',
  }),
  'eager-chart': page({
    head: '<script src="/chart.js" defer></script><script src="/loader.js" data-chart-src="/chart.js" defer></script>',
    main: '<figure class="chart" data-chart><figcaption>Chart</figcaption></figure>',
  }),
  'third-party': page({ main: '<p><img src="http://third-party.invalid/pixel.png" alt="A tracking pixel" width="1" height="1"></p>' }),
  'invisible-focus': page({ style: css + '\na:focus-visible { outline: none; background: none; color: #1d4f91; }' }),
  'no-skip-link': page({ skip: false }),
  'too-wide': page({ style: css + '\n.wide { width: 40rem; }', main: '<p class="wide">A paragraph wider than a phone.</p>' }),
  'tab-order': page({ main: '<p><a href="/good/" tabindex="2">Jumps the queue</a></p>' }),
  // An interactive chart stand-in (chart-keys.js): reachable with Tab, the
  // arrow keys announce the table's rows; or not reachable, or announcing
  // a figure the table does not have.
  'chart-keys': chartKeysPage('good'),
  'chart-keys-unreachable': chartKeysPage('unreachable'),
  'chart-keys-wrong': chartKeysPage('wrong'),
  // The interactive chart (chart-live.js), see chartLivePage.
  'chart-live': chartLivePage('good'),
  'chart-live-frame-stays': chartLivePage('frame-stays'),
  'chart-live-wrong-tip': chartLivePage('wrong-tip'),
  'chart-live-fixed-colour': chartLivePage('fixed-colour'),
  'chart-live-hidden-without-js': chartLivePage('hidden-without-js'),
  'chart-quarter': chartLivePage('good', { quarter: true }),
  'chart-quarter-uncut': chartLivePage('uncut', { quarter: true }),
  // Search (search.js) and its measures, and copy buttons (copy.js).
  search: searchPage('search', 'good'),
  'search-whole-words': searchPage('search-whole-words', 'whole-words'),
  'search-no-message': searchPage('search-no-message', 'no-message'),
  'search-no-list': searchPage('search-no-list', 'no-list'),
  'measures/days-to-adoption': page(),
  'measures/children-in-care': page(),
  copy: copyPage('copy', 'good'),
  'copy-partial': copyPage('copy-partial', 'partial'),
  'copy-static-button': copyPage('copy-static-button', 'static-button'),
  'prints-navigation': page({ style: css.replace(/@media print[^\n]*/, '') }),
  'prints-pale-in-dark-mode': page({
    style: css + '\n@media (prefers-color-scheme: dark) { body { background: #111; color: #eee; } }\n@media print { body { background: #fff; } }',
  }),
};

function writeSite(root) {
  fs.rmSync(root, { recursive: true, force: true });
  for (const [name, html] of Object.entries(pages)) {
    fs.mkdirSync(path.join(root, name), { recursive: true });
    fs.writeFileSync(path.join(root, name, 'index.html'), html);
  }
  fs.writeFileSync(path.join(root, 'pixel.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
  fs.writeFileSync(path.join(root, 'chart.js'), 'window.chartLoaded = true;\n');
  fs.writeFileSync(path.join(root, 'chart-keys.js'), chartKeysScript);
  fs.writeFileSync(path.join(root, 'chart-live.js'), chartLiveScript);
  fs.writeFileSync(path.join(root, 'chart-whole.json'), JSON.stringify(chartOption(3)));
  fs.writeFileSync(path.join(root, 'search.js'), searchScript);
  fs.writeFileSync(path.join(root, 'search-index.json'), JSON.stringify(searchIndex));
  fs.writeFileSync(path.join(root, 'copy.js'), copyScript);
  fs.writeFileSync(path.join(root, 'loader.js'), `var src = document.currentScript.getAttribute('data-chart-src');
var f = document.querySelector('figure.chart[data-chart]');
new IntersectionObserver(function (e, o) {
  if (!e[0].isIntersecting) return;
  o.disconnect();
  var s = document.createElement('script');
  s.src = src;
  document.head.appendChild(s);
}).observe(f);
`);
  fs.writeFileSync(path.join(root, '404.html'), page());
}

/** selfTests runs each check on the good page and on its planted defect, reporting each. */
export async function selfTests(report, browser, root) {
  writeSite(root);
  const server = await serve(root);
  const context = await newContext(browser, server.url, { width: 1280, scheme: 'light' });
  const visit = (name) => open(context, `${server.url}/${name}/`);
  // expect reports a pass when problems are as expected: none for "good",
  // at least one matching `want` for a planted defect.
  const expect = (check, name, problems, want) => {
    const title = name === 'good' ? `self-test: ${check} passes the good page` : `self-test: ${check} fails on ${name}`;
    if (name === 'good') return report.result(title, problems);
    const hit = problems.some((p) => want.test(p));
    report.result(title, hit ? [] : [`expected a problem matching ${want}, got: ${problems.length ? problems.join(' | ') : 'none'}`], hit ? `(${problems.find((p) => want.test(p)).slice(0, 90)})` : '');
  };
  try {
    // HTML validity.
    const hv = validator();
    expect('html', 'good', await checkHTMLString(hv, pages.good, 'good'));
    expect('html', 'invalid', await checkHTMLString(hv, pages.invalid, 'invalid'), /element-permitted-content|no-dup-id/);

    // Links: checkLinks reads the whole self-test site.
    const links = checkLinks(root).problems;
    expect('links', 'good', links.filter((p) => p.startsWith('/good/')));
    expect('links', 'broken-link', links.filter((p) => p.startsWith('/broken-link/')), /nothing at \/nowhere\//);
    expect('links', 'broken-fragment', links.filter((p) => p.startsWith('/broken-fragment/')), /no id "nowhere"/);

    // Accessibility.
    for (const [name, want] of [['good'], ['missing-alt', /^image-alt/], ['missing-label', /^label/]]) {
      const { page } = await visit(name);
      expect('axe', name, await checkAxe(page), want);
      await page.close();
    }

    // Page weight: the static weight, the weight loaded in the browser, and lazy charts.
    const budget = 50 * 1000;
    const over = (bytes) => (bytes > budget ? [`${bytes} bytes is over ${budget}`] : []);
    expect('weight (built files)', 'good', over(staticWeight(root, '/good/index.html').bytes));
    expect('weight (built files)', 'overweight', over(staticWeight(root, '/overweight/index.html').bytes), /over/);
    for (const name of ['good', 'overweight']) {
      const { page, requests } = await visit(name);
      expect('weight (loaded)', name, over(browserWeight(root, server.url, requests).bytes), /over/);
      await page.close();
    }
    for (const name of ['lazy-chart', 'eager-chart']) {
      const { page, requests } = await visit(name);
      expect('lazy chart', name === 'lazy-chart' ? 'good' : name, await checkLazyChart(page, [...requests]), /requested while the page loaded/);
      await page.close();
    }

    // Reflow, at a phone's width.
    {
      const phone = await newContext(browser, server.url, { width: 375, scheme: 'light' });
      for (const [name, want] of [['good'], ['too-wide', /scrolls sideways/]]) {
        const { page } = await open(phone, `${server.url}/${name}/`);
        expect('reflow', name, await checkReflow(page), want);
      }
      await phone.close();
    }

    // Third-party requests.
    for (const name of ['good', 'third-party']) {
      const { page, requests } = await visit(name);
      expect('requests', name, thirdParty(server.url, requests).map((r) => `request to another origin: ${r}`), /third-party\.invalid/);
      await page.close();
    }

    // Keyboard.
    for (const [name, want] of [['good'], ['invisible-focus', /focus is not shown/], ['no-skip-link', /not a skip link/], ['tab-order', /positive tabindex/]]) {
      const { page } = await visit(name);
      expect('keyboard', name, await checkKeyboard(page), want);
      await page.close();
    }

    // The interactive chart from the keyboard.
    for (const [name, want] of [['chart-keys'], ['chart-keys-unreachable', /not the chart/], ['chart-keys-wrong', /lacks the figure "90%"/]]) {
      const { page } = await visit(name);
      expect('chart keyboard', name === 'chart-keys' ? 'good' : name, await checkChartKeyboard(page), want);
      await page.close();
    }

    // The interactive chart: live (lazy, the SVG replaced, the tooltip),
    // cut to a quarter, in the page's colours, and without JavaScript.
    for (const [name, want] of [['chart-live'], ['chart-live-frame-stays', /SVG frame \(\.chart-frame\) is visible, not hidden/], ['chart-live-wrong-tip', /lacks "National average: 85%"/]]) {
      const { page, requests } = await visit(name);
      expect('interactive chart (live)', name === 'chart-live' ? 'good' : name, await checkChartLive(page, requests), want);
      await page.close();
    }
    for (const [name, want] of [['chart-quarter'], ['chart-quarter-uncut', /x axis has 3 periods, not the cut's 2/]]) {
      const { page, requests } = await visit(name);
      expect('interactive chart (quarter)', name === 'chart-quarter' ? 'good' : name, await checkChartQuarter(page, requests), want);
      await page.close();
    }
    {
      const dark = await newContext(browser, server.url, { width: 1280, scheme: 'dark' });
      for (const [name, want] of [['chart-live'], ['chart-live-fixed-colour', /actual line is #1d4f91, not the page's --chart-actual, #8cc2ff/]]) {
        const { page } = await open(dark, `${server.url}/${name}/`);
        expect('interactive chart (colours)', name === 'chart-live' ? 'good' : name, await checkChartColours(page, '#8cc2ff'), want);
      }
      await dark.close();
      const off = await newContext(browser, server.url, { width: 375, scheme: 'light', javaScript: false });
      for (const [name, want] of [['chart-live'], ['chart-live-hidden-without-js', /the SVG chart is hidden/]]) {
        const { page, requests } = await open(off, `${server.url}/${name}/`);
        expect('interactive chart (no JavaScript)', name === 'chart-live' ? 'good' : name, await checkChartWithoutScript(page, requests), want);
      }
      await off.close();
    }

    // Search, with JavaScript and without.
    for (const [name, want] of [['search'], ['search-whole-words', /searching for "Adopt" \(the start of a word, in any case\) lists nothing/], ['search-no-message', /not "No measure matches"/]]) {
      const { page } = await visit(name);
      expect('search', name === 'search' ? 'good' : name, await checkSearch(page, searchCases), want);
      await page.close();
    }
    {
      const { page } = await open(context, `${server.url}/search/?q=Adopt`);
      expect('search (link)', 'good', await checkSearchLink(page, searchCases[1]));
      await page.close();
      const off = await newContext(browser, server.url, { width: 375, scheme: 'light', javaScript: false });
      for (const [name, want] of [['search'], ['search-no-list', /does not list 2 of the 2 measures/]]) {
        const { page, requests } = await open(off, `${server.url}/${name}/`);
        expect('search (no JavaScript)', name === 'search' ? 'good' : name, await checkSearchWithoutScript(page, requests, 'adoption', searchIndex.map((e) => e.url)), want);
      }
      await off.close();
    }

    // Copy buttons, with JavaScript and without.
    for (const [name, want] of [['copy'], ['copy-partial', /the clipboard holds "Example Council\. “Ca", not the citation/]]) {
      const { page } = await visit(name);
      expect('copy', name === 'copy' ? 'good' : name, await checkCopy(page), want);
      await page.close();
    }
    {
      const off = await newContext(browser, server.url, { width: 375, scheme: 'light', javaScript: false });
      for (const [name, want] of [['copy'], ['copy-static-button', /has 1 button, which would do nothing/]]) {
        const { page } = await open(off, `${server.url}/${name}/`);
        expect('copy (no JavaScript)', name === 'copy' ? 'good' : name, await checkCopyWithoutScript(page), want);
      }
      await off.close();
    }

    // Print.
    for (const [name, want] of [['good'], ['prints-navigation', /navigation is printed/], ['prints-pale-in-dark-mode', /dark scheme: color-contrast/]]) {
      const { page } = await visit(name);
      expect('print', name, await checkPrint(page, path.join(root, 'print'), name), want);
      await page.close();
    }
  } finally {
    await context.close();
    await server.close();
  }
}
