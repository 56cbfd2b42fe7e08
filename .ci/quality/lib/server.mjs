// A small static file server for a built site, on a free localhost port:
// a folder is served by its index.html (a folder asked for without its
// trailing slash is redirected, as static hosts do), anything else that is
// missing gets 404.html with status 404.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** contentType returns the Content-Type for a file name. */
export function contentType(file) {
  return types[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/**
 * resolveFile maps a URL path to a file under root, as the server does:
 * { file, status, redirect }. file is null when nothing matches.
 */
export function resolveFile(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return { file: null, status: 400 };
  }
  const file = path.join(root, path.normalize(rel));
  if (file !== root && !file.startsWith(root + path.sep)) return { file: null, status: 403 };
  let st = fs.statSync(file, { throwIfNoEntry: false });
  if (st && st.isDirectory()) {
    if (!rel.endsWith('/')) return { file: null, status: 301, redirect: urlPath + '/' };
    const index = path.join(file, 'index.html');
    st = fs.statSync(index, { throwIfNoEntry: false });
    return st && st.isFile() ? { file: index, status: 200 } : { file: null, status: 404 };
  }
  return st && st.isFile() ? { file, status: 200 } : { file: null, status: 404 };
}

/** serve starts a server for root and resolves to { url, close() }. */
export function serve(root) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://localhost');
    let { file, status, redirect } = resolveFile(root, u.pathname);
    if (redirect) {
      res.writeHead(301, { Location: redirect + u.search });
      res.end();
      return;
    }
    if (!file) {
      const notFound = path.join(root, '404.html');
      if (fs.existsSync(notFound)) file = notFound;
      status = status === 200 ? 404 : status;
    }
    if (!file) {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(status, { 'Content-Type': contentType(file), 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
