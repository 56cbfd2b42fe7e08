// Interactive chart: ECharts replaces a measure's build-time SVG chart once
// it has drawn, only when the chart comes near the screen, and says the
// same as the page. Four visits:
//  - checkChartLive (a measure page, at a phone's width): the chart loader
//    is fetched with the page but the ECharts bundle is not (the chart is
//    below the fold); scrolled into view, the bundle is fetched, once, and
//    the chart goes live (data-chart-state="live"); the SVG frame is then
//    hidden and ECharts has drawn an SVG of its own; hovering the newest
//    figure shows a tooltip with its period, its months, "Actual: " and
//    the big figure, and "National average: " and the table's national
//    figure when there is one.
//  - checkChartQuarter (a measure's page for one quarter): its chart is the
//    measure page's option (the data block's perfsite.src, chart.json),
//    fetched once, cut to the quarter: the x axis has perfsite.cut slots,
//    the last being the quarter (the table's newest row), the y axis runs
//    from perfsite.min to perfsite.max, every series has perfsite.cut
//    figures, and the tooltip of the newest figure gives the big figure.
//  - checkChartColours (a measure page in the dark scheme): the actual line
//    is drawn in the page's --chart-actual, and in the colour expected (the
//    site's [brand] colour_dark) when one is given.
//  - checkChartWithoutScript (a measure page with JavaScript off): the SVG
//    chart is shown (at least 200 by 200 px, visible, role="img"), no
//    bundle is fetched and the chart is not marked live.
// Requests to other origins and script errors are the requests check's.
// chartPages picks the pages: a measure page with a national figure, so
// that the tooltip has one to show, and its quarter page two quarters
// before the newest, so that the cut leaves figures out.

import fs from 'node:fs';
import { fileOf } from '../lib/pages.mjs';
import { checkLazyChart } from './weight.mjs';

const fig = 'figure.chart[data-chart]';

/**
 * chartPages returns { measure, quarter }: the first measure page (in
 * address order) with an interactive chart whose newest row has a
 * national figure (else the first with a chart), and the quarter page its
 * table's third row links to (else its last row's). Either is null when
 * the site has none.
 */
export function chartPages(root, types) {
  const measures = [...types].filter(([, t]) => t === 'measure').map(([u]) => u).sort();
  let first = null;
  for (const u of measures) {
    const html = fs.readFileSync(fileOf(root, u), 'utf8');
    if (!/<figure\b[^>]*\bdata-chart\b/.test(html)) continue;
    const table = readTable(html);
    if (!first) first = { url: u, table };
    if (table.rows[0]?.national) return pagesOf(u, table);
  }
  return first ? pagesOf(first.url, first.table) : { measure: null, quarter: null };
}

function pagesOf(measure, table) {
  const row = table.rows[2] || table.rows[table.rows.length - 1];
  return { measure, quarter: row?.href || null };
}

const cellText = (s) => s.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

/** readTable reads a measure page's table.series from its HTML: { rows: [{ href, national }] }, newest first. */
function readTable(html) {
  const table = /<table class="?series"?[\s\S]*?<\/table>/.exec(html)?.[0] || '';
  const heads = [...(/<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] || '').matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) => cellText(m[1]).toLowerCase());
  const national = heads.indexOf('national');
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] || '';
  const rows = [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]);
    return { href: /href="?([^"\s>]+)/.exec(cells[0] || '')?.[1] || null, national: national >= 0 ? cellText(cells[national] || '') : '' };
  });
  return { rows };
}

/** drawn scrolls the page's chart into view and waits until it is live; it returns a problem or null. */
async function drawn(page) {
  await page.evaluate((sel) => document.querySelector(sel).scrollIntoView(), fig);
  try {
    await page.waitForFunction((sel) => /^(live|failed)$/.test(document.querySelector(sel).getAttribute('data-chart-state') || ''), fig, { timeout: 15000 });
  } catch {
    return 'the interactive chart was not drawn within 15 s of coming into view';
  }
  const state = await page.evaluate((sel) => document.querySelector(sel).getAttribute('data-chart-state'), fig);
  return state === 'live' ? null : 'the interactive chart failed to draw (data-chart-state="failed"): the SVG stayed';
}

/** facts reads what the page says of its newest figure: the big figure, its period, and the table's newest row. */
function facts() {
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
  const table = document.querySelector('table.series') || document.querySelector('main table');
  const heads = table ? [...table.querySelectorAll('thead th')].map((th) => text(th).toLowerCase()) : [];
  const row = table?.querySelector('tbody tr');
  const cells = row ? [...row.children] : [];
  const col = (name) => (heads.indexOf(name) >= 0 ? text(cells[heads.indexOf(name)]) : '');
  const period = text(document.querySelector('.big-figure .period'));
  const label = text(cells[0]);
  return {
    value: text(document.querySelector('.big-figure .value')),
    label,
    // "July to September 2023 (Q2 2023/24)": the months, before the label.
    months: period.replace(` (${label})`, '').trim(),
    national: col('national'),
  };
}

