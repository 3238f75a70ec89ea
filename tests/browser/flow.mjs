// tally end to end in a real browser: two flatmates register, share an account, log
// expenses, settle up. Every page on the way is saved, checked by the Nu HTML Checker and by
// axe-core (WCAG 2.1 A/AA), and screenshotted.
//
//   TALLY_BASE_URL=http://127.0.0.1:8080 node flow.mjs
//
// Environment:
//   TALLY_BASE_URL       the running app (required)
//   TALLY_ARTIFACTS_DIR  where screenshots/ and html/ go (default: <repo>/test-artifacts)
//   CHROMIUM             the browser (default /usr/bin/chromium; never downloaded)
//
// Exits 1 when any check fails; the last line is `browser: N checks passed, M failed`.

import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const BASE = (process.env.TALLY_BASE_URL || '').replace(/\/+$/, '');
if (!BASE) {
  console.error('flow.mjs: set TALLY_BASE_URL, e.g. http://127.0.0.1:8080');
  process.exit(2);
}
const ARTIFACTS = resolve(process.env.TALLY_ARTIFACTS_DIR || join(repo, 'test-artifacts'));
const SHOTS = join(ARTIFACTS, 'screenshots');
const HTML = join(ARTIFACTS, 'html');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const VNU = join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'correct horse battery staple';
const STEP_TIMEOUT_MS = 15000;

rmSync(SHOTS, { recursive: true, force: true });
rmSync(HTML, { recursive: true, force: true });
mkdirSync(SHOTS, { recursive: true });
mkdirSync(HTML, { recursive: true });

// ---------------------------------------------------------------------------------------
// Checks and their tally.

let passed = 0;
const failures = [];
const findings = []; // vnu and axe problems, printed together at the end

function pass(what) {
  passed += 1;
  console.log(`  ok    ${what}`);
}

function fail(what, detail = '') {
  failures.push(`${what}${detail ? `: ${detail}` : ''}`);
  console.log(`  FAIL  ${what}${detail ? `\n        ${detail.replaceAll('\n', '\n        ')}` : ''}`);
}

function check(condition, what, detail = '') {
  if (condition) pass(what);
  else fail(what, detail);
  return condition;
}

function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  return check(a === e, what, `expected ${e}, got ${a}`);
}

class StepFailed extends Error {}

/** Throws (ending the current step) unless the condition holds. */
function must(condition, what, detail = '') {
  if (!check(condition, what, detail)) throw new StepFailed(what);
}

// ---------------------------------------------------------------------------------------
// Pages: each person is a browser context with one tab that remembers the HTML the server
// sent for the current document (not the DOM after scripts), and CSP violations.

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const visited = []; // { file, url, name }
let pageSeq = 0;

async function person(name, locale = 'en-GB') {
  // The service worker (an offline page) is checked on its own, at the end: here every
  // navigation goes straight to the server, so the flow reads the server's own answers.
  // The locale is the browser's language (its Accept-Language header).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', locale });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const tab = { name, context, page, docBody: null, docStatus: 0, cspErrors: [], jsErrors: [] };
  page.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      const status = response.status();
      if (status < 300 || status >= 400) {
        tab.docStatus = status;
        tab.docBody = response.text().catch(() => null);
      }
    }
  });
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy/i.test(text)) {
      tab.cspErrors.push(text);
    }
  });
  page.on('pageerror', (error) => tab.jsErrors.push(String(error)));
  return tab;
}

/** The path of the tab's current URL. */
function pathOf(tab) {
  const url = new URL(tab.page.url());
  return url.pathname + url.search;
}

async function goto(tab, path) {
  await tab.page.goto(BASE + path, { waitUntil: 'load' });
}

/** Clicks something that submits or navigates, and waits for the next document. */
async function clickAndWait(tab, locator) {
  await Promise.all([tab.page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

async function injectAxe(page) {
  // page.addScriptTag({ path }) inlines the file into a <script>, which the app's CSP
  // (script-src 'self') refuses, and the refusal would show up as a CSP violation of the
  // page. A DevTools evaluation is not subject to the page's CSP, so the CSP stays on for
  // the whole flow and the app's own violations are still caught.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(readFileSync(AXE, 'utf8'));
  }
}

/**
 * Records the page the tab shows: saves the HTML the server sent (for the Nu checker at the
 * end), runs axe-core, checks the status, and looks for CSP violations and script errors.
 */
async function inspect(tab, name, { status = 200, screenshot = null } = {}) {
  const page = tab.page;
  const body = tab.docBody ? await tab.docBody : null;
  const where = `${name} (${tab.name}, ${pathOf(tab)})`;
  check(tab.docStatus === status, `${where}: status ${status}`, `got ${tab.docStatus}`);
  if (body) {
    pageSeq += 1;
    const file = join(HTML, `${String(pageSeq).padStart(2, '0')}-${name}.html`);
    writeFileSync(file, body);
    visited.push({ file, url: page.url(), name: where });
  } else {
    fail(`${where}: the server's HTML could be read`);
  }
  if (screenshot) {
    await page.screenshot({ path: join(SHOTS, `${screenshot}.png`), fullPage: true });
    await shootSizes(tab, screenshot, where);
  }
  check(tab.cspErrors.length === 0, `${where}: no Content-Security-Policy violation`, tab.cspErrors.join('\n'));
  check(tab.jsErrors.length === 0, `${where}: no script error`, tab.jsErrors.join('\n'));
  await injectAxe(page);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  must(result.passes.length > 0, `${where}: axe ran`);
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations) {
    const targets = v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ');
    const line = `axe ${v.impact}: ${where}: ${v.id} — ${v.help} [${targets}]`;
    findings.push(line);
  }
  check(
    serious.length === 0,
    `${where}: axe finds no serious or critical WCAG 2.1 AA violation`,
    serious.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')})`).join('\n'),
  );
  tab.cspErrors = [];
  tab.jsErrors = [];
}

/** Widths every screenshotted page is also taken at, in both colour schemes. */
const WIDTHS = [360, 768, 1280];

/**
 * Screenshots the page at 360, 768 and 1280 px wide in the light and the dark scheme
 * (`<name>-<width>-<scheme>.png`); fails when it scrolls sideways at 360 px, and runs axe
 * again in the dark scheme (its colour contrast is checked there too).
 */
async function shootSizes(tab, name, where) {
  const page = tab.page;
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: join(SHOTS, `${name}-${width}-${scheme}.png`), fullPage: true });
      if (width === 360) {
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        check(scroll <= 360, `${where}: no sideways scrolling at 360 px (${scheme})`, `scrollWidth ${scroll}`);
      }
    }
    if (scheme === 'dark') {
      await page.setViewportSize({ width: 360, height: 800 });
      await injectAxe(page);
      const dark = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
        AXE_TAGS,
      );
      const serious = dark.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      for (const v of dark.violations) {
        findings.push(`axe ${v.impact}: ${where} (dark, 360 px): ${v.id} — ${v.help} [${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}]`);
      }
      check(serious.length === 0, `${where}: axe clean in the dark scheme at 360 px`, serious.map((v) => `${v.id}: ${v.help}`).join('\n'));
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The text of the flash message, or "". */
async function flash(tab) {
  const el = tab.page.locator('.flash');
  return (await el.count()) ? (await el.first().innerText()).trim() : '';
}

