// Finds a built site's HTML pages, sorts them into page types by their
// address, and picks the sample the browser checks visit: one page of every
// type, plus the edge cases of measure pages.

import fs from 'node:fs';
import path from 'node:path';

/** listFiles returns every file under root, as URL paths ("/a/b.html"), sorted. */
export function listFiles(root) {
  const out = [];
  (function walk(dir, rel) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs, rel + e.name + '/');
      else out.push(rel + e.name);
    }
  })(root, '/');
  return out.sort();
}

/** pageURL turns a file path into the address it is served at. */
export function pageURL(file) {
  return file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
}

const period = '\\d{4}-\\d{2}-q[1-4]';

// The page types perfsite makes, by address. A page that matches none gets
// a type named after its address (see classify), so a new page type is
// checked without anyone remembering to add it here.
const rules = [
  ['home', /^\/$/],
  ['not-found', /^\/404\.html$/],
  ['measures-az', /^\/measures\/$/],
  ['measure', /^\/measures\/[^/]+\/$/],
  ['measure-quarter', new RegExp(`^/measures/[^/]+/${period}/$`)],
  ['services', /^\/services\/$/],
  ['service', /^\/services\/[^/]+\/$/],
  ['committees', /^\/committees\/$/],
  ['committee', /^\/committees\/[^/]+\/$/],
  ['quarters', /^\/quarters\/$/],
  ['quarter', new RegExp(`^/quarters/${period}/$`)],
  ['report', new RegExp(`^/quarters/${period}/report/$`)],
  ['minutes-list', /^\/minutes\/$/],
  ['minutes', /^\/minutes\/[^/]+\/$/],
  ['glossary', /^\/glossary\/$/],
];

/** fileOf returns the file under root that serves a page's URL path. */
export function fileOf(root, url) {
  return path.join(root, url.endsWith('/') ? url + 'index.html' : url);
}

/**
 * classify gives each HTML page (URL path) of the site in root a page
 * type. extraPages is the set of top-level names that are extra pages
 * (content/NAME.md). A page that only sends the browser on (a measure's
 * old address: <meta http-equiv="refresh">) is an "alias". Pages no rule
 * knows are grouped by their first folder and depth; within a group, a
 * folder name that varies becomes "*": /embed/a/ and /embed/b/ are "embed/*".
 */
export function classify(root, urls, extraPages) {
  const types = new Map();
  const unknown = [];
  for (const u of urls) {
    const head = fs.readFileSync(fileOf(root, u), 'utf8').slice(0, 2000);
    let type = /<meta\s[^>]*http-equiv="?refresh/i.test(head) ? 'alias' : rules.find(([, re]) => re.test(u))?.[0];
    if (!type) {
      const m = /^\/([^/]+)\/$/.exec(u);
      if (m && extraPages.has(m[1])) type = 'extra-page';
    }
    if (type) types.set(u, type);
    else unknown.push(u);
  }
  const groups = new Map();
  for (const u of unknown) {
    const segs = u.split('/').filter(Boolean);
    const key = segs[0] + '#' + segs.length + (u.endsWith('/') ? '/' : '');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(segs);
  }
  for (const [key, list] of groups) {
    const shape = list[0].map((s, i) => (i === 0 || list.every((l) => l[i] === s) ? s : '*'));
    const name = shape.join('/').replace(/\.html$/, '');
    for (const segs of list) types.set('/' + segs.join('/') + (key.endsWith('/') ? '/' : ''), name);
  }
  return types;
}

// Edge cases of a measure (or measure-quarter) page, recognised in its HTML
// (which Hugo minifies: attribute quotes may be missing). The first page
// (in address order) showing each is checked as well.
const hasClass = (h, c) => new RegExp(`class=(?:"[^"]*\\b${c}\\b[^"]*"|${c}[\\s>])`).test(h);
const figureStatus = (h) => /class="?figure-panel[\s\S]*?class="status status-([a-z-]+)"/.exec(h)?.[1];
const variants = {
  measure: [
    ['no-data', (h) => figureStatus(h) === 'no-data'],
    ['no-target', (h) => figureStatus(h) === 'no-target'],
    ['annual', (h) => /<dd>Once a year\./.test(h)],
    ['status-set-by-council', (h) => hasClass(h, 'override-note')],
  ],
  'measure-quarter': [
    ['latest', (h) => !hasClass(h, 'notice')],
    ['older', (h) => hasClass(h, 'notice')],
    ['no-data', (h) => figureStatus(h) === 'no-data'],
  ],
};
// Superlatives: the page with the most of something.
const extremes = {
  measure: [
    ['longest-title', (h) => (/<h1>([\s\S]*?)<\/h1>/.exec(h)?.[1] || '').length],
    ['most-quarters', (h) => (h.match(/<tr[\s>]/g) || []).length],
  ],
};

/**
 * sample picks the pages the browser checks: the first page of each type,
 * and for measure pages the first page of each edge case. It returns
 * [{ name, type, url }], name being "type" or "type:variant".
 */
export function sample(root, types) {
  const byType = new Map();
  for (const [u, t] of [...types].sort()) {
    if (!byType.has(t)) byType.set(t, []);
    byType.get(t).push(u);
  }
  const read = (u) => fs.readFileSync(fileOf(root, u), 'utf8');
  const out = [];
  for (const [type, urls] of [...byType].sort()) {
    if (type === 'alias') continue; // it only redirects: the static checks cover it
    if (!variants[type] || type === 'measure') out.push({ name: type, type, url: urls[0] });
    const vs = variants[type] || [];
    const ex = extremes[type] || [];
    if (!vs.length && !ex.length) continue;
    const found = new Map();
    const best = new Map();
    for (const u of urls) {
      const html = read(u);
      for (const [name, test] of vs) if (!found.has(name) && test(html)) found.set(name, u);
      for (const [name, score] of ex) {
        const s = score(html);
        if (!best.has(name) || s > best.get(name).s) best.set(name, { s, u });
      }
    }
    for (const [name] of vs) if (found.has(name)) out.push({ name: `${type}:${name}`, type, url: found.get(name) });
    for (const [name] of ex) out.push({ name: `${type}:${name}`, type, url: best.get(name).u });
  }
  // One visit per address: a page that is several edge cases keeps its first name.
  const seen = new Set();
  return out.filter((s) => !seen.has(s.url) && seen.add(s.url));
}

/** decodeEntities decodes the character references an attribute value may hold. */
export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const l = e.toLowerCase();
    if (l[0] === '#') return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[l];
  });
}

const attrRe = /\s([a-zA-Z:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * scan reads an HTML page's tags (scripts' and styles' contents and
 * comments skipped) and returns { tags: [{ name, attrs }], ids: Set }.
 * Good enough for the pages Hugo writes; html-validate checks they are
 * well formed.
 */
export function scan(html) {
  const clean = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>')
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style>/gi, '$1</style>');
  const tags = [];
  const ids = new Set();
  for (const m of clean.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/g)) {
    const attrs = {};
    for (const a of (m[2] || '').matchAll(attrRe)) {
      attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    }
    const name = m[1].toLowerCase();
    tags.push({ name, attrs });
    if (attrs.id) ids.add(attrs.id);
    if (name === 'a' && attrs.name) ids.add(attrs.name);
  }
  return { tags, ids };
}
