// Page weight: what a page costs to load before anyone interacts with it,
// gzip-compressed (level 9, as static hosts serve it; the CSS is counted
// once per page, as a first visit pays for it). Each page type has a
// budget, in KB of 1,000 bytes.
//
// Two measures:
//  - staticWeight, for every built page: its HTML (inline SVG and all),
//    plus every stylesheet, script and image its HTML asks for that is not
//    marked lazy (loading="lazy"), read from the built site.
//  - browserWeight, for the sample pages: every request the page really
//    made in Chromium, from navigation until the network was quiet, at a
//    phone's width. The interactive chart bundle (data-chart-src on the
//    chart loader's <script>) does not
//    count because it is loaded only when the chart nears the screen:
//    checkLazyChart proves that.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { listFiles, pageURL, scan } from '../lib/pages.mjs';
import { resolveFile } from '../lib/server.mjs';

/**
 * budgets, in KB gzipped, by page type (lib/pages.mjs names them; a page
 * type with no entry here gets the default). A measure page's 50 KB is
 * the issue's requirement, and no page may weigh more than a measure page,
 * except the pages that list every measure: they grow with the number of
 * measures (12 KB for the 60-measure fixture), and 60 KB allows about 300.
 * Measured (example site, fixture): measure pages 11-12 KB, every other
 * page 4-12 KB.
 */
export const budgets = {
  default: 50,
  measure: 50,
  'measure-quarter': 50,
  home: 60,
  'measures-az': 60,
  quarter: 60,
  service: 60,
  committee: 60,
};

/** budgetFor returns the budget in KB for a page type. */
export function budgetFor(type) {
  return budgets[type] ?? budgets.default;
}

const gzCache = new Map();
/** gzipSize returns the size of a file gzipped at level 9, in bytes. */
export function gzipSize(file) {
  if (!gzCache.has(file)) gzCache.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length);
  return gzCache.get(file);
}

/** staticWeight returns { bytes, parts } for a page: its HTML and what it loads eagerly. */
export function staticWeight(root, file) {
  const page = pageURL(file);
  const html = fs.readFileSync(path.join(root, file), 'utf8');
  const parts = [[file, gzipSize(path.join(root, file))]];
  const seen = new Set();
  for (const t of scan(html).tags) {
    let ref = null;
    if (t.name === 'link' && /\bstylesheet\b/i.test(t.attrs.rel || '') && t.attrs.href) ref = t.attrs.href;
    else if (t.name === 'script' && t.attrs.src) ref = t.attrs.src;
    else if ((t.name === 'img' || t.name === 'iframe') && t.attrs.src && t.attrs.loading !== 'lazy') ref = t.attrs.src;
    if (!ref) continue;
    const u = new URL(ref, 'http://site.invalid' + page);
    if (u.origin !== 'http://site.invalid' || seen.has(u.pathname)) continue;
    seen.add(u.pathname);
    const f = resolveFile(root, u.pathname).file;
    if (f) parts.push([u.pathname, gzipSize(f)]);
  }
  return { bytes: parts.reduce((a, [, n]) => a + n, 0), parts };
}

/**
 * checkStaticWeights weighs every HTML page under root and returns, by
 * page type, { max, maxPage, count, problems }: the heaviest page and each
 * page over its type's budget.
 */
export function checkStaticWeights(root, types) {
  const out = new Map();
  for (const file of listFiles(root).filter((f) => f.endsWith('.html'))) {
    const url = pageURL(file);
    const type = types.get(url) || 'unknown';
    const w = staticWeight(root, file);
    if (!out.has(type)) out.set(type, { max: 0, maxPage: '', count: 0, problems: [] });
    const o = out.get(type);
    o.count++;
    if (w.bytes > o.max) Object.assign(o, { max: w.bytes, maxPage: url });
    if (w.bytes > budgetFor(type) * 1000) {
      o.problems.push(`${url}: ${kb(w.bytes)} gzipped is over the ${type} budget of ${budgetFor(type)} KB (${w.parts.map(([p, n]) => `${p} ${kb(n)}`).join(', ')})`);
    }
  }
  return out;
}

/**
 * browserWeight sums the gzipped size of every same-origin request a page
 * made (requests: URLs, as recorded by lib/browser.mjs open), reading each
 * from the built site. It returns { bytes, parts }.
 */
export function browserWeight(root, origin, requests) {
  const seen = new Set();
  const parts = [];
  for (const r of requests) {
    const u = new URL(r);
    if (u.origin !== origin || seen.has(u.pathname)) continue;
    seen.add(u.pathname);
    let res = resolveFile(root, u.pathname);
    if (res.status === 301) res = resolveFile(root, res.redirect);
    const f = res.file || path.join(root, '404.html');
    if (fs.existsSync(f)) parts.push([u.pathname, gzipSize(f)]);
  }
  return { bytes: parts.reduce((a, [, n]) => a + n, 0), parts };
}

/**
 * checkLazyChart proves a page's interactive chart bundle is lazy: it was
 * not requested while the page loaded (requests), and it is requested once
 * the chart is scrolled into view. Returns problems; a page with no
 * interactive chart has none.
 */
export async function checkLazyChart(page, requests) {
  const src = await page.evaluate(() => document.querySelector('figure.chart[data-chart]') && document.querySelector('script[data-chart-src]')?.getAttribute('data-chart-src'));
  if (!src) return [];
  const bundle = new URL(src, page.url()).href;
  const problems = [];
  if (requests.includes(bundle)) {
    problems.push(`the chart bundle ${src} was requested while the page loaded (the chart is ${await chartPlace(page)})`);
    return problems;
  }
  const wait = page.waitForRequest(bundle, { timeout: 10000 }).then(() => true, () => false);
  await page.evaluate(() => document.querySelector('figure.chart[data-chart]').scrollIntoView());
  if (!(await wait)) problems.push(`the chart bundle ${src} was not requested when the chart came into view`);
  return problems;
}

async function chartPlace(page) {
  return page.evaluate(() => {
    const r = document.querySelector('figure.chart[data-chart]').getBoundingClientRect();
    return `${Math.round(r.top)}px from the top of a ${innerHeight}px window`;
  });
}

/** kb formats bytes as KB with one decimal. */
export function kb(n) {
  return (n / 1000).toFixed(1) + ' KB';
}