/** The balances table as { name: net }, "(you)" removed. */
async function balances(tab) {
  const rows = tab.page.locator('table.balances tbody tr');
  const out = {};
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    // textContent: the table sits in a <details> that is closed until opened.
    // The signed-in person's row says "(you)", "(tú)", "(vous)" or "(du)".
    const name = (await row.locator('th').textContent()).replace(/\s*\([^)]*\)\s*$/, '').trim();
    const cells = row.locator('td');
    out[name] = (await cells.nth((await cells.count()) - 1).textContent()).trim();
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The flow. Steps depend on each other: the first failing one ends the flow (the pages seen
// so far are still checked); the tour of the remaining pages runs regardless where it can.

const ACCOUNT = 'Flat 3B';
const alice = await person('Alice');
const bob = await person('Bob');
let accountPath = null;
let inviteUrl = null;
let flowBroken = null;

async function step(name, fn) {
  if (flowBroken) {
    fail(`step "${name}"`, `not run: step "${flowBroken}" failed`);
    return;
  }
  console.log(`step: ${name}`);
  try {
    await fn();
  } catch (error) {
    flowBroken = name;
    if (!(error instanceof StepFailed)) fail(`step "${name}"`, String(error.stack || error));
    for (const tab of [alice, bob]) {
      const shot = join(SHOTS, `failed-${name.replace(/\W+/g, '-')}-${tab.name}.png`);
      await tab.page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    }
  }
}

/** A step that may fail without stopping the ones after it. */
async function tour(name, fn) {
  if (!accountPath) {
    fail(`tour "${name}"`, 'not run: no account was opened');
    return;
  }
  console.log(`tour: ${name}`);
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof StepFailed)) fail(`tour "${name}"`, String(error.stack || error));
    await alice.page
      .screenshot({ path: join(SHOTS, `failed-${name.replace(/\W+/g, '-')}.png`), fullPage: true })
      .catch(() => {});
  }
}

async function register(tab, email) {
  await goto(tab, '/');
  must(pathOf(tab).startsWith('/signin'), `${tab.name}: a visitor is sent to sign in`, pathOf(tab));
  if (tab === alice) await inspect(tab, 'signin', { screenshot: 'signin' });
  await clickAndWait(tab, tab.page.locator('header nav').getByRole('link', { name: 'Register' }));
  if (tab === alice) await inspect(tab, 'signup', { screenshot: 'signup' });
  await tab.page.getByLabel('Email address').fill(email);
  await tab.page.getByLabel('Your name').fill(tab.name);
  await tab.page.getByLabel('Password').fill(PASSWORD);
  await clickAndWait(tab, tab.page.getByRole('button', { name: 'Create account' }));
  must(pathOf(tab) === '/', `${tab.name}: registered and on the home page`, pathOf(tab));
}

await step('both register', async () => {
  await register(alice, 'alice@example.org');
  await register(bob, 'bob@example.org');
  await inspect(bob, 'home-empty');
});

await step('Alice opens an account', async () => {
  const page = alice.page;
  await page.getByLabel('Name of the account').fill(ACCOUNT);
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Your name in this account').fill('Alice');
  await clickAndWait(alice, page.getByRole('button', { name: 'Open account' }));
  must(/^\/accounts\/[^/]+$/.test(pathOf(alice)), 'Alice: the new account dashboard opens', pathOf(alice));
  accountPath = pathOf(alice);
  expectEqual(await page.locator('h1').innerText(), ACCOUNT, 'dashboard heading is the account name');
  await inspect(alice, 'dashboard-new');
});

