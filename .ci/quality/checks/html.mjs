// HTML validity: html-validate on every HTML page of a built site, with
// the configuration in ../htmlvalidate.json (html-validate:recommended,
// with the exceptions documented there). Passes with zero errors.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { listFiles } from '../lib/pages.mjs';

const configFile = fileURLToPath(new URL('../htmlvalidate.json', import.meta.url));

/** validator returns an html-validate instance with the suite's configuration. */
export function validator() {
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  delete config.$comment;
  return new HtmlValidate(new StaticConfigLoader(config));
}

/** checkHTMLString validates one page's HTML and returns its errors as lines. */
export async function checkHTMLString(hv, html, name) {
  const report = await hv.validateString(html, name);
  const out = [];
  for (const r of report.results) {
    for (const m of r.messages) {
      if (m.severity < 2) continue;
      out.push(`${name}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]${m.selector ? ' at ' + m.selector : ''}`);
    }
  }
  return out;
}

/** checkHTML validates every HTML page under root: { problems, pages }. */
export async function checkHTML(root) {
  const hv = validator();
  const files = listFiles(root).filter((f) => f.endsWith('.html'));
  const problems = [];
  for (const f of files) problems.push(...(await checkHTMLString(hv, fs.readFileSync(path.join(root, f), 'utf8'), f)));
  return { problems, pages: files.length };
}
