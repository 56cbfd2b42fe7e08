#!/usr/bin/env node
// The site quality suite: builds the example site and a generated fixture
// site, then checks both for accessibility, keyboard use, HTML validity,
// links, page weight, third-party requests, print, the interactive chart,
// search and copy buttons, and proves, with
// pages that have a planted defect, that each check can fail. See
// README.md beside this file for what each check does.
//
// Usage, from the repository root, after `npm ci`:
//   node .ci/quality/run.mjs              build both sites and check them
//   node .ci/quality/run.mjs --site DIR   check a site already built into DIR
//   node .ci/quality/run.mjs --self-test  only the planted-defect tests
// Screenshots and print PDFs go to .ci/artifacts/. Exit status 1 if any
// check failed.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch, newContext, open } from './lib/browser.mjs';
import { classify, listFiles, pageURL, sample } from './lib/pages.mjs';
import { serve } from './lib/server.mjs';
import { checkAxe } from './checks/axe.mjs';
import { chartPages, checkChartColours, checkChartLive, checkChartQuarter, checkChartWithoutScript } from './checks/chart.mjs';
import { checkChartKeyboard } from './checks/chart-keyboard.mjs';
import { checkCopy, checkCopyWithoutScript } from './checks/copy.mjs';
import { checkHTML } from './checks/html.mjs';
import { checkKeyboard } from './checks/keyboard.mjs';
import { checkLinks } from './checks/links.mjs';
import { checkPrint, checkReportPrint } from './checks/print.mjs';
import { checkReflow } from './checks/reflow.mjs';
import { checkSearch, checkSearchLink, checkSearchWithoutScript, titleCases } from './checks/search.mjs';
import { thirdParty } from './checks/requests.mjs';
import { browserWeight, budgetFor, checkLazyChart, checkStaticWeights, kb } from './checks/weight.mjs';
import { selfTests } from './selftest.mjs';
import { measurePreview } from './preview.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = path.join(repo, '.ci', 'artifacts');

// The four ways each sample page is looked at.
export const views = [
  { width: 375, scheme: 'light' },
  { width: 375, scheme: 'dark' },
  { width: 1280, scheme: 'light' },
  { width: 1280, scheme: 'dark' },
];

/** Reporter prints one line per check and counts passes and failures. */
export class Reporter {
  constructor() {
    this.passed = 0;
    this.failed = 0;
  }
  result(name, problems, note = '') {
    if (problems.length === 0) {
      this.passed++;
      console.log(`ok   ${name}${note ? ' ' + note : ''}`);
    } else {
      this.failed++;
      console.log(`FAIL ${name}${note ? ' ' + note : ''}`);
      for (const p of problems.slice(0, 25)) console.log(`       ${p}`);
      if (problems.length > 25) console.log(`       ... and ${problems.length - 25} more`);
    }
  }
}

// sh runs a command; its output is shown only if it fails.
function sh(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    process.stdout.write(`$ ${cmd} ${args.join(' ')}\n${e.stdout || ''}${e.stderr || ''}`);
    throw new Error(`${path.basename(cmd)} ${args[0]} failed`);
  }
}

// ownFooter is the fixture's own footer layout: a council's address and a
// link of its own, beside the site's links.
const ownFooter = `<footer class="site-footer">
  <div class="wrap">
    <p>Published by {{ .Site.Organisation }}, Council House, Example Street, Exampleton.</p>
    <ul class="footer-links">
      {{- range .Site.FooterLinks }}
      <li><a href="{{ relURL .URL }}">{{ .Name }}</a></li>
      {{- end }}
      <li><a href="https://www.example.gov.uk/contact">Contact the council</a></li>
    </ul>
  </div>
</footer>
`;