await step('Alice reads the invite link on the members page', async () => {
  const page = alice.page;
  await clickAndWait(alice, page.getByRole('link', { name: /members/i }).first());
  must(pathOf(alice) === `${accountPath}/members`, 'the dashboard links to the members page', pathOf(alice));
  await inspect(alice, 'members', { screenshot: 'members' });
  const html = await page.content();
  const match = html.match(/(?:https?:\/\/[^\s"'<>]+)?\/join\/[A-Za-z0-9_-]+/);
  must(Boolean(match), 'the members page shows an invite link (…/join/<token>)');
  inviteUrl = new URL(match[0].replaceAll('&amp;', '&'), BASE);
  pass(`invite link found: ${inviteUrl.pathname.slice(0, 14)}…`);
});

await step('Bob joins as a new member', async () => {
  const page = bob.page;
  await goto(bob, inviteUrl.pathname + inviteUrl.search);
  await inspect(bob, 'join', { screenshot: 'join' });
  must(
    (await page.locator('h1').innerText()).includes(ACCOUNT),
    'the join page names the account',
    await page.locator('h1').innerText(),
  );
  // "Add me as a new member" may be a radio choice or a button of its own.
  const asNewRadio = page.getByRole('radio', { name: /new member/i });
  if (await asNewRadio.count()) {
    await asNewRadio.first().check();
    const submit = page.locator('main form').filter({ has: asNewRadio }).locator('button[type=submit], input[type=submit]');
    await clickAndWait(bob, submit.first());
  } else {
    const asNewButton = page.getByRole('button', { name: /new member/i });
    must((await asNewButton.count()) > 0, 'the join page offers "add me as a new member"');
    await clickAndWait(bob, asNewButton.first());
  }
  must(pathOf(bob) === accountPath, 'Bob lands on the shared dashboard', pathOf(bob));
  const names = Object.keys(await balances(bob));
  expectEqual(names.sort(), ['Alice', 'Bob'], 'the dashboard lists both members');
  await inspect(bob, 'dashboard-joined');
});

/** Fills the add-expense form on the tab's current page (dashboard or form page). */
async function fillExpense(tab, { amount, description, split, parts = {} }) {
  const form = tab.page.locator('form.expense-form');
  await form.getByLabel(/^Amount/).fill(amount);
  await form.getByLabel('What for').fill(description);
  await form.getByRole('radio', { name: split }).check();
  const column = { 'By shares': 'Shares for', 'By percentages': 'Percent for', 'By exact amounts': 'Exact amount for' }[split];
  for (const [name, value] of Object.entries(parts)) {
    await form.getByLabel(`${column} ${name}`, { exact: true }).fill(value);
  }
  return form;
}

await step('an expense split equally (Alice)', async () => {
  await goto(alice, accountPath);
  const form = await fillExpense(alice, { amount: '60.00', description: 'Groceries', split: 'Equally' });
  expectEqual(
    await form.locator('input[name=participant]:checked').count(),
    2,
    'both members are ticked as participants by default',
  );
  await clickAndWait(alice, form.getByRole('button', { name: 'Add expense' }));
  expectEqual(pathOf(alice), accountPath, 'after adding, back on the dashboard');
  expectEqual(await flash(alice), 'Recorded Groceries, €60.00.', 'the flash confirms the expense');
});

await step('a form with errors is shown again (Bob)', async () => {
  await goto(bob, accountPath);
  const form = await fillExpense(bob, { amount: '12.345', description: ' ', split: 'Equally' });
  await clickAndWait(bob, form.getByRole('button', { name: 'Add expense' }));
  await inspect(bob, 'expense-form-errors', { status: 422, screenshot: 'expense-form-errors' });
  const amount = bob.page.locator('#amount');
  expectEqual(await amount.getAttribute('aria-invalid'), 'true', 'the bad amount is marked invalid');
  expectEqual(await amount.inputValue(), '12.345', 'the typed amount is kept');
  check((await bob.page.locator('#amount-error').innerText()).length > 0, 'a message explains the amount');
  check((await bob.page.locator('#description-error').innerText()).length > 0, 'a message explains the description');
});

await step('an expense split by shares (Bob)', async () => {
  // Bob corrects the form he was shown again.
  const form = await fillExpense(bob, {
    amount: '30.00',
    description: 'Internet',
    split: 'By shares',
    parts: { Alice: '2', Bob: '1' },
  });
  await clickAndWait(bob, form.getByRole('button', { name: 'Add expense' }));
  expectEqual(pathOf(bob), accountPath, 'after adding, back on the dashboard');
  expectEqual(await flash(bob), 'Recorded Internet, €30.00.', 'the flash confirms the expense');
});

await step('an expense split by percentages (Alice)', async () => {
  await goto(alice, `${accountPath}/expenses/new`);
  await inspect(alice, 'expense-new');
  const form = await fillExpense(alice, {
    amount: '10.00',
    description: 'Cleaning things',
    split: 'By percentages',
    parts: { Alice: '70', Bob: '30' },
  });
  await clickAndWait(alice, form.getByRole('button', { name: 'Add expense' }));
  expectEqual(pathOf(alice), accountPath, 'after adding, back on the dashboard');
  expectEqual(await flash(alice), 'Recorded Cleaning things, €10.00.', 'the flash confirms the expense');
});

await step('both see the same balances', async () => {
  // Alice paid 70 and owes 30 + 20 + 7 = 57; Bob paid 30 and owes 30 + 10 + 3 = 43.
  await goto(alice, accountPath);
  await goto(bob, accountPath);
  const seenByAlice = await balances(alice);
  const seenByBob = await balances(bob);
  expectEqual(seenByAlice, { Alice: '€13.00', Bob: '-€13.00' }, 'Alice sees the expected nets');
  expectEqual(seenByBob, seenByAlice, 'Bob sees the same balances as Alice');
  const suggestion = (await alice.page.locator('.settle .suggestion').allInnerTexts()).map((s) => s.trim());
  expectEqual(suggestion, ['Bob pays Alice €13.00'], 'settle-up suggests one payment');
  await inspect(alice, 'dashboard', { screenshot: 'dashboard' });
  await alice.page.setViewportSize({ width: 360, height: 800 });
  await alice.page.screenshot({ path: join(SHOTS, 'dashboard-360.png'), fullPage: true });
  const overflow = await alice.page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 360, 'the dashboard fits 360 px without sideways scrolling', `scrollWidth ${overflow}`);
  await alice.page.setViewportSize({ width: 1280, height: 800 });
});

await step('Bob records the suggested payment', async () => {
  await clickAndWait(bob, bob.page.getByRole('button', { name: 'Record this payment' }).first());
  expectEqual(pathOf(bob), accountPath, 'after paying, back on the dashboard');
  expectEqual(await flash(bob), 'Recorded: Bob paid Alice €13.00.', 'the flash confirms the payment');
  await inspect(bob, 'dashboard-after-payment');
  await goto(alice, accountPath);
  await inspect(alice, 'dashboard-settled', { screenshot: 'dashboard-settled' });
  for (const tab of [alice, bob]) {
    expectEqual(
      (await tab.page.locator('.settled').allInnerTexts()).map((s) => s.trim()),
      ['Everyone is settled.'],
      `${tab.name} sees "Everyone is settled."`,
    );
  }
  expectEqual(await balances(bob), { Alice: '€0.00', Bob: '€0.00' }, 'every net is zero');
});

await step('home lists the account', async () => {
  await goto(alice, '/');
  await inspect(alice, 'home', { screenshot: 'home' });
  const cards = (await alice.page.locator('.cards li strong').allInnerTexts()).map((s) => s.trim());
  expectEqual(cards, [ACCOUNT], 'the home page lists the shared account');
});

// The other pages, each on its own.

await tour('expenses list', async () => {
  await goto(alice, accountPath);
  await clickAndWait(alice, alice.page.locator('main nav').getByRole('link', { name: 'All expenses' }));
  must(pathOf(alice).startsWith(`${accountPath}/expenses`), 'the dashboard links to the expenses list', pathOf(alice));
  await inspect(alice, 'expenses', { screenshot: 'expenses' });
  const text = await alice.page.locator('main').innerText();
  for (const what of ['Groceries', 'Internet', 'Cleaning things']) {
    check(text.includes(what), `the expenses list shows "${what}"`);
  }
  await goto(alice, `${accountPath}/expenses?q=Internet`);
  await inspect(alice, 'expenses-search');
  // The table only: the category filter offers "Groceries" as a choice.
  const filtered = await alice.page.locator('main table').innerText();
  check(
    filtered.includes('Internet') && !filtered.includes('Groceries'),
    'searching the list for "Internet" shows only that expense',
  );
});

await tour('edit form', async () => {
  await goto(alice, accountPath);
  await clickAndWait(alice, alice.page.locator('table.latest').getByRole('link', { name: 'Groceries' }));
  must(/\/expenses\/[^/]+\/edit$/.test(pathOf(alice)), 'an expense links to its edit form', pathOf(alice));
  await inspect(alice, 'expense-edit', { screenshot: 'expense-edit' });
  const form = alice.page.locator('form.expense-form');
  expectEqual(await form.getByLabel(/^Amount/).inputValue(), '60.00', 'the edit form shows the amount');
  await form.getByLabel('What for').fill('Groceries and bread');
  await clickAndWait(alice, form.getByRole('button').last());
  check(pathOf(alice).startsWith(accountPath), 'saving the correction returns to the account', pathOf(alice));
  const back = await alice.page.locator('main').innerText();
  check(back.includes('Groceries and bread'), 'the corrected description shows');
  await goto(alice, accountPath);
  expectEqual(await balances(alice), { Alice: '€0.00', Bob: '€0.00' }, 'a description change leaves balances alone');
});

await tour('delete confirmation', async () => {
  await goto(alice, `${accountPath}/expenses`);
  const editLink = alice.page.locator('main a[href*="/edit"]').first();
  const href = await editLink.getAttribute('href');
  must(Boolean(href), 'the list links to an expense');
  await goto(alice, href.replace(/\/edit$/, '/delete'));
  await inspect(alice, 'expense-delete', { screenshot: 'expense-delete' });
});

// Nothing is recorded here (later tours check balances): the page, and its messages.
await tour('refund form', async () => {
  await goto(alice, `${accountPath}/expenses`);
  await clickAndWait(alice, alice.page.locator('main').getByRole('link', { name: 'Record a refund' }));
  must(pathOf(alice).endsWith('/refunds/new'), 'the expenses list links to the refund page', pathOf(alice));
  await inspect(alice, 'refund-new', { screenshot: 'refund-new' });
  const form = alice.page.locator('form.expense-form');
  await clickAndWait(alice, form.getByRole('button', { name: 'Record refund' }));
  await inspect(alice, 'refund-new-errors', { status: 422 });
  const text = await alice.page.locator('main').innerText();
  check(text.includes('Record a refund'), 'a refused refund shows its page again');
});

await tour('history', async () => {
  await goto(alice, accountPath);
  await clickAndWait(alice, alice.page.locator('main nav').getByRole('link', { name: 'History' }));
  must(pathOf(alice).startsWith(`${accountPath}/history`), 'the dashboard links to the history', pathOf(alice));
  await inspect(alice, 'history', { screenshot: 'history' });
  const text = await alice.page.locator('main').innerText();
  check(text.includes('Groceries'), 'the history mentions the expenses');
});

await tour('recurring rent and categories', async () => {
  await goto(alice, `${accountPath}/expenses/new`);
  const form = await fillExpense(alice, { amount: '800', description: 'Rent', split: 'Equally' });
  await form.getByLabel('Category').selectOption({ label: 'Rent' });
  await form.getByLabel('Repeats').selectOption({ label: 'Monthly' });
  await clickAndWait(alice, form.getByRole('button', { name: 'Add expense' }));
  must(pathOf(alice) === accountPath, 'a repeating expense returns to the dashboard', pathOf(alice));
  check((await flash(alice)).includes('Recurring bill set up: Rent'), 'the dashboard confirms the recurring bill');
  await clickAndWait(alice, alice.page.locator('main nav').getByRole('link', { name: 'Recurring' }));
  must(pathOf(alice) === `${accountPath}/recurring`, 'the dashboard links to the recurring bills', pathOf(alice));
  await inspect(alice, 'recurring', { screenshot: 'recurring' });
  const listed = await alice.page.locator('main table').innerText();
  check(listed.includes('Rent') && listed.includes('Every month'), 'the recurring page lists the rent, monthly');
  await clickAndWait(alice, alice.page.locator('main table').getByRole('link', { name: /Edit/ }).first());
  await inspect(alice, 'schedule-edit', { screenshot: 'schedule-edit' });
  expectEqual(
    await alice.page.locator('form.expense-form').getByLabel(/^Amount/).inputValue(),
    '800.00',
    'the recurring bill\'s form shows its amount',
  );
  await goto(alice, `${accountPath}/expenses`);
  const list = await alice.page.locator('main').innerText();
  check(list.includes('recurring'), 'the expense list marks the occurrence as recurring');
  await goto(alice, `${accountPath}/categories`);
  await inspect(alice, 'categories', { screenshot: 'categories' });
  check((await alice.page.locator('main table').innerText()).includes('Groceries'), 'the categories page lists the starting set');
});

await tour('statistics', async () => {
  await goto(alice, accountPath);
  await clickAndWait(alice, alice.page.locator('main nav').getByRole('link', { name: 'Statistics' }));
  must(pathOf(alice).startsWith(`${accountPath}/statistics`), 'the dashboard links to the statistics', pathOf(alice));
  await inspect(alice, 'statistics', { screenshot: 'statistics' });
  check((await alice.page.locator('main svg[role=img]').count()) >= 2, 'the statistics draw their charts as images');
  const text = await alice.page.locator('main').innerText();
  check(text.includes('Rent') && text.includes('Alice'), 'the statistics show the rent and the members');
  await alice.page.setViewportSize({ width: 360, height: 800 });
  const overflow = await alice.page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 360, 'the statistics fit 360 px without sideways scrolling', `scrollWidth ${overflow}`);
  await alice.page.setViewportSize({ width: 1280, height: 800 });
});

await tour('CSV export', async () => {
  for (const file of ['expenses.csv', 'balances.csv']) {
    const response = await alice.context.request.get(`${BASE}${accountPath}/export/${file}`);
    check(response.status() === 200, `${file}: 200`, `got ${response.status()}`);
    check(
      (response.headers()['content-type'] || '').startsWith('text/csv'),
      `${file}: text/csv`,
      response.headers()['content-type'],
    );
    const body = await response.text();
    writeFileSync(join(ARTIFACTS, file), body);
    check(body.includes('Alice'), `${file}: names the members`);
  }
});

await tour('other error states', async () => {
  await goto(alice, `${accountPath}/members`);
  const add = alice.page.locator('main form').filter({ has: alice.page.getByRole('button', { name: 'Add member' }) });
  await add.getByLabel('Name', { exact: true }).fill('Alice');
  await clickAndWait(alice, add.getByRole('button', { name: 'Add member' }));
  await inspect(alice, 'members-name-taken', { status: 422, screenshot: 'members-error' });
  check(
    (await alice.page.locator('#name').getAttribute('aria-invalid')) === 'true',
    'a name already in use is marked invalid on the members page',
  );
  const stranger = await person('Visitor');
  await goto(stranger, '/signin');
  await stranger.page.getByLabel('Email address').fill('alice@example.org');
  await stranger.page.getByLabel('Password').fill('not the password');
  await clickAndWait(stranger, stranger.page.locator('main').getByRole('button', { name: /sign in/i }));
  await inspect(stranger, 'signin-wrong-password', { status: 422, screenshot: 'signin-error' });
  await stranger.context.close();
});

await tour('a non-member sees nothing', async () => {
  const eve = await person('Eve');
  await goto(eve, '/signup');
  await eve.page.getByLabel('Email address').fill('eve@example.org');
  await eve.page.getByLabel('Your name').fill('Eve');
  await eve.page.getByLabel('Password').fill(PASSWORD);
  await clickAndWait(eve, eve.page.getByRole('button', { name: 'Create account' }));
  await goto(eve, accountPath);
  await inspect(eve, 'not-found', { status: 404, screenshot: 'not-found' });
  await eve.context.close();
});

await tour('adding a grocery expense on a phone: taps before the amount', async () => {
  // From the dashboard on a 390 px phone: the "Add an expense" button, then the amount
  // field (the first on the page, with the decimal keyboard). Every active member is ticked
  // already, so a three-way split needs no more taps.
  await alice.page.setViewportSize({ width: 390, height: 844 });
  await goto(alice, accountPath);
  let taps = 0;
  await clickAndWait(alice, alice.page.getByRole('link', { name: /Add an expense/ }).first());
  taps += 1;
  const amount = alice.page.getByLabel(/^Amount/);
  await amount.click();
  taps += 1;
  expectEqual(await amount.getAttribute('inputmode'), 'decimal', 'the amount field opens the numeric keyboard');
  console.log(`  taps before typing the amount: ${taps}`);
  check(taps <= 3, `at most 3 taps before the amount (${taps})`);
  await amount.fill('24.60');
  await alice.page.getByLabel('What for').fill('Groceries');
  const ticked = await alice.page.locator('input[name=participant]:checked').count();
  check(ticked >= 2, `the expense is shared by every member without more taps (${ticked} ticked)`);
  await clickAndWait(alice, alice.page.getByRole('button', { name: 'Add expense' }));
  check((await flash(alice)).includes('Groceries'), 'the grocery expense is recorded', await flash(alice));
  await alice.page.setViewportSize({ width: 1280, height: 800 });
});

await tour('moving in: a Splitwise export imported through the page', async () => {
  // A small Splitwise group export, written here: "Al" is Alice under another name.
  const csv = join(ARTIFACTS, 'splitwise-import.csv');
  writeFileSync(
    csv,
    'Date,Description,Category,Cost,Currency,Al,Carol\n\n' +
      '2026-01-02,Rent,General,90.00,EUR,45.00,-45.00\n' +
      '2026-01-03,Cleaning,General,20.00,EUR,-10.00,10.00\n\n' +
      '2026-01-05,Total balance, , ,EUR,35.00,-35.00\n',
  );
  await goto(alice, '/');
  await alice.page.getByLabel('Name of the account').fill('Moved in');
  await alice.page.getByLabel('Your name in this account').fill('Alice');
  await clickAndWait(alice, alice.page.getByRole('button', { name: 'Open account' }));
  const moved = pathOf(alice);
  must(/^\/accounts\/[^/]+$/.test(moved), 'the second account opens', moved);
  await clickAndWait(alice, alice.page.locator('main nav').getByRole('link', { name: 'Import from another app' }));
  expectEqual(pathOf(alice), `${moved}/import`, 'the dashboard links to the import page');
  await inspect(alice, 'import-upload');
  await alice.page.getByLabel('Exported file').setInputFiles(csv);
  await clickAndWait(alice, alice.page.getByRole('button', { name: 'Show what it holds' }));
  must(pathOf(alice).startsWith(`${moved}/import?file=`), 'the upload shows its preview', pathOf(alice));
  await inspect(alice, 'import-preview', { screenshot: 'import-preview' });
  expectEqual(await alice.page.locator('.import-format').innerText(), 'Splitwise (CSV)', 'the format is detected');
  expectEqual(await alice.page.locator('.import-expenses').innerText(), '2', 'two expenses');
  // Al is Alice; Carol becomes a new member.
  await alice.page.getByLabel('Al becomes').selectOption({ label: 'Alice' });
  await clickAndWait(alice, alice.page.getByRole('button', { name: 'Update the balances for these choices' }));
  await inspect(alice, 'import-preview-mapped');
  const after = await alice.page.locator('table.import-after').innerText();
  check(after.includes('Alice') && !after.includes('Al\t'), 'the preview shows the balances with Al as Alice', after);
  await clickAndWait(alice, alice.page.getByRole('button', { name: 'Import', exact: true }));
  expectEqual(pathOf(alice), moved, 'the import ends on the dashboard');
  await inspect(alice, 'dashboard-imported');
  check((await flash(alice)).startsWith('Imported 2 expenses'), 'the dashboard says what was imported', await flash(alice));
  const b = await balances(alice);
  check(/35[.,]00/.test(b.Alice || '') && !/[-−]/.test(b.Alice || ''), 'Alice is owed 35.00 after the import', JSON.stringify(b));
  check(/35[.,]00/.test(b.Carol || '') && /[-−]/.test(b.Carol || ''), 'Carol owes 35.00 after the import', JSON.stringify(b));
});

await tour('a trip: exchange rates loaded, an expense paid in yen', async () => {
  // An ECB history file, written here: units per euro, a trailing comma, N/A.
  const rates = join(ARTIFACTS, 'eurofxref-hist.csv');
  writeFileSync(rates, 'Date,USD,JPY,CYP,\n2024-06-14,1.0707,168.17,N/A,\n2024-06-13,1.0784,169.3,N/A,\n');
  await goto(alice, '/');
  await alice.page.getByLabel('Name of the account').fill('Kyoto trip');
  await alice.page.getByLabel('Your name in this account').fill('Alice');
  await clickAndWait(alice, alice.page.getByRole('button', { name: 'Open account' }));
  const trip = pathOf(alice);
  must(/^\/accounts\/[^/]+$/.test(trip), 'the trip account opens', trip);
  await clickAndWait(alice, alice.page.locator('main nav').getByRole('link', { name: 'Exchange rates' }));
  expectEqual(pathOf(alice), `${trip}/rates`, 'the dashboard links to the exchange rates');
  await inspect(alice, 'rates');
  await alice.page.getByLabel(/The ECB's CSV/).setInputFiles(rates);
  await clickAndWait(alice, alice.page.getByRole('button', { name: 'Load rates' }));
  expectEqual(pathOf(alice), `${trip}/rates`, 'back on the rates page');
  await inspect(alice, 'rates-loaded');
  check((await flash(alice)).startsWith('Rates of 2 days'), 'the page says what was loaded', await flash(alice));
  // A Sunday's dinner in yen, the rate left empty: Friday's, 1 ÷ 168.17.
  await goto(alice, `${trip}/expenses/new`);
  const form = alice.page.locator('form.expense-form');
  await form.getByLabel(/^Amount/).fill('16817');
  await form.getByLabel('Paid in').selectOption('JPY');
  await form.getByLabel('What for').fill('Dinner');
  await form.getByLabel('Date').fill('2024-06-16');
  await clickAndWait(alice, form.getByRole('button', { name: 'Add expense' }));
  check((await flash(alice)).includes('JP¥16,817 (€100.00)'), 'the flash gives both amounts', await flash(alice));
  await goto(alice, `${trip}/expenses`);
  await inspect(alice, 'expense-list-abroad', { screenshot: 'expense-list-abroad' });
  expectEqual(
    await alice.page.locator('table.expenses td.num .paid-in').innerText(),
    'JP¥16,817 at 0.0059463638',
    'the list shows what was paid in yen and the rate',
  );
});

// ---------------------------------------------------------------------------------------
// Other languages: the labels and buttons are looked up by the language's own messages
// (locales/<lang>/*.ftl, the messages without variables), so the flow finds the page by what
// a Spanish, French or German flatmate reads.

function loadMessages(lang) {
  const dir = join(repo, 'locales', lang);
  const out = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const m = line.match(/^([a-z][a-z0-9-]*) = (.*)$/);
      if (m && !m[2].includes('{')) out[m[1]] = m[2].trim();
    }
  }
  return out;
}

