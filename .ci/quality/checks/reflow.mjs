// Reflow (WCAG 1.4.10): at a phone's width the page does not scroll
// sideways. A data table may scroll inside its own box (.table-wrap), as
// WCAG allows for content that needs two dimensions; the page itself may not.

/** checkReflow returns a problem if the page is wider than the window, naming the widest culprits. */
export async function checkReflow(page) {
  const r = await page.evaluate(() => {
    const doc = document.documentElement;
    const over = doc.scrollWidth - doc.clientWidth;
    if (over <= 0) return null;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const b = el.getBoundingClientRect();
      if (b.right > doc.clientWidth + 1 && b.width > 0 && !el.closest('.table-wrap')) {
        wide.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge at ${Math.round(b.right)}px)`);
      }
    }
    return { over, width: doc.clientWidth, wide: wide.slice(-3) };
  });
  return r ? [`the page scrolls sideways by ${r.over}px at ${r.width}px wide: ${r.wide.join(', ')}`] : [];
}