// The example site's searches (checks/search.mjs): each lists its measure
// first. A site without its own gets whole titles from its A to Z list.
const exampleSearches = [
  { query: 'adoptive', want: '/measures/days-to-adoption/', why: 'a word of its title' },
  { query: 'Adopt', want: '/measures/days-to-adoption/', why: 'the start of a word, in any case' },
  { query: 'overspend', want: '/measures/childrens-services-overspend/', why: 'a word of its title' },
  { query: 'EHCP', want: '/measures/ehc-plans-20-weeks/', why: 'a glossary spelling of a term it uses' },
  { query: 'looked after children', want: '/measures/children-in-care/', why: 'a glossary term, as several words' },
  { query: 'LAC', want: '/measures/children-in-care/', why: 'a glossary abbreviation' },
];

/**
 * brandColourDark reads colour_dark from the [brand] table of the site's
 * data/site.toml (in source): the colour of its charts' actual line in
 * the dark scheme. "" when it has none.
 */
function brandColourDark(source) {
  const file = path.join(source || '', 'data', 'site.toml');
  if (!fs.existsSync(file)) return '';
  const brand = /^\[brand\][^\S\n]*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(fs.readFileSync(file, 'utf8'))?.[1] || '';
  return /^\s*colour_dark\s*=\s*"([^"]*)"/m.exec(brand)?.[1] || '';
}

/** buildSites builds the example site and the fixture into tmp and returns them. */
function buildSites(tmp) {
  const bin = path.join(tmp, 'perfsite');
  console.log('# building perfsite, the example site and the fixture site');
  sh('go', ['build', '-o', bin, './cmd/perfsite']);
  sh(bin, ['build', '--dest', path.join(tmp, 'example')]);
  const src = path.join(tmp, 'fixture-source');
  sh(bin, ['generate', '--dest', src, '--measures', '60', '--services', '6', '--quarters', '12', '--seed', '7']);
  // The fixture uses the repository's ECharts, so that it has interactive charts too.
  if (fs.existsSync(path.join(repo, 'node_modules', 'echarts'))) fs.symlinkSync(path.join(repo, 'node_modules'), path.join(src, 'node_modules'));
  // It has a footer of its own, as a council that copied the layout to
  // change it has (the example site has a brand: the suite checks both).
  fs.mkdirSync(path.join(src, 'layouts', '_partials'), { recursive: true });
  fs.writeFileSync(path.join(src, 'layouts', '_partials', 'footer.html'), ownFooter);
  sh(bin, ['build', '--source', src, '--dest', path.join(tmp, 'fixture')]);
  return [
    { name: 'example', root: path.join(tmp, 'example'), source: repo, searches: exampleSearches },
    { name: 'fixture', root: path.join(tmp, 'fixture'), source: src },
  ];
}

/** siteBase reads the site's own address from its home page's canonical link. */
function siteBase(root) {
  const home = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  return /<link\s[^>]*rel="?canonical"?[^>]*href="?([^"\s>]+)/.exec(home)?.[1] || '';
}