/**
 * hoverNewest moves the mouse over the chart's newest actual figure and
 * returns the tooltip's text once it shows want (or whatever it shows
 * after 5 s, or a problem).
 */
async function hoverNewest(page, want) {
  const xy = await page.evaluate((sel) => {
    const f = document.querySelector(sel);
    const c = f.perfsiteChart;
    if (!c) return null;
    const o = c.getOption();
    const actual = o.series.find((s) => s.id === 'actual') || o.series[0];
    const last = o.xAxis[0].data.length - 1;
    const d = actual.data[last];
    const p = c.convertToPixel({ seriesIndex: o.series.indexOf(actual) }, [last, d && typeof d === 'object' ? d.value : d]);
    const r = f.querySelector('.chart-live').getBoundingClientRect();
    return [r.left + p[0], r.top + p[1]];
  }, fig);
  if (!xy || !xy.every(Number.isFinite)) return { problem: 'the live chart has no newest figure to hover (figure.perfsiteChart)' };
  await page.mouse.move(xy[0], xy[1]);
  const tip = () => page.evaluate(() => [...document.querySelectorAll('.chart-tip')].map((t) => t.innerText.replace(/\s+/g, ' ').trim()).find((t) => t) || '');
  try {
    await page.waitForFunction((w) => [...document.querySelectorAll('.chart-tip')].some((t) => t.innerText.includes(w)), want, { timeout: 5000 });
  } catch {
    // Report what it does show.
  }
  return { text: await tip() };
}

/** tooltipProblems lists what the tooltip's text lacks of wants. */
function tooltipProblems(text, wants) {
  if (!text) return ['hovering the newest figure shows no tooltip (.chart-tip)'];
  const missing = wants.filter((w) => !text.includes(w));
  return missing.length ? [`the tooltip of the newest figure lacks ${missing.map((w) => `"${w}"`).join(', ')}: "${text.slice(0, 200)}"`] : [];
}

/** bundleOf returns the absolute address of the page's ECharts bundle, or null. */
async function bundleOf(page) {
  const src = await page.evaluate(() => document.querySelector('script[data-chart-src]')?.getAttribute('data-chart-src'));
  return src ? new URL(src, page.url()).href : null;
}

/**
 * checkChartLive checks a measure page just opened (requests: what it has
 * asked for so far, a live list) at a phone's width: lazy loading, the
 * chart going live in place of the SVG, and the newest figure's tooltip.
 */
export async function checkChartLive(page, requests) {
  if (!(await page.locator(fig).count())) return ['the page has no interactive chart'];
  const problems = [];
  const loader = await page.evaluate(() => document.querySelector('script[data-chart-src]')?.src);
  const bundle = await bundleOf(page);
  if (!loader || !bundle) return ['the page has no chart loader (a <script> with data-chart-src)'];
  if (!requests.includes(loader)) problems.push(`the chart loader ${new URL(loader).pathname} was not fetched`);
  problems.push(...(await checkLazyChart(page, [...requests])));
  const failed = await drawn(page);
  if (failed) return [...problems, failed];
  const fetched = requests.filter((r) => r === bundle).length;
  if (fetched !== 1) problems.push(`the chart bundle was fetched ${fetched} times, not once`);

  const shown = await page.evaluate((sel) => {
    const f = document.querySelector(sel);
    const frame = f.querySelector('.chart-frame');
    return {
      frame: frame ? getComputedStyle(frame).visibility : 'missing',
      svg: !!f.querySelector('.chart-live svg'),
      live: f.classList.contains('is-live'),
    };
  }, fig);
  if (shown.frame !== 'hidden') problems.push(`once the interactive chart is live, the SVG frame (.chart-frame) is ${shown.frame}, not hidden`);
  if (!shown.svg) problems.push('ECharts drew no SVG (.chart-live svg)');
  if (!shown.live) problems.push('the live chart is not marked is-live');

  const f = await page.evaluate(facts);
  if (!f.value) return [...problems, 'the page has no big figure (.big-figure .value) to read the tooltip against'];
  const tip = await hoverNewest(page, f.value);
  if (tip.problem) return [...problems, tip.problem];
  const wants = [f.label, f.months, `Actual: ${f.value}`];
  if (f.national) wants.push(`National average: ${f.national}`);
  problems.push(...tooltipProblems(tip.text, wants));
  return problems;
}

/**
 * checkChartQuarter checks a measure's page for one quarter (requests:
 * what it has asked for, a live list): its chart is the measure's option,
 * fetched once, cut to the quarter.
 */