const MESSAGES = { es: loadMessages('es'), fr: loadMessages('fr'), de: loadMessages('de') };

function T(lang, key) {
  const text = MESSAGES[lang][key];
  if (text === undefined) throw new StepFailed(`locales/${lang} has a one-line message ${key}`);
  return text;
}

async function htmlLang(tab) {
  return tab.page.locator('html').getAttribute('lang');
}

let madrid = null; // the Spanish flat's dashboard path
let madridInvite = null;

await tour('a flat in Madrid: the whole flow in Spanish', async () => {
  const L = 'es';
  const ana = await person('Ana', 'es-ES');
  const beto = await person('Beto', 'es-ES');
  await goto(ana, '/');
  must(pathOf(ana).startsWith('/signin'), 'Ana: a visitor is sent to sign in', pathOf(ana));
  expectEqual(await htmlLang(ana), 'es', 'a browser asking for Spanish gets the sign-in page in Spanish');
  await inspect(ana, 'signin-es', { screenshot: 'signin-es' });
  for (const [tab, email] of [[ana, 'ana@example.org'], [beto, 'beto@example.org']]) {
    await goto(tab, '/signup');
    if (tab === ana) await inspect(tab, 'signup-es');
    await tab.page.getByLabel(T(L, 'auth-email')).fill(email);
    await tab.page.getByLabel(T(L, 'signup-name')).fill(tab.name);
    await tab.page.getByLabel(T(L, 'auth-password'), { exact: true }).fill(PASSWORD);
    await clickAndWait(tab, tab.page.getByRole('button', { name: T(L, 'signup-submit') }));
    must(pathOf(tab) === '/', `${tab.name}: registered in Spanish`, pathOf(tab));
  }
  await inspect(ana, 'home-es');
  await ana.page.getByLabel(T(L, 'home-name')).fill('Piso Lavapiés');
  await ana.page.getByLabel(T(L, 'home-currency')).selectOption('EUR');
  await ana.page.getByLabel(T(L, 'home-member-name')).fill('Ana');
  await clickAndWait(ana, ana.page.getByRole('button', { name: T(L, 'home-open-submit') }));
  must(/^\/accounts\/[^/]+$/.test(pathOf(ana)), 'Ana opens the account', pathOf(ana));
  madrid = pathOf(ana);
  expectEqual(await flash(ana), T(L, 'home-opened'), 'the flash is in Spanish');

  await clickAndWait(ana, ana.page.locator('main nav').getByRole('link', { name: T(L, 'dashboard-nav-members') }));
  await inspect(ana, 'members-es');
  const match = (await ana.page.content()).match(/(?:https?:\/\/[^\s"'<>]+)?\/join\/[A-Za-z0-9_-]+/);
  must(Boolean(match), 'the Spanish members page shows the invite link');
  madridInvite = new URL(match[0].replaceAll('&amp;', '&'), BASE);
  await goto(beto, madridInvite.pathname);
  await inspect(beto, 'join-es');
  await beto.page.getByRole('radio', { name: T(L, 'join-new-member') }).check();
  await beto.page.getByLabel(T(L, 'join-name')).fill('Beto');
  await clickAndWait(beto, beto.page.locator('main form button[type=submit]').first());
  must(pathOf(beto) === madrid, 'Beto joins the Spanish flat', pathOf(beto));

  // 1.234,56 typed the Spanish way, split equally.
  await goto(ana, madrid);
  const form = ana.page.locator('form.expense-form');
  await form.getByLabel(T(L, 'expense-form-amount'), { exact: true }).fill('1.234,56');
  await form.getByLabel(T(L, 'expense-form-description'), { exact: true }).fill('Compra grande');
  await form.getByRole('radio', { name: T(L, 'expense-form-split-equally') }).check();
  const previewed = await ana.page.locator('#split-preview').innerText();
  check(
    previewed.startsWith('Reparto:') && previewed.includes('Ana 617,28\u00a0€'),
    'the split preview reads the Spanish amount and speaks Spanish',
    previewed,
  );
  await clickAndWait(ana, form.getByRole('button', { name: T(L, 'expense-form-add') }));
  expectEqual(pathOf(ana), madrid, 'the Spanish expense is recorded');
  const said = await flash(ana);
  check(said.includes('Compra grande') && said.includes('1234,56\u00a0€'), 'the flash gives the amount the Spanish way', said);
  const nets = await balances(ana);
  expectEqual(nets, { Ana: '617,28\u00a0€', Beto: '-617,28\u00a0€' }, 'the nets are in Spanish conventions');
  await inspect(ana, 'dashboard-es', { screenshot: 'dashboard-es' });

  // A form with errors, shown again in Spanish.
  await form.getByLabel(T(L, 'expense-form-amount'), { exact: true }).fill('doce');
  await form.getByLabel(T(L, 'expense-form-description'), { exact: true }).fill('Pan');
  await clickAndWait(ana, form.getByRole('button', { name: T(L, 'expense-form-add') }));
  await inspect(ana, 'expense-form-errors-es', { status: 422 });
  expectEqual(await ana.page.locator('#amount').inputValue(), 'doce', 'the typed amount is kept');
  check(
    (await ana.page.locator('.error-summary').first().innerText()).trim() === T(L, 'expense-form-fix-below'),
    'the error summary is in Spanish',
  );

  await goto(beto, madrid);
  await clickAndWait(beto, beto.page.getByRole('button', { name: T(L, 'dashboard-record-this-payment') }).first());
  expectEqual(pathOf(beto), madrid, 'Beto pays Ana back');
  await goto(ana, madrid);
  expectEqual(
    (await ana.page.locator('.settled').allInnerTexts()).map((s) => s.trim()),
    [T(L, 'dashboard-everyone-settled')],
    'everyone is settled, in Spanish',
  );
  for (const [key, name] of [
    ['dashboard-all-expenses', 'expenses-es'],
    ['dashboard-nav-history', 'history-es'],
    ['dashboard-nav-statistics', 'statistics-es'],
    ['dashboard-nav-recurring', 'recurring-es'],
  ]) {
    await goto(ana, madrid);
    await clickAndWait(ana, ana.page.locator('main').getByRole('link', { name: T(L, key) }).first());
    expectEqual(await htmlLang(ana), 'es', `${name}: <html lang="es">`);
    await inspect(ana, name);
  }
  await goto(ana, '/settings');
  await inspect(ana, 'settings-es');
  await ana.context.close();
  await beto.context.close();
});

for (const [L, locale, name] of [['fr', 'fr-FR', 'Claire'], ['de', 'de-DE', 'Dieter']]) {
  await tour(`every page of the flat in ${L === 'fr' ? 'French' : 'German'}`, async () => {
    must(Boolean(madrid && madridInvite), 'the Spanish flat exists');
    const tab = await person(name, locale);
    await goto(tab, '/signup');
    expectEqual(await htmlLang(tab), L, `the sign-up page is in ${L}`);
    await inspect(tab, `signup-${L}`);
    await tab.page.getByLabel(T(L, 'auth-email')).fill(`${name.toLowerCase()}@example.org`);
    await tab.page.getByLabel(T(L, 'signup-name')).fill(name);
    await tab.page.getByLabel(T(L, 'auth-password'), { exact: true }).fill(PASSWORD);
    await clickAndWait(tab, tab.page.getByRole('button', { name: T(L, 'signup-submit') }));
    await goto(tab, madridInvite.pathname);
    await inspect(tab, `join-${L}`);
    await tab.page.getByRole('radio', { name: T(L, 'join-new-member') }).check();
    await tab.page.getByLabel(T(L, 'join-name')).fill(name);
    await clickAndWait(tab, tab.page.locator('main form button[type=submit]').first());
    must(pathOf(tab) === madrid, `${name} joins`, pathOf(tab));
    await inspect(tab, `dashboard-${L}`, { screenshot: `dashboard-${L}` });
    const nets = Object.values(await balances(tab)).join(' ');
    check(nets.includes(L === 'de' ? '0,00\u00a0€' : '0,00\u00a0€'), `the nets are written the ${L} way`, nets);
    for (const suffix of ['/expenses', '/expenses/new', '/refunds/new', '/payments', '/payments/new', '/history', '/statistics', '/members', '/recurring', '/categories', '/rates', '/import', '/as-of']) {
      await goto(tab, madrid + suffix);
      expectEqual(await htmlLang(tab), L, `${suffix}: <html lang="${L}">`);
      await inspect(tab, `${suffix.slice(1).replaceAll('/', '-')}-${L}`);
    }
    await goto(tab, '/settings');
    await inspect(tab, `settings-${L}`);
    await goto(tab, '/settings/password');
    await inspect(tab, `password-${L}`);
    await goto(tab, `${madrid}/nothing-here`);
    await inspect(tab, `not-found-${L}`, { status: 404 });
    await tab.context.close();
  });
}

await tour('the app is installable and has an offline page', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  await page.goto(`${BASE}/signin`);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel=manifest]');
    return link ? (await fetch(link.href)).json() : null;
  });
  check(manifest && manifest.display === 'standalone', 'the manifest asks for a standalone window');
  check(
    manifest && ['192x192', '512x512'].every((s) => manifest.icons.some((i) => i.sizes === s && i.type === 'image/png')),
    'the manifest lists PNG icons of 192 and 512 px',
  );
  const ready = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return !!registration.active;
  });
  check(ready, 'the service worker is active');
  await page.reload();
  await context.setOffline(true);
  await page.goto(`${BASE}/`).catch(() => {});
  const heading = (await page.locator('h1').first().textContent().catch(() => '')) || '';
  check(heading.includes('You are offline'), 'offline, a page request shows the offline page', heading);
  await page.screenshot({ path: join(SHOTS, 'offline-390.png'), fullPage: true });
  await context.close();
});

