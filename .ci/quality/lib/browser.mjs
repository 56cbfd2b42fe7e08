// Debian's Chromium, driven by playwright-core. Playwright never downloads
// a browser here: it is given /usr/bin/chromium (PERFSITE_CHROMIUM
// overrides the path).

import { chromium } from 'playwright-core';

export const chromiumPath = process.env.PERFSITE_CHROMIUM || '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** launch starts headless Chromium. */
export function launch() {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/**
 * newContext makes a browser context: a viewport width (the height is a
 * phone's or a laptop's) and a colour scheme. Every request any of its
 * pages makes to any origin but the site's own is aborted (open records it
 * first), so CI never reaches the network.
 */
export async function newContext(browser, origin, { width, scheme = 'light', javaScript = true } = {}) {
  const height = width < 600 ? 740 : 900;
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    colorScheme: scheme,
    reducedMotion: 'reduce',
    javaScriptEnabled: javaScript,
  });
  await context.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    return route.abort('blockedbyclient');
  });
  return context;
}

/**
 * open loads url in a new page of context and waits until the network is
 * quiet. It returns { page, errors, requests }: errors are uncaught script
 * errors and console errors (a Content-Security-Policy violation is one);
 * requests are the URLs this page asked for, in order.
 */
export async function open(context, url) {
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    // The browser asks for /favicon.ico by itself; the site has none.
    if (m.type() === 'error' && !/favicon\.ico/.test(m.location()?.url || '')) errors.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => {
    if (new URL(r.url()).origin === new URL(url).origin) errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  return { page, errors, requests };
}
