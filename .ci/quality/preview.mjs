#!/usr/bin/env node
// The preview in a real browser: runs `perfsite serve` on a site, opens the
// page of the measure whose figure it edits in Chromium, then saves a new
// figure for it again and again and times each save until the open page,
// reloaded by the preview, shows the new figure; last, it saves a new
// figure for every measure of the file at once. It prints the timings as
// JSON: { edits: [seconds...], stale, whole_file }. An edit is stale when
// the page reloaded and still showed the figure from before for
// STALE_AFTER ms.
//
// Usage: node .ci/quality/preview.mjs --perfsite BIN --site DIR [--edits 20]
// The quality suite runs it on a copy of the example site
// (checks: preview); `perfsite bench` on a generated council site.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { launch, newContext } from './lib/browser.mjs';

const STALE_AFTER = 5000;
const figure = '.big-figure .value';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** latestCSV is the site's last quarterly CSV file by name. */
function latestCSV(site) {
  const dir = path.join(site, 'data', 'quarters');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  if (!files.length) throw new Error(`no quarterly CSV files in ${dir}`);
  return path.join(dir, files[files.length - 1]);
}

/** editable returns the cells of a CSV line whose value is a plain number, not 0. */
function editable(line) {
  const cells = line.replace(/\r?\n$/, '').split(',');
  const v = Number(cells[1]);
  return cells.length >= 2 && cells[1] !== '' && Number.isFinite(v) && v !== 0 ? { cells, v } : null;
}

/** editFigures changes the first editable figure (down 10%, back up on the next edit), or every one, and saves. */
function editFigures(file, n, every) {
  const lines = fs.readFileSync(file, 'utf8').split(/(?<=\n)/);
  let id = '';
  for (let i = 1; i < lines.length; i++) {
    const e = editable(lines[i]);
    if (!e) continue;
    const v = every || n % 2 === 0 ? e.v * 0.9 : e.v / 0.9;
    e.cells[1] = String(Math.round(v * 1000) / 1000);
    const end = lines[i].slice(lines[i].replace(/\r?\n$/, '').length);
    lines[i] = e.cells.join(',') + end;
    id ||= e.cells[0];
    if (!every) break;
  }
  if (!id) throw new Error(`${file} has no figure to edit`);
  fs.writeFileSync(file, lines.join(''));
  return { id, saved: performance.now() };
}

/** serve starts `perfsite serve` on a free port and resolves with its address once it answers. */
async function serve(bin, site) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(bin, ['serve', '--source', site, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`perfsite serve stopped:\n${log}`);
    try {
      if ((await fetch(base + '/')).ok) return { base, child, log: () => log };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`perfsite serve did not answer within two minutes:\n${log}`);
}

/** listening waits until the page listens for the preview's reload messages. */
async function listening(page) {
  await page.waitForFunction(() => document.documentElement.dataset.perfsiteLive === '1', null, { timeout: STALE_AFTER });
}

/** shown is the figure the page shows, or '' while it reloads. */
async function shown(page) {
  try {
    return await page.evaluate((sel) => (document.querySelector(sel) || {}).textContent || '', figure);
  } catch {
    return ''; // the page is between two documents
  }
}

/** measurePreview runs the preview of site and times edits+1 saves. */
export async function measurePreview(bin, site, edits = 20) {
  const csv = latestCSV(site);
  const id = editable(fs.readFileSync(csv, 'utf8').split(/(?<=\n)/).slice(1).find((l) => editable(l)) || '')?.cells[0];
  if (!id) throw new Error(`${csv} has no figure to edit`);
  const { base, child } = await serve(bin, site);
  const browser = await launch();
  const result = { edits: [], stale: 0, whole_file: 0 };
  try {
    const context = await newContext(browser, new URL(base).origin, { width: 1280 });
    const page = await context.newPage();
    await page.goto(`${base}/measures/${id}/`, { waitUntil: 'load' });
    await listening(page);
    for (let i = 0; i <= edits; i++) {
      const every = i === edits;
      const before = await shown(page);
      await new Promise((r) => setTimeout(r, 300)); // a quiet spell between saves, as when a person edits
      const { saved } = editFigures(csv, i, every);
      let took = 0;
      let ok = false;
      while ((took = performance.now() - saved) < STALE_AFTER) {
        const now = await shown(page);
        if (now && now !== before) {
          ok = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      if (!ok) result.stale++;
      if (every) result.whole_file = took / 1000;
      else result.edits.push(took / 1000);
      await listening(page);
    }
  } finally {
    await browser.close();
    child.kill('SIGINT');
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bin = arg('--perfsite');
  const site = arg('--site');
  if (!bin || !site) {
    console.error('usage: node .ci/quality/preview.mjs --perfsite BIN --site DIR [--edits 20]');
    process.exit(2);
  }
  measurePreview(bin, site, Number(arg('--edits', '20'))).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
