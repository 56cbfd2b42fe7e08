// Keyboard: Tab through a page from the top, as a keyboard user does.
//  - The first Tab reaches a skip link (an in-page link whose text says
//    "skip"), shown on screen when focused, on any page with links or
//    controls before <main>; activating it moves the next Tab into <main>.
//  - Tab reaches every link and control in DOM order (no positive
//    tabindex, nothing skipped, nothing unexpected), and no more.
//  - Each focused element shows its focus: its outline, box-shadow or
//    background changes (outline at least 2px, not transparent), and the
//    pixels around it differ from the unfocused ones (a screenshot of its
//    box, 6px larger each side, before and after).
//  - The focused element is not hidden under something else (WCAG 2.4.11).

const focusableSelector = [
  'a[href]', 'area[href]', 'button', 'input', 'select', 'textarea', 'iframe', 'summary',
  'audio[controls]', 'video[controls]', '[contenteditable]:not([contenteditable="false"])', '[tabindex]',
].join(',');

// In the page: describe an element briefly, and read the styles that can show focus.
const helpers = `
window.__kbDescribe = function (el) {
  if (!el || el === document.body) return 'nothing (the page itself)';
  var s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.classList.length) s += '.' + Array.prototype.join.call(el.classList, '.');
  var t = (el.getAttribute('aria-label') || el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 50);
  if (el.getAttribute('href')) s += ' href="' + el.getAttribute('href') + '"';
  return t ? s + ' "' + t + '"' : s;
};
window.__kbStyle = function (el) {
  var c = getComputedStyle(el);
  return { outlineStyle: c.outlineStyle, outlineWidth: parseFloat(c.outlineWidth) || 0, outlineColor: c.outlineColor,
    boxShadow: c.boxShadow, background: c.backgroundColor, color: c.color, decoration: c.textDecorationLine };
};`;

function transparent(color) {
  return /^rgba\(.*,\s*0\)$/.test(color) || color === 'transparent';
}

/** focusShown says whether a focused element's styles differ visibly from its unfocused ones. */
export function focusShown(on, off) {
  // "auto" is the browser's own focus ring.
  const outline = on.outlineStyle !== 'none' && (on.outlineWidth >= 2 || on.outlineStyle === 'auto') && !transparent(on.outlineColor) &&
    (off.outlineStyle === 'none' || off.outlineWidth !== on.outlineWidth || off.outlineColor !== on.outlineColor);
  const shadow = on.boxShadow !== 'none' && on.boxShadow !== off.boxShadow;
  const background = on.background !== off.background;
  return outline || shadow || background;
}

/**
 * drawCharts scrolls each lazy interactive chart into view and waits until
 * it is drawn (or has failed), then scrolls back to the top: a drawn chart
 * is one more Tab stop, and a keyboard user who tabs down the page meets
 * every chart drawn.
 */
