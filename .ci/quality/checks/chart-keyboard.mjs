// Chart keyboard: the interactive chart from the keyboard, as issue 21 asks.
//  - Tab from the chart's "Skip to the data table" link reaches the chart.
//  - Its accessible description is the measure's summary sentence (the
//    figure panel's), not a list of values; its focus is visible.
//  - Home, then the right arrow key, visits every figure, oldest first;
//    each announcement (the chart's aria-live region) holds the table row's
//    period, figure, status and signal, in the table's words, and the
//    tooltip shows the same period. The left arrow key steps back, End
//    reaches the newest.

import { focusShown } from './keyboard.mjs';

const style = (el) => {
  const c = getComputedStyle(el);
  return { outlineStyle: c.outlineStyle, outlineWidth: parseFloat(c.outlineWidth) || 0, outlineColor: c.outlineColor, boxShadow: c.boxShadow, background: c.backgroundColor };
};

/** rows reads the measure's table: every row with a figure, oldest first. */
function readRows() {
  const table = document.querySelector('table.series') || document.querySelector('main table');
  if (!table) return null;
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim().toLowerCase());
  const col = (name) => heads.indexOf(name);
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => {
    const cells = [...tr.children];
    return {
      label: text(cells[0]),
      figure: text(cells[col('figure')]).replace(/\s*\(revised\)$/, ''),
      status: col('status') >= 0 ? text(cells[col('status')]) : '',
      signal: col('signal') >= 0 ? text(cells[col('signal')]) : '',
    };
  });
  return rows.filter((r) => r.status !== 'No data' && r.figure !== '').reverse();
}

/** checkChartKeyboard uses the page's first interactive chart from the keyboard; it returns the problems found. */
export async function checkChartKeyboard(page) {
  const problems = [];
  const fig = page.locator('figure.chart[data-chart]').first();
  if (!(await fig.count())) return ['the page has no interactive chart'];
  await fig.scrollIntoViewIfNeeded();
  try {
    await page.waitForFunction(() => /^(live|failed)$/.test(document.querySelector('figure.chart[data-chart]').getAttribute('data-chart-state') || ''), null, { timeout: 15000 });
  } catch {
    return ['the interactive chart was not drawn within 15 s of coming into view'];
  }
  if ((await fig.getAttribute('data-chart-state')) !== 'live') return ['the interactive chart failed to draw'];

  // Tab from the link before the chart.
  await page.evaluate(() => {
    const fig = document.querySelector('figure.chart[data-chart]');
    const before = fig.querySelector('.chart-skip a') || fig.querySelector('a');
    if (before) before.focus();
    else { document.body.tabIndex = -1; document.body.focus(); }
  });
  await page.keyboard.press('Tab');
  const reached = await page.evaluate(() => {
    const el = document.activeElement;
    const fig = document.querySelector('figure.chart[data-chart]');
    if (!el || !fig.contains(el) || el.closest('.chart-skip')) return { ok: false, desc: el && el !== document.body ? el.outerHTML.slice(0, 80) : 'nothing' };
    const described = (el.getAttribute('aria-describedby') || '').split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean);
    const summary = document.querySelector('.summary');
    return {
      ok: true,
      name: el.getAttribute('aria-label') || '',
      description: described.map((d) => d.textContent.replace(/\s+/g, ' ').trim()).join(' '),
      summary: summary ? summary.textContent.replace(/\s+/g, ' ').trim() : null,
    };
  });
  if (!reached.ok) return [`Tab from the link before the chart reached ${reached.desc}, not the chart`];
  if (!reached.name) problems.push('the focused chart has no name (aria-label)');
  if (reached.summary === null) problems.push('the page has no summary sentence (.summary) to describe the chart');
  else if (reached.description !== reached.summary) problems.push(`the chart's description is "${reached.description.slice(0, 80)}", not the summary sentence "${reached.summary.slice(0, 80)}"`);

  const on = await page.evaluate(`(${style})(document.activeElement)`);
  const off = await page.evaluate(`(() => { const el = document.activeElement; el.blur(); const s = (${style})(el); el.focus(); return s; })()`);
  if (!focusShown(on, off)) problems.push('focus on the chart is not shown (no outline, box-shadow or background change)');

  const rows = await page.evaluate(readRows);
  if (!rows || !rows.length) return [...problems, 'the page has no table of figures to read the chart against'];
  const say = async () => page.evaluate(() => {
    const fig = document.querySelector('figure.chart[data-chart]');
    const live = fig.querySelector('[aria-live]');
    const tip = [...document.querySelectorAll('.chart-tip')].find((t) => getComputedStyle(t).display !== 'none' && getComputedStyle(t).visibility !== 'hidden' && t.textContent.trim());
    return { said: live ? live.textContent.replace(/\s+/g, ' ').trim() : null, tip: tip ? tip.textContent.replace(/\s+/g, ' ').trim() : '' };
  });

  // Home, then right arrow to the newest, reading each figure against its row.
  await page.keyboard.press('Home');
  const heard = [await say()];
  for (let i = 1; i < rows.length + 1; i++) {
    await page.keyboard.press('ArrowRight');
    const s = await say();
    if (s.said === heard[heard.length - 1].said) break; // the newest: the key does nothing more
    heard.push(s);
  }
  if (heard[0].said === null) return [...problems, 'the chart has no live region announcing the figure reached'];
  if (heard.length !== rows.length) problems.push(`the arrow keys reached ${heard.length} figures; the table has ${rows.length}: ${heard.map((h) => h.said.split(':')[0]).join(', ')}`);
  for (let i = 0; i < Math.min(heard.length, rows.length); i++) {
    const { said, tip } = heard[i];
    const r = rows[i];
    const missing = [];
    if (!said.startsWith(r.label)) missing.push(`the period "${r.label}"`);
    if (!said.includes(`: ${r.figure}.`)) missing.push(`the figure "${r.figure}"`);
    if (r.status && !said.includes(`${r.status}.`)) missing.push(`the status "${r.status}"`);
    if (r.signal && !said.includes(`Signal: ${r.signal}.`)) missing.push(`the signal "${r.signal}"`);
    if (!tip.includes(r.label)) missing.push('a tooltip showing that period');
    if (missing.length) problems.push(`figure ${i + 1} was announced as "${said}": it lacks ${missing.join(', ')} (the table's row)`);
  }
  if (rows.length > 1) {
    await page.keyboard.press('ArrowLeft');
    const back = (await say()).said;
    if (!back.startsWith(rows[rows.length - 2].label)) problems.push(`the left arrow key from the newest figure announced "${back}", not ${rows[rows.length - 2].label}`);
  }
  await page.keyboard.press('End');
  const end = (await say()).said;
  if (!end.startsWith(rows[rows.length - 1].label)) problems.push(`End announced "${end}", not the newest figure, ${rows[rows.length - 1].label}`);
  return problems;
}