await browser.close();

// ---------------------------------------------------------------------------------------
// The Nu HTML Checker on every saved page, in one run.

if (visited.length) {
  console.log(`vnu: checking ${visited.length} page(s)`);
  const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...visited.map((v) => v.file)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error || run.status === null || (run.status !== 0 && run.status !== 1)) {
    fail('the Nu HTML Checker runs', String(run.error || run.stderr));
  } else {
    let messages = [];
    try {
      messages = JSON.parse(run.stderr || run.stdout || '{"messages":[]}').messages || [];
    } catch (error) {
      fail('the Nu HTML Checker output can be read', `${error}\n${run.stderr}`);
    }
    for (const v of visited) {
      const own = messages.filter((m) => m.url && fileURLToPath(m.url) === v.file);
      for (const m of own) {
        findings.push(
          `vnu ${m.type}: ${v.name} [${relative(repo, v.file)}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}] ${m.message}${m.extract ? ` — ${JSON.stringify(m.extract.trim())}` : ''}`,
        );
      }
      check(
        own.length === 0,
        `${v.name}: valid HTML (Nu HTML Checker)`,
        own.map((m) => `line ${m.lastLine}: ${m.message}`).join('\n'),
      );
    }
    const stray = messages.filter((m) => !m.url || !visited.some((v) => fileURLToPath(m.url) === v.file));
    for (const m of stray) fail('vnu', m.message);
    check(run.status === 0 || messages.length > 0, 'vnu exit status agrees with its messages', `exit ${run.status}`);
  }
}

// ---------------------------------------------------------------------------------------

if (findings.length) {
  console.log('\nfindings (vnu errors, axe violations of every impact):');
  for (const f of findings) console.log(`  ${f}`);
}
if (failures.length) {
  console.log('\nfailed checks:');
  for (const f of failures) console.log(`  ${f}`);
}
console.log(`\nscreenshots: ${relative(process.cwd(), SHOTS) || SHOTS}`);
console.log(`browser: ${passed} checks passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
