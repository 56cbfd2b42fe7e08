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
import { checkChartKeyboard } from './checks/chart-keyboard.mjs';
import { checkHTMLString, validator } from './checks/html.mjs';
import { checkKeyboard } from './checks/keyboard.mjs';
import { checkLinks } from './checks/links.mjs';
import { checkPrint } from './checks/print.mjs';
import { checkReflow } from './checks/reflow.mjs';
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
