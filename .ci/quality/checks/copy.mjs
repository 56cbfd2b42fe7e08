// Copy buttons: on a measure page, the citation (.citation) and the code to
// embed the chart (textarea.embed-code) are each marked data-copy.
//  - checkCopy (JavaScript on): each gets a copy button after it, named by
//    its data-copy; a click puts its text on the clipboard (the citation's
//    words, the embed code's value) and says "Copied.".
//  - checkCopyWithoutScript (JavaScript off): the page has no button at all
//    (none that would do nothing), the citation holds the page's address,
//    and the embed code is there to select, an <iframe>.

const copyable = [
  ['the citation', '.citation'],
  ['the embed code', 'textarea.embed-code'],
];

/** checkCopy checks a measure page (open, JavaScript on) by clicking each copy button. */
export async function checkCopy(page) {
  const origin = new URL(page.url()).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const problems = [];
  const buttons = await page.locator('.copy-button').count();
  const marked = await page.locator('[data-copy]').count();
  if (buttons !== marked) problems.push(`the page has ${buttons} copy buttons for ${marked} texts marked data-copy`);
  for (const [what, sel] of copyable) {
    const el = page.locator(`${sel}[data-copy]`);
    if ((await el.count()) !== 1) {
      problems.push(`the page has ${await el.count()} of ${what} (${sel}) marked data-copy, not 1`);
      continue;
    }
    const found = await el.evaluate((e) => {
      const actions = e.nextElementSibling;
      const button = actions && actions.querySelector('.copy-button');
      return {
        button: button ? button.textContent.trim() : null,
        name: e.getAttribute('data-copy'),
        text: e.tagName === 'TEXTAREA' ? e.value : e.textContent.replace(/\s+/g, ' ').trim(),
      };
    });
    if (found.button === null) {
      problems.push(`${what} has no copy button after it`);
      continue;
    }
    if (found.button !== found.name) problems.push(`the copy button of ${what} says "${found.button}", not "${found.name}"`);
    // Something else on the clipboard first, so that a button that copies nothing fails.
    await page.evaluate(() => navigator.clipboard.writeText('(the clipboard before the click)'));
    await el.evaluate((e) => e.nextElementSibling.querySelector('.copy-button').click());
    // The status, once it says anything (within 5 s).
    const said = await el.evaluate(async (e) => {
      const status = e.nextElementSibling.querySelector('.copy-status');
      for (let i = 0; status && !status.textContent && i < 50; i++) await new Promise((r) => setTimeout(r, 100));
      return status ? status.textContent : null;
    });
    if (said !== 'Copied.') problems.push(`after a click on the copy button of ${what}, its status says ${said === null ? 'nothing (no .copy-status)' : `"${said}"`}, not "Copied."`);
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    if (clip !== found.text) problems.push(`after a click on the copy button of ${what}, the clipboard holds "${clip.slice(0, 80)}", not ${what}, "${found.text.slice(0, 80)}"`);
  }
  return problems;
}

/** checkCopyWithoutScript checks a measure page (open, JavaScript off): no button, the texts there to select. */
export async function checkCopyWithoutScript(page) {
  const problems = [];
  const buttons = await page.locator('button').count();
  if (buttons) problems.push(`without JavaScript the page has ${buttons} ${buttons === 1 ? 'button, which' : 'buttons, which'} would do nothing`);
  const path = new URL(page.url()).pathname;
  const cite = page.locator('.citation');
  const citation = (await cite.count()) ? (await cite.first().textContent()).replace(/\s+/g, ' ').trim() : null;
  if (citation === null) problems.push('the page has no citation (.citation)');
  else if (!citation.includes(path)) problems.push(`without JavaScript, the citation does not give the page's address (${path}): "${citation.slice(0, 120)}"`);
  const code = page.locator('textarea.embed-code');
  const embed = (await code.count()) ? await code.first().inputValue() : null;
  if (embed === null) problems.push('the page has no embed code (textarea.embed-code)');
  else if (!embed.startsWith('<iframe ')) problems.push(`without JavaScript, the embed code is not an <iframe>: "${embed.slice(0, 80)}"`);
  return problems;
}
