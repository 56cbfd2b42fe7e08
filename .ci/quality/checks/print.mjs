// Print: a measure page printed on A4 shows the summary, the chart and the
// data table, and no navigation. In print media at the width of an A4
// page's printable area (210 mm less 15 mm margins each side: 180 mm, 680
// CSS px):
//  - shown: the summary, the chart's SVG, the data table (every column
//    fitting the page: nothing wider than the page);
//  - hidden: the skip link, the header's navigation, the breadcrumb, the
//    footer;
//  - text contrast (axe's color-contrast) passes when the reader's system
//    is in dark mode: print uses the light colours;
// then Chromium prints it to an A4 PDF (written to outDir). When poppler's
// pdftotext is installed, the PDF's text must hold the summary, the
// chart's caption and the table's caption; pdftoppm renders the pages as
// PNGs next to it, to look at.

import { execFileSync } from 'node:child_process';
import { checkAxe } from './axe.mjs';
import fs from 'node:fs';
import path from 'node:path';

const printableWidth = 680;

function have(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * wideInMain runs in the page: the first five elements of <main> that
 * reach past the page's width, as "tag.class (right edge px)".
 */
function wideInMain() {
  const wide = [];
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > document.documentElement.clientWidth + 1 && getComputedStyle(el).visibility !== 'hidden') {
      wide.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} (${Math.round(r.right)}px)`);
    }
  }
  return wide.slice(0, 5);
}

/** checkPrint checks page (a measure page) for print and writes NAME.pdf into outDir. */
export async function checkPrint(page, outDir, name) {
  const problems = [];
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: printableWidth, height: 960 });
  const state = await page.evaluate(() => {
    const show = (sel) => {
      const el = document.querySelector(sel);
      if (!el) return 'missing';
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' ? 'shown' : 'hidden';
    };
    const text = (sel) => (document.querySelector(sel)?.textContent || '').replace(/\s+/g, ' ').trim();
    return {
      must: {
        summary: show('.figure-panel .summary'),
        'chart SVG': show('figure.chart svg.chart-svg'),
        'data table': show('.table-wrap table'),
      },
      mustNot: {
        'skip link': show('.skip-link'),
        navigation: show('.site-header nav'),
        breadcrumb: show('.breadcrumb'),
        footer: show('.site-footer'),
      },
      texts: [text('.figure-panel .summary'), text('figure.chart figcaption'), text('.table-wrap caption')],
    };
  });
  for (const [what, s] of Object.entries(state.must)) if (s !== 'shown') problems.push(`print: the ${what} is ${s}`);
  for (const [what, s] of Object.entries(state.mustNot)) if (s === 'shown') problems.push(`print: the ${what} is printed`);
  for (const w of await page.evaluate(wideInMain)) problems.push(`print: wider than an A4 page: ${w}`);

  // Paper is white even when the reader's screen is dark: text contrast in
  // print, with the dark colour scheme, passes axe's color-contrast rule.
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  for (const v of await checkAxe(page, ['color-contrast'])) problems.push(`print, dark scheme: ${v}`);
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });

  fs.mkdirSync(outDir, { recursive: true });
  const pdf = path.join(outDir, name + '.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  if (have('pdftotext')) {
    const raw = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    const pages = (raw.match(/\f/g) || []).length;
    const text = raw.replace(/\s+/g, ' ');
    for (const t of state.texts) {
      // The first words are enough: pdftotext may hyphenate or reflow.
      const start = t.split(' ').slice(0, 5).join(' ');
      if (t && !text.includes(start)) problems.push(`print: the PDF lacks "${start}"`);
    }
    if (pages > 6) problems.push(`print: ${pages} A4 pages`);
  }
  if (have('pdftoppm')) execFileSync('pdftoppm', ['-png', '-r', '50', pdf, path.join(outDir, name)]);
  await page.emulateMedia({ media: 'screen' });
  return problems;
}

/**
 * checkReportPrint checks a quarter's report for the committee for print
 * and writes NAME.pdf into outDir: no navigation, breadcrumb, site header
 * or footer; nothing wider than the page; print contrast in dark mode;
 * and, with pdftotext, an A4 PDF whose text holds every measure of the
 * report's tables in order, numbered pages ("Page 2 of N") and the
 * running header (the report's own print.css).
 */
export async function checkReportPrint(page, outDir, name) {
  const problems = [];
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: printableWidth, height: 960 });
  const state = await page.evaluate(() => {
    const shown = (sel) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    return {
      printed: ['.skip-link', '.site-header', '.breadcrumb', '.site-footer'].filter(shown),
      titles: [...document.querySelectorAll('.report-measures tbody th[scope="row"]')].map((th) => th.textContent.replace(/\s+/g, ' ').trim()),
      header: (document.querySelector('.report-cover h1')?.textContent || '').replace(/\s+/g, ' ').trim(),
    };
  });
  for (const sel of state.printed) problems.push(`print: ${sel} is printed`);
  for (const w of await page.evaluate(wideInMain)) problems.push(`print: wider than an A4 page: ${w}`);
  if (!state.titles.length) problems.push('print: the report has no table of measures (.report-measures)');
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  for (const v of await checkAxe(page, ['color-contrast'])) problems.push(`print, dark scheme: ${v}`);
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });

  fs.mkdirSync(outDir, { recursive: true });
  const pdf = path.join(outDir, name + '.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  if (have('pdftotext')) {
    // Lines break inside the tables' narrow cells: compare without spaces.
    const squash = (t) => t.replace(/\s+/g, '');
    const text = squash(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
    let at = text.indexOf(squash('Every measure'));
    for (const title of state.titles) {
      const i = text.indexOf(squash(title), at);
      if (i < 0) {
        problems.push(`print: the PDF lacks "${title}" after the measures before it`);
        break;
      }
      at = i + squash(title).length;
    }
    if (!text.includes(squash('Page 2 of'))) problems.push('print: the pages are not numbered ("Page 2 of N")');
    if (!text.includes(squash('Performance report,'))) problems.push('print: no running header ("Performance report, QUARTER, ORGANISATION")');
  }
  if (have('pdftoppm')) execFileSync('pdftoppm', ['-png', '-r', '50', pdf, path.join(outDir, name)]);
  await page.emulateMedia({ media: 'screen' });
  return problems;
}
