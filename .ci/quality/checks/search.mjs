// Search: the search page (/search/) finds measures in the browser, from the
// index the build writes, with no search service; without JavaScript its
// form still works. A case is { query, want, why, listed }: the search
// for query lists the address want first (or, when listed, anywhere).
// run.mjs gives the example site's cases (a word of a title, the start of
// a word in any case, a glossary spelling, abbreviation or several-word
// term); another site gets titleCases, whole titles from its A to Z list.
//  - checkSearch (JavaScript on): each case, typed into the box and the
//    form submitted, lists its measure; a search for nothing the site has
//    lists nothing and says "No measure matches"; the first result, a
//    link, followed, opens that measure's page.
//  - checkSearchLink: a link to a search (/search/?q=WORD) lists its
//    results, and shows the word in the box.
//  - checkSearchWithoutScript (JavaScript off): the form submits (a GET to
//    the same page, /search/?q=WORD), the page lists every measure, and
//    the index (the form's data-index) is not fetched.

/** nothing is a search no measure matches. */
export const nothing = 'zebra crossing';

/** results returns the addresses the search results link to, in order. */
function results(page) {
  return page.evaluate(() => [...document.querySelectorAll('#search-results a')].map((a) => a.getAttribute('href')));
}

/** found says whether hrefs, a search's results, are what case c wants. */
function found(c, hrefs) {
  return c.listed ? hrefs.includes(c.want) : hrefs[0] === c.want;
}

/** listed names a search's results, in a problem. */
function listed(hrefs) {
  return hrefs.length ? hrefs.slice(0, 5).join(', ') + (hrefs.length > 5 ? ', ...' : '') : 'nothing';
}

/** search types query into the search box and submits it; it returns { hrefs } or { problem }. */
async function search(page, query) {
  await page.fill('#search-q', query);
  await page.evaluate(() => document.getElementById('search-form').requestSubmit());
  try {
    await page.waitForFunction((q) => (document.getElementById('search-status')?.textContent || '').includes(q), query, { timeout: 5000 });
  } catch {
    const status = await page.evaluate(() => document.getElementById('search-status')?.textContent ?? '(no #search-status)');
    return { problem: `searching for "${query}": the status never named the search (it says "${status}")` };
  }
  return { hrefs: await results(page) };
}

/**
 * titleCases makes a case of each of the first, middle and last measure
 * titles listed on the search page (open): the whole title lists it.
 */
export async function titleCases(page) {
  const az = await page.evaluate(() => [...document.querySelectorAll('main li a')]
    .map((a) => ({ query: a.textContent.replace(/\s+/g, ' ').trim(), want: a.getAttribute('href') }))
    .filter((c) => /\/measures\/[^/]+\/$/.test(c.want)));
  const picked = [...new Set([0, Math.floor(az.length / 2), az.length - 1])].filter((i) => az[i]);
  return picked.map((i) => ({ ...az[i], why: 'its whole title', listed: true }));
}

/** checkSearch checks the search page (open, JavaScript on) with cases (at least one). */
export async function checkSearch(page, cases) {
  if (!(await page.locator('#search-form #search-q').count())) return ['the page has no search form (#search-form with a #search-q box)'];
  if (!cases.length) return ['there is nothing to search for: no case given, and the search page lists no measure'];
  const problems = [];
  for (const c of cases) {
    const r = await search(page, c.query);
    if (r.problem) {
      problems.push(r.problem);
      continue;
    }
    if (!found(c, r.hrefs)) problems.push(`searching for "${c.query}" (${c.why}) lists ${listed(r.hrefs)}; want ${c.want} ${c.listed ? 'among them' : 'first'}`);
  }
  const none = await search(page, nothing);
  if (none.problem) problems.push(none.problem);
  else {
    if (none.hrefs.length) problems.push(`searching for "${nothing}" lists ${none.hrefs.join(', ')}; want nothing`);
    const status = await page.evaluate(() => document.getElementById('search-status').textContent);
    if (!status.includes('No measure matches')) problems.push(`searching for "${nothing}" finds nothing, and the status says "${status}", not "No measure matches"`);
  }
  // The results are links: the first, followed, opens its measure.
  const first = await search(page, cases[0].query);
  if (first.hrefs?.length) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#search-results a')]);
    const at = new URL(page.url()).pathname;
    if (at !== first.hrefs[0]) problems.push(`following the first result for "${cases[0].query}" went to ${at}, not ${first.hrefs[0]}`);
  }
  return problems;
}

/** checkSearchLink checks the search page opened at /search/?q=QUERY (JavaScript on) with the case of QUERY. */
export async function checkSearchLink(page, c) {
  try {
    await page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0, null, { timeout: 5000 });
  } catch {
    // Reported below.
  }
  const problems = [];
  const hrefs = await results(page);
  if (!found(c, hrefs)) problems.push(`the link to a search for "${c.query}" lists ${listed(hrefs)}; want ${c.want} ${c.listed ? 'among them' : 'first'}`);
  const box = await page.evaluate(() => document.getElementById('search-q')?.value);
  if (box !== c.query) problems.push(`the link to a search for "${c.query}" shows "${box}" in the search box`);
  return problems;
}

/**
 * checkSearchWithoutScript checks the search page (open, JavaScript off;
 * requests: what it asked for, a live list) by submitting query: the page
 * it lands on lists every one of measures (their addresses).
 */
export async function checkSearchWithoutScript(page, requests, query, measures) {
  if (!(await page.locator('#search-form #search-q').count())) return ['the page has no search form (#search-form with a #search-q box)'];
  const index = await page.evaluate(() => document.getElementById('search-form').getAttribute('data-index'));
  const from = new URL(page.url()).pathname;
  await page.fill('#search-q', query);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#search-form [type="submit"]')]);
  const problems = [];
  const u = new URL(page.url());
  if (u.pathname !== from || u.searchParams.get('q') !== query || [...u.searchParams.keys()].length !== 1) {
    problems.push(`without JavaScript, the search form went to ${u.pathname + u.search}, not ${from}?q=${encodeURIComponent(query)}`);
  }
  const links = new Set(await page.evaluate(() => [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href'))));
  const missing = measures.filter((m) => !links.has(m));
  if (missing.length) problems.push(`without JavaScript, the search page does not list ${missing.length} of the ${measures.length} measures: ${missing.slice(0, 5).join(', ')}`);
  if (index && requests.some((r) => new URL(r).pathname === new URL(index, page.url()).pathname)) problems.push(`the search index ${index} was fetched with JavaScript off`);
  return problems;
}
