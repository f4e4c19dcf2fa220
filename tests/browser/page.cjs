// Opens a page written by `soi check --format html` in headless Chromium (through
// playwright-core), acts as a reviewer would, and prints what it saw as one JSON object.
// tests/html.rs runs it and asserts on the result.
//
//   node page.cjs PLAYWRIGHT_CORE_DIR CHROMIUM PAGE.html [SCREENSHOT]
//
// SCREENSHOT names two PNGs: SCREENSHOT.png as the page opens, SCREENSHOT-selected.png with
// the first finding that has operands selected.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const [pwDir, chromium, pagePath, shot] = process.argv.slice(2);
const { chromium: browserType } = require(pwDir);

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'soi-chromium-'));
  const context = await browserType.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const out = { console: [], dialogs: [], requests: [] };
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') out.console.push(m.type() + ': ' + m.text()); });
    page.on('pageerror', (e) => out.console.push('pageerror: ' + e.message));
    page.on('dialog', async (d) => { out.dialogs.push(d.message()); await d.dismiss(); });
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) out.requests.push(r.url()); });
    await page.goto('file://' + path.resolve(pagePath));
    await page.waitForSelector('html[data-ready="1"]', { timeout: 20000 });
    // Let the first documents render.
    await page.waitForTimeout(300);

    out.docs = await page.$$eval('section.doc', (s) => s.length);
    out.renderedAtOpen = await page.$$eval('section.doc .text:not(.pending)', (s) => s.length);
    out.list = await page.$$eval('#findings li', (lis) => lis.map((li) => ({
      g: Number(li.dataset.g), rule: li.querySelector('.code').textContent, where: li.querySelector('.where').textContent,
    })));
    out.summary = await page.$eval('#run-summary', (e) => e.textContent);
    out.lang = await page.$eval('html', (e) => e.lang);
    out.title = await page.title();
    if (shot) await page.screenshot({ path: shot + '.png' });

    // Every finding, clicked in the list: what is selected, which places light up as operands.
    out.clicks = [];
    for (const item of out.list.slice(0, 40)) {
      await page.click(`#findings li[data-g="${item.g}"] a`);
      out.clicks.push(await page.evaluate(() => {
        const texts = (sel) => {
          const seen = new Map();
          document.querySelectorAll(sel).forEach((e) => {
            const key = e.closest('section').dataset.d + ':' + e.dataset.m;
            seen.set(key, (seen.get(key) || '') + e.textContent);
          });
          return [...seen.values()].sort();
        };
        return {
          selected: texts('.mk.sel'),
          operands: texts('.mk.operand'),
          focused: document.activeElement && document.activeElement.classList.contains('mk') ? document.activeElement.textContent : null,
          detail: document.querySelector('#detail .card') ? document.querySelector('#detail .card').dataset.g : null,
          current: (document.querySelector('#findings li.cur') || {}).id || null,
        };
      }));
    }

    // A finding's operand in another report (a series finding): its button goes there.
    out.other = null;
    for (const item of out.list.slice(0, 40)) {
      await page.click(`#findings li[data-g="${item.g}"] a`);
      const button = await page.$('#detail .card .figref.other');
      if (!button) continue;
      const label = await button.textContent();
      await button.click();
      await page.waitForTimeout(200);
      out.other = {
        g: item.g,
        label,
        selected: await page.evaluate(() => [...document.querySelectorAll('.mk.sel')].map((e) => e.closest('section').querySelector('h2').textContent + ' ' + e.textContent)),
      };
      break;
    }

    // The screenshot of a selection: the first finding with operands, clicked in the list.
    const withOperands = out.clicks.findIndex((c) => c.operands.length > 0);
    if (shot && withOperands >= 0) {
      await page.click(`#findings li[data-g="${out.list[withOperands].g}"] a`);
      await page.waitForTimeout(1300);
      await page.screenshot({ path: shot + '-selected.png' });
    }

    // A marked figure, clicked in the text, shows its relations.
    const figure = await page.$('section.doc .mk.s-agrees');
    if (figure) {
      await figure.click();
      out.agreeing = await page.evaluate(() => ({
        relations: [...document.querySelectorAll('#detail .card')].map((c) => c.querySelector('b').textContent),
        lit: document.querySelectorAll('.mk.operand, .mk.result').length,
      }));
    }

    // Keyboard, from the first finding: next, next, previous, previous, previous.
    const cur = () => page.evaluate(() => (document.querySelector('#findings li.cur') || {}).id || null);
    out.keys = [];
    if (out.list.length) await page.click(`#findings li[data-g="${out.list[0].g}"] a`);
    for (const k of ['j', 'j', 'k', 'k', 'k']) {
      await page.keyboard.press(k);
      out.keys.push(await cur());
    }

    // Filters: by level, by rule, by file, by search text.
    const shown = () => page.evaluate(() => ({
      items: [...document.querySelectorAll('#findings li')].filter((li) => !li.hidden).map((li) => Number(li.dataset.g)),
      docs: [...document.querySelectorAll('section.doc')].filter((s) => !s.hidden).map((s) => Number(s.dataset.d)),
      dimmed: document.querySelectorAll('.mk.f-off').length,
      counter: document.getElementById('shown').textContent,
    }));
    out.filters = {};
    await page.selectOption('#filter-level', 'warning');
    out.filters.warning = await shown();
    await page.selectOption('#filter-level', '');
    const firstRule = out.list.length ? out.list[0].rule : '';
    await page.selectOption('#filter-rule', firstRule);
    out.filters.rule = Object.assign({ rule: firstRule }, await shown());
    await page.click('#clear');
    if (out.docs > 0) {
      await page.selectOption('#filter-file', String(out.docs - 1));
      out.filters.lastFile = await shown();
    }
    await page.click('#clear');
    await page.fill('#search', 'khong khop');
    await page.waitForTimeout(400);
    out.filters.search = await shown();
    await page.click('#clear');
    out.filters.cleared = await shown();

    // Printing: every document rendered, each finding inline, the panes hidden.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    out.print = await page.evaluate(() => {
      const shownEl = (e) => getComputedStyle(e).display !== 'none';
      const ids = new Set();
      document.querySelectorAll('.mk[data-f]').forEach((e) => e.dataset.f.split(' ').forEach((g) => ids.add(Number(g))));
      return {
        rendered: document.querySelectorAll('section.doc .text:not(.pending)').length,
        markedFindings: [...ids].sort((a, b) => a - b),
        notes: [...document.querySelectorAll('.note')].filter(shownEl).map((n) => n.textContent),
        listShown: shownEl(document.getElementById('list-pane')),
        toolbarShown: shownEl(document.getElementById('toolbar')),
      };
    });
    out.print.textsWithoutNotes = await page.evaluate(() => [...document.querySelectorAll('section.doc .text')].map((t) => {
      const c = t.cloneNode(true);
      c.querySelectorAll('.note').forEach((n) => n.remove());
      return c.textContent;
    }));
    out.pwned = await page.evaluate(() => window.__soi_pwned === undefined ? null : window.__soi_pwned);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