/** checkSite runs every check on one built site. */
export async function checkSite(site, report, browser) {
  const { name, root } = site;
  const started = Date.now();
  const contentDir = path.join(site.source || '', 'content');
  const extra = new Set(fs.existsSync(contentDir) ? fs.readdirSync(contentDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)) : []);
  const urls = listFiles(root).filter((f) => f.endsWith('.html')).map(pageURL);
  const types = classify(root, urls, extra);
  const samples = sample(root, types);
  const counts = {};
  for (const t of types.values()) counts[t] = (counts[t] || 0) + 1;
  console.log(`\n# ${name}: ${urls.length} pages in ${root}`);
  console.log(`#   page types: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  console.log(`#   sample: ${samples.map((s) => `${s.name} ${s.url}`).join(', ')}`);

  let t = Date.now();
  const html = await checkHTML(root);
  report.result(`html: ${name}, every page`, html.problems, `(${html.pages} pages, ${((Date.now() - t) / 1000).toFixed(1)}s)`);

  const links = checkLinks(root, siteBase(root));
  report.result(`links: ${name}, every page`, links.problems, `(${links.links} internal links on ${links.pages} pages)`);

  for (const [type, w] of [...checkStaticWeights(root, types)].sort()) {
    report.result(`weight: ${name}, every ${type} page`, w.problems, `(heaviest ${kb(w.max)} of ${budgetFor(type)} KB: ${w.maxPage}; ${w.count} pages)`);
  }

  // The browser checks, on the sample.
  const server = await serve(root);
  const shots = path.join(artifacts, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  try {
    const found = new Map(samples.map((s) => [s.name, { axe: [], reflow: [], requests: [], weight: [], keyboard: null, note: '' }]));
    // Two views at a time: the machine has two cores.
    const pairs = [views.slice(0, 2), views.slice(2, 4)];
    for (const pair of pairs) {
      await Promise.all(pair.map(async (view) => {
        const context = await newContext(browser, server.url, view);
        const label = `${view.width}px ${view.scheme}`;
        for (const s of samples) {
          const f = found.get(s.name);
          const { page, errors, requests } = await open(context, server.url + s.url);
          const loaded = [...requests];
          if (view.width === 375 && view.scheme === 'light') {
            // Everything loaded before interaction, at a phone's width.
            const w = browserWeight(root, server.url, loaded);
            const budget = budgetFor(s.type);
            if (w.bytes > budget * 1000) f.weight.push(`${kb(w.bytes)} loaded is over the ${s.type} budget of ${budget} KB: ${w.parts.map(([p, n]) => `${p} ${kb(n)}`).join(', ')}`);
            f.note = `(${kb(w.bytes)} of ${budget} KB, ${w.parts.length} files)`;
            f.weight.push(...(await checkLazyChart(page, loaded)));
          }
          for (const v of await checkAxe(page)) f.axe.push(`${label}: ${v}`);
          if (view.width === 375) for (const v of await checkReflow(page)) f.reflow.push(`${label}: ${v}`);
          if ((view.width === 375) === (view.scheme === 'light')) {
            // Screenshots, for people to look at: a phone in the light
            // scheme and a laptop in the dark one (each takes a second).
            const file = `${name}-${s.name.replace(/[^a-z0-9-]+/gi, '-')}-${view.width}-${view.scheme}.png`;
            await page.screenshot({ path: path.join(shots, file), fullPage: true, animations: 'disabled' });
          }
          if (view.width === 1280 && view.scheme === 'light' && s.name !== 'measure') {
            // Every other page type: the keyboard check, judging focus by styles alone.
            await page.reload({ waitUntil: 'load' });
            f.keyboard = await checkKeyboard(page, { pixels: false });
          }
          // Every request of the visit: loading, the chart, axe, the screenshot.
          f.requests.push(...thirdParty(server.url, requests).map((r) => `${label}: request to another origin: ${r}`));
          f.requests.push(...errors.map((e) => `${label}: ${e}`));
          await page.close();
        }
        await context.close();
      }));
    }
    for (const s of samples) {
      const f = found.get(s.name);
      report.result(`axe: ${name}, ${s.name} ${s.url}`, f.axe, '(375px and 1280px, light and dark)');
      report.result(`reflow: ${name}, ${s.name} ${s.url}`, f.reflow, '(375px, light and dark)');
      report.result(`requests: ${name}, ${s.name} ${s.url}`, f.requests, '(same origin only, no errors)');
      report.result(`weight loaded: ${name}, ${s.name} ${s.url}`, f.weight, f.note);
      if (f.keyboard) report.result(`keyboard: ${name}, ${s.name} ${s.url}`, f.keyboard, '(1280px light, focus judged by styles)');
    }

    // Keyboard and print, on the typical measure page.
    const measure = samples.find((s) => s.name === 'measure');
    if (!measure) {
      report.result(`keyboard: ${name}`, ['the site has no measure page']);
    } else {
      for (const view of [views[0], views[3]]) {
        const context = await newContext(browser, server.url, view);
        const { page } = await open(context, server.url + measure.url);
        report.result(`keyboard: ${name}, ${measure.url} at ${view.width}px ${view.scheme}`, await checkKeyboard(page));
        await context.close();
      }
      const context = await newContext(browser, server.url, views[0]);
      const { page } = await open(context, server.url + measure.url);
      report.result(`print: ${name}, ${measure.url} on A4`, await checkPrint(page, path.join(artifacts, 'print'), `${name}-measure`));
      await context.close();
    }
    // The committee report of a quarter, printed on A4.
    const rep = samples.find((s) => s.type === 'report');
    if (!rep) {
      report.result(`print: ${name}, report`, ['the site has no report page']);
    } else {
      const context = await newContext(browser, server.url, views[0]);
      const { page } = await open(context, server.url + rep.url);
      report.result(`print: ${name}, ${rep.url} on A4`, await checkReportPrint(page, path.join(artifacts, 'print'), `${name}-report`));
      await context.close();
    }
    // The interactive chart from the keyboard: a measure page (the whole
    // option) at a laptop's width, and a measure's quarter page (the
    // option cut to that quarter) at a phone's.
    for (const [type, view] of [['measure', views[3]], ['measure-quarter', views[0]]]) {
      const s = samples.find((x) => x.type === type);
      if (!s) {
        report.result(`chart keyboard: ${name}`, [`the site has no ${type} page`]);
        continue;
      }
      const context = await newContext(browser, server.url, view);
      const { page } = await open(context, server.url + s.url);
      report.result(`chart keyboard: ${name}, ${s.url} at ${view.width}px ${view.scheme}`, await checkChartKeyboard(page));
      await context.close();
    }

    // visit opens url in a context of its own and returns the problems
    // check(page, requests) finds on it.
    const visit = async (url, view, check) => {
      const context = await newContext(browser, server.url, view);
      const { page, requests } = await open(context, server.url + url);
      const problems = await check(page, requests);
      await context.close();
      return problems;
    };
    const noScript = { ...views[0], javaScript: false };

    // The interactive chart: on a measure page with a national figure, at a
    // phone's width (lazy, live, the tooltip), in the dark scheme (its
    // colours) and without JavaScript (the SVG); and on its quarter page.
    const charts = chartPages(root, types);
    if (!charts.measure) {
      report.result(`interactive chart: ${name}`, ['the site has no measure page with an interactive chart']);
    } else {
      const dark = brandColourDark(site.source);
      report.result(`interactive chart: ${name}, ${charts.measure} at 375px light`, await visit(charts.measure, views[0], checkChartLive), '(lazy, live, tooltip of the newest figure)');
      report.result(`interactive chart: ${name}, ${charts.quarter} at 1280px light`, await visit(charts.quarter, views[2], checkChartQuarter), "(the measure's option, fetched once, cut to the quarter)");
      const colour = dark ? `--chart-actual, ${dark} ([brand] colour_dark)` : '--chart-actual';
      report.result(`interactive chart: ${name}, ${charts.measure} at 1280px dark`, await visit(charts.measure, views[3], (page) => checkChartColours(page, dark)), `(the actual line in ${colour})`);
      report.result(`interactive chart: ${name}, ${charts.measure} without JavaScript`, await visit(charts.measure, noScript, checkChartWithoutScript), '(the SVG shown, no bundle)');
    }

    // Search: the site's own searches, or whole titles, typed into the
    // box; a link to a search; the form without JavaScript.
    const searchPage = [...types].find(([, t]) => t === 'search')?.[0];
    if (!searchPage) {
      report.result(`search: ${name}`, ['the site has no search page (/search/)']);
    } else {
      let cases = site.searches;
      if (!cases) {
        const context = await newContext(browser, server.url, views[0]);
        const { page } = await open(context, server.url + searchPage);
        cases = await titleCases(page);
        await context.close();
      }
      report.result(`search: ${name}, ${searchPage} at 375px light`, await visit(searchPage, views[0], (page) => checkSearch(page, cases)), `(${cases.length} searches${site.searches ? '' : ' for whole titles'}, and one that finds nothing)`);
      if (cases.length) {
        const link = `${searchPage}?q=${encodeURIComponent(cases[0].query)}`;
        report.result(`search: ${name}, ${link} at 1280px light`, await visit(link, views[2], (page) => checkSearchLink(page, cases[0])));
        const measures = [...types].filter(([, t]) => t === 'measure').map(([u]) => u);
        report.result(`search: ${name}, ${searchPage} without JavaScript`, await visit(searchPage, noScript, (page, requests) => checkSearchWithoutScript(page, requests, cases[0].query, measures)), `(lists all ${measures.length} measures)`);
      }
    }

    // Copy buttons, on the typical measure page.
    if (measure) {
      report.result(`copy: ${name}, ${measure.url} at 1280px light`, await visit(measure.url, views[2], checkCopy), '(the citation and the embed code)');
      report.result(`copy: ${name}, ${measure.url} without JavaScript`, await visit(measure.url, noScript, checkCopyWithoutScript));
    }
  } finally {
    await server.close();
  }
  console.log(`#   ${name} checked in ${Math.round((Date.now() - started) / 1000)}s`);
}

// The preview's targets (issue 17): the open page shows a saved figure
// within 300 ms, the median of 20 saves, and never the figure from before;
// a whole quarter's file within 2 s.
const previewTargets = { edit: 0.3, wholeFile: 2 };

/**
 * checkPreview runs `perfsite serve` on a copy of the example site and
 * saves a figure 20 times with its page open in Chromium (preview.mjs):
 * every reload must show the new figure, soon enough.
 */
async function checkPreview(report, tmp) {
  const site = path.join(tmp, 'preview-site');
  for (const dir of ['data', 'content', 'static']) fs.cpSync(path.join(repo, dir), path.join(site, dir), { recursive: true });
  if (fs.existsSync(path.join(repo, 'node_modules', 'echarts'))) fs.symlinkSync(path.join(repo, 'node_modules'), path.join(site, 'node_modules'));
  const r = await measurePreview(path.join(tmp, 'perfsite'), site, 20);
  const median = [...r.edits].sort((a, b) => a - b)[Math.floor(r.edits.length / 2)];
  const problems = [];
  if (r.stale) problems.push(`${r.stale} of ${r.edits.length} saves: the reloaded page still showed the figure from before`);
  if (median > previewTargets.edit) problems.push(`the median save showed after ${Math.round(median * 1000)} ms (target: ${previewTargets.edit * 1000} ms or less)`);
  if (r.whole_file > previewTargets.wholeFile) problems.push(`a whole quarter's file showed after ${r.whole_file.toFixed(2)} s (target: ${previewTargets.wholeFile} s or less)`);
  report.result('preview: 20 saves of a figure with its page open', problems, `(median ${Math.round(median * 1000)} ms; ${r.edits.map((x) => Math.round(x * 1000)).join(', ')} ms; whole file ${r.whole_file.toFixed(2)} s)`);
}

async function main() {
  const args = process.argv.slice(2);
  const report = new Reporter();
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'perfsite-quality-'));
  let browser;
  try {
    browser = await launch();
    if (!args.includes('--self-test')) {
      const given = args.flatMap((a, i) => (a === '--site' ? [args[i + 1]] : []));
      const sites = given.length
        ? given.map((d) => ({ name: path.basename(path.resolve(d)), root: path.resolve(d), source: path.resolve(d, '..') }))
        : buildSites(tmp);
      fs.rmSync(path.join(artifacts, 'screenshots'), { recursive: true, force: true });
      fs.rmSync(path.join(artifacts, 'print'), { recursive: true, force: true });
      for (const site of sites) await checkSite(site, report, browser);
      if (!given.length) await checkPreview(report, tmp);
    }
    console.log('\n# self-tests: each check fails on a page with a planted defect');
    await selfTests(report, browser, path.join(tmp, 'selftest'));
  } catch (e) {
    report.result('the suite ran to the end', [e.stack || String(e)]);
  } finally {
    if (browser) await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nsite quality: ${report.passed} passed, ${report.failed} failed (${Math.round((Date.now() - started) / 1000)}s)`);
  process.exitCode = report.failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