async function drawCharts(page) {
  const n = await page.locator('figure.chart[data-chart]').count();
  for (let i = 0; i < n; i++) {
    const fig = page.locator('figure.chart[data-chart]').nth(i);
    await fig.scrollIntoViewIfNeeded();
    await fig.evaluate((f) => new Promise((resolve) => {
      const done = () => /^(live|failed)$/.test(f.getAttribute('data-chart-state') || '');
      if (done()) return resolve();
      const t = setTimeout(resolve, 15000);
      new MutationObserver((_, o) => { if (done()) { o.disconnect(); clearTimeout(t); resolve(); } }).observe(f, { attributes: true });
    }));
  }
  if (n) await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * checkKeyboard tabs through page (loaded, nothing focused yet) and
 * returns the problems found. With pixels false, focus is judged by the
 * styles alone (quicker: no screenshots).
 */
export async function checkKeyboard(page, { maxFocusable = 500, pixels = true } = {}) {
  const problems = [];
  await drawCharts(page);
  await page.evaluate(helpers);
  const setup = await page.evaluate((sel) => {
    const visible = (el) => {
      const cs = getComputedStyle(el);
      return cs.visibility !== 'hidden' && cs.display !== 'none' && el.getClientRects().length > 0;
    };
    const list = [];
    const positive = [];
    for (const el of document.querySelectorAll(sel)) {
      if (el.disabled || el.tabIndex < 0 || el.type === 'hidden' || el.closest('[inert]') || !visible(el)) continue;
      if (el.tabIndex > 0) positive.push(window.__kbDescribe(el));
      el.setAttribute('data-kb', String(list.length));
      list.push(window.__kbDescribe(el));
    }
    // A skip link is needed when something focusable comes before <main>
    // (a page for an <iframe>, with no header, needs none).
    const main = document.querySelector('main');
    const first = document.querySelector('[data-kb]');
    const beforeMain = !main || (!!first && !main.contains(first));
    return { list, positive, beforeMain };
  }, focusableSelector);
  for (const p of setup.positive) problems.push(`positive tabindex changes the focus order: ${p}`);
  const expected = setup.list;
  if (expected.length > maxFocusable) return [`${expected.length} focusable elements: more than ${maxFocusable}`];
  const viewport = page.viewportSize();

  let want = 0;
  for (let step = 0; step <= expected.length; step++) {
    await page.keyboard.press('Tab');
    const got = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el ? el.getBoundingClientRect() : null;
      return {
        kb: el && el.getAttribute('data-kb'),
        desc: window.__kbDescribe(el),
        rect: r && { x: r.x, y: r.y, width: r.width, height: r.height },
        style: el && el !== document.body ? window.__kbStyle(el) : null,
        hit: (() => {
          if (!r) return false;
          // The middle of the part of the element that is on screen.
          const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);
          if (x1 <= x0 || y1 <= y0) return false;
          const at = document.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2);
          return !!at && (el.contains(at) || at.contains(el));
        })(),
      };
    });
    if (step === expected.length) {
      if (got.kb !== null) problems.push(`Tab went on past the last element, to ${got.desc}`);
      break;
    }
    if (got.kb === null) {
      problems.push(`Tab ${step + 1} reached ${got.desc}, which is not a link or control (expected ${expected[want]})`);
      if (got.desc.startsWith('nothing')) break;
      continue;
    }
    const at = Number(got.kb);
    if (at !== want) {
      problems.push(`Tab ${step + 1} reached ${got.desc} (number ${at + 1} in the page), expected ${expected[want]} (number ${want + 1})`);
      if (at < want) break; // focus went backwards: stop rather than loop
      step += at - want;
    }
    want = at + 1;
    if (at === 0 && setup.beforeMain && !/^a[#.\s].*href="#[^"]+".*skip/i.test(got.desc)) {
      problems.push(`the first Tab reached ${got.desc}: not a skip link, and there are links or controls before <main>`);
    }
    if (!got.hit) problems.push(`focus is not visible on screen (off screen or covered): ${got.desc}`);
    // Focused and unfocused: styles and pixels.
    const r = got.rect;
    const clip = {
      x: Math.max(0, Math.floor(r.x - 6)),
      y: Math.max(0, Math.floor(r.y - 6)),
    };
    clip.width = Math.max(1, Math.min(viewport.width, Math.ceil(r.x + r.width + 6)) - clip.x);
    clip.height = Math.max(1, Math.min(viewport.height, Math.ceil(r.y + r.height + 6)) - clip.y);
    const focused = pixels && (await page.screenshot({ clip, animations: 'disabled' }));
    const off = await page.evaluate((i) => {
      const el = document.querySelector(`[data-kb="${i}"]`);
      el.blur();
      return window.__kbStyle(el);
    }, at);
    const unfocused = pixels && (await page.screenshot({ clip, animations: 'disabled' }));
    await page.evaluate((i) => document.querySelector(`[data-kb="${i}"]`).focus({ preventScroll: true }), at);
    if (!focusShown(got.style, off)) {
      problems.push(`focus is not shown (no outline, box-shadow or background change): ${got.desc}`);
    } else if (pixels && focused.equals(unfocused)) {
      problems.push(`focus changes no pixel on screen: ${got.desc}`);
    }
  }
  if (want < expected.length) problems.push(`Tab never reached ${expected.length - want} element(s), from ${expected[want]}`);

  // The skip link works: activate it, and the next Tab is inside <main>.
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(helpers);
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => (document.activeElement.getAttribute('href') || '').startsWith('#'));
  if (!skip) return problems; // no skip link: reported above
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const after = await page.evaluate(() => {
    const main = document.querySelector('main');
    const el = document.activeElement;
    if (!main) return 'there is no <main>';
    // Into <main>, or past its end if it has no links or controls.
    const ok = main.contains(el) || main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
    return ok ? '' : window.__kbDescribe(el);
  });
  if (after) problems.push(`after activating the skip link, the next Tab goes to ${after}, not into <main>`);
  return problems;
}
