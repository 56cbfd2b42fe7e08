// Links: every internal link and #fragment on every page resolves. A link
// is internal when it is relative, or absolute on the site's own address
// (base): it must name a file in the built site (a folder: its index.html),
// and a #fragment must be an id (or <a name>) in the page it points to.
// Checked attributes: href (a, area, link), src (img, script, iframe,
// source, audio, video, track, input), srcset, poster, form action, and the
// addresses in share metadata (og:url, og:image, twitter:image), which must
// also resolve. Links to other sites are not fetched: CI has no network.

import fs from 'node:fs';
import path from 'node:path';
import { listFiles, pageURL, scan } from '../lib/pages.mjs';
import { resolveFile } from '../lib/server.mjs';

const skipSchemes = /^(mailto|tel|sms|data|blob|javascript):/i;

function addresses(tag) {
  const a = tag.attrs;
  const out = [];
  if ('href' in a && ['a', 'area', 'link', 'base'].includes(tag.name)) out.push(['href', a.href]);
  if ('src' in a && tag.name !== 'base') out.push(['src', a.src]);
  if ('poster' in a) out.push(['poster', a.poster]);
  if ('action' in a && tag.name === 'form') out.push(['action', a.action]);
  for (const s of ['srcset', 'imagesrcset']) {
    if (s in a) for (const part of a[s].split(',')) if (part.trim()) out.push([s, part.trim().split(/\s+/)[0]]);
  }
  if (tag.name === 'meta' && /^(og:url|og:image|og:image:url|twitter:image)$/.test(a.property || a.name || '')) {
    out.push([a.property || a.name, a.content || '']);
  }
  return out;
}

/**
 * checkLinks checks every HTML page under root. base is the site's own
 * address (like "https://example.org/perf/"), or "" when it has none.
 * It returns { problems: [string], pages, links }.
 */
export function checkLinks(root, base = '') {
  root = path.resolve(root);
  const files = listFiles(root).filter((f) => f.endsWith('.html'));
  const idsCache = new Map();
  const ids = (file) => {
    if (!idsCache.has(file)) idsCache.set(file, scan(fs.readFileSync(file, 'utf8')).ids);
    return idsCache.get(file);
  };
  const baseURL = base ? new URL(base) : null;
  const problems = [];
  let links = 0;
  for (const f of files) {
    const file = path.join(root, f);
    const page = pageURL(f);
    const { tags, ids: own } = scan(fs.readFileSync(file, 'utf8'));
    idsCache.set(file, own);
    for (const tag of tags) {
      for (const [attr, raw] of addresses(tag)) {
        const value = raw.trim();
        if (value === '' && attr !== 'href') {
          problems.push(`${page}: <${tag.name} ${attr}=""> is empty`);
          continue;
        }
        if (skipSchemes.test(value)) continue;
        let u;
        try {
          u = new URL(value, 'http://site.invalid' + page);
        } catch {
          problems.push(`${page}: <${tag.name} ${attr}="${value}"> is not a valid address`);
          continue;
        }
        let target;
        if (u.origin === 'http://site.invalid') {
          target = u.pathname;
        } else if (baseURL && u.origin === baseURL.origin && u.pathname.startsWith(baseURL.pathname)) {
          target = '/' + u.pathname.slice(baseURL.pathname.length);
        } else {
          continue; // another site: not fetched
        }
        links++;
        const shown = `${page}: <${tag.name} ${attr}="${value}">`;
        const r = resolveFile(root, target);
        let targetFile = r.file;
        if (r.status === 301) targetFile = resolveFile(root, r.redirect).file;
        if (!targetFile) {
          problems.push(`${shown}: nothing at ${target}`);
          continue;
        }
        const frag = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
        if (frag && frag !== 'top' && targetFile.endsWith('.html') && !ids(targetFile).has(frag)) {
          problems.push(`${shown}: no id "${frag}" in ${pageURL('/' + path.relative(root, targetFile).split(path.sep).join('/'))}`);
        }
      }
    }
  }
  return { problems, pages: files.length, links };
}