export async function checkChartQuarter(page, requests) {
  if (!(await page.locator(fig).count())) return ['the page has no interactive chart'];
  const c = await page.evaluate((sel) => {
    try {
      return JSON.parse(document.querySelector(sel).querySelector('script.chart-option').textContent).perfsite || null;
    } catch {
      return null;
    }
  }, fig);
  if (!c || !c.src) return ["the chart's data block is not a cut of the measure's option (perfsite.src)"];
  const failed = await drawn(page);
  const option = new URL(c.src, page.url()).href;
  const fetched = requests.filter((r) => r === option).length;
  const problems = fetched === 1 ? [] : [`the measure's option ${c.src} was fetched ${fetched} times, not once`];
  if (failed) return [...problems, failed];

  const f = await page.evaluate(facts);
  const got = await page.evaluate((sel) => {
    const o = document.querySelector(sel).perfsiteChart.getOption();
    const x = o.xAxis[0].data.map((d) => (d && typeof d === 'object' ? d.value : d));
    return { x: x.length, last: x[x.length - 1], min: o.yAxis[0].min, max: o.yAxis[0].max, series: o.series.map((s) => [s.name, s.data.length]) };
  }, fig);
  if (got.x !== c.cut) problems.push(`the x axis has ${got.x} periods, not the cut's ${c.cut}`);
  if (got.last !== f.label) problems.push(`the x axis ends at "${got.last}", not the page's quarter, "${f.label}"`);
  if (got.min !== c.min || got.max !== c.max) problems.push(`the y axis runs from ${got.min} to ${got.max}, not the cut's ${c.min} to ${c.max}`);
  for (const [name, n] of got.series) if (n !== c.cut) problems.push(`the series "${name}" has ${n} figures, not the cut's ${c.cut}`);

  const tip = await hoverNewest(page, f.value || f.label);
  if (tip.problem) return [...problems, tip.problem];
  problems.push(...tooltipProblems(tip.text, [f.label, `Actual: ${f.value}`]));
  return problems;
}

/**
 * checkChartColours checks, on a measure page in the dark scheme, that the
 * actual line takes the page's --chart-actual, and is want (a CSS colour)
 * when given.
 */
export async function checkChartColours(page, want = '') {
  if (!(await page.locator(fig).count())) return ['the page has no interactive chart'];
  const failed = await drawn(page);
  if (failed) return [failed];
  const got = await page.evaluate(([sel, want]) => {
    // rgb turns any CSS colour into the browser's rgb() form.
    const probe = document.createElement('span');
    document.body.appendChild(probe);
    const rgb = (c) => {
      probe.style.color = '';
      probe.style.color = c;
      return probe.style.color ? getComputedStyle(probe).color : `not a colour (${c})`;
    };
    const f = document.querySelector(sel);
    const o = f.perfsiteChart.getOption();
    const actual = o.series.find((s) => s.id === 'actual') || o.series[0];
    const page = getComputedStyle(f).getPropertyValue('--chart-actual').trim();
    const out = { line: actual.lineStyle?.color || '', page, lineRGB: rgb(actual.lineStyle?.color || ''), pageRGB: rgb(page), wantRGB: want ? rgb(want) : '' };
    probe.remove();
    return out;
  }, [fig, want]);
  const problems = [];
  if (!got.page) problems.push('the page sets no --chart-actual colour');
  else if (got.lineRGB !== got.pageRGB) problems.push(`the actual line is ${got.line || 'in no colour'}, not the page's --chart-actual, ${got.page}`);
  if (want && got.pageRGB !== got.wantRGB) problems.push(`the page's --chart-actual is ${got.page}, not ${want}`);
  return problems;
}

/**
 * checkChartWithoutScript checks a measure page opened with JavaScript off
 * (requests: what it asked for, a live list): the SVG chart is shown and
 * no bundle fetched.
 */
export async function checkChartWithoutScript(page, requests) {
  if (!(await page.locator(fig).count())) return ['the page has no interactive chart'];
  await page.evaluate((sel) => document.querySelector(sel).scrollIntoView(), fig);
  await page.waitForTimeout(500);
  const problems = [];
  const bundle = await bundleOf(page);
  if (bundle && requests.includes(bundle)) problems.push('the chart bundle was fetched with JavaScript off');
  const box = await page.evaluate((sel) => {
    const f = document.querySelector(sel);
    const svg = f.querySelector('.chart-svg');
    if (!svg) return null;
    const r = svg.getBoundingClientRect();
    const hidden = [svg, ...(function up(el, out) { for (; el && el !== f.parentNode; el = el.parentElement) out.push(el); return out; })(svg.parentElement, [])]
      .some((el) => { const s = getComputedStyle(el); return s.visibility !== 'visible' || s.display === 'none' || parseFloat(s.opacity) === 0; });
    return { width: Math.round(r.width), height: Math.round(r.height), hidden, role: svg.getAttribute('role'), live: f.classList.contains('is-live') || f.getAttribute('data-chart-state') };
  }, fig);
  if (!box) return [...problems, 'the chart has no SVG (.chart-svg)'];
  if (box.width < 200 || box.height < 200) problems.push(`the SVG chart is ${box.width} by ${box.height} px, smaller than 200 by 200`);
  if (box.hidden) problems.push('the SVG chart is hidden');
  if (box.role !== 'img') problems.push(`the SVG chart's role is ${box.role === null ? 'missing' : `"${box.role}"`}, not "img"`);
  if (box.live) problems.push(`the chart is marked live (${box.live === true ? 'is-live' : `data-chart-state="${box.live}"`}) with JavaScript off`);
  return problems;
}
