// A lost laptop leaks nothing and loses nothing (#11), on the real window: a passphrase set in
// Settings → Security encrypts the book and its backups (no file in the data folder holds the
// customer's name any more); the next start opens on the lock screen, which refuses a wrong
// passphrase and unlocks with the right one; a backup made with "Back up now" and restored
// after its preview brings a renamed customer back; a truncated book opens on the damaged-book
// screen, which offers the latest good backup and never writes to the damaged file.
// Screenshots of each screen at 1280x800 and 1024x700, in English and (last test) Chinese.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";
import {
  attrOf,
  click,
  fill,
  newDataDir,
  openApp,
  screenshot,
  startDriver,
  stopDriver,
  texts,
  waitForText,
  waitGone,
  waitShown,
  waitUntilValue,
} from "./app.mjs";

const CLI = process.env.FIELDBOOK_CLI;
const PASS = "月光 moonlight 42";
const NAME = "赵明月";
const RENAMED = "Wang Tao";
const dataDir = newDataDir();
const book = join(dataDir, "fieldbook.db");
let browser;
let lang = "en";

function cli(...args) {
  return execFileSync(CLI, ["--db", book, "--json", ...args], {
    encoding: "utf8",
    env: { ...process.env, FIELDBOOK_PASSPHRASE: PASS },
  });
}

/** The book's own files (the database and, while open, its write-ahead log). */
function bookFiles() {
  return readdirSync(dataDir)
    .filter((f) => f === "fieldbook.db" || f === "fieldbook.db-wal")
    .map((f) => join(dataDir, f));
}

const holdsName = (file) => readFileSync(file).includes(Buffer.from(NAME, "utf8"));

/** Every file under `dir`, recursively. */
function allFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

/** Close the window; stopDriver waits until the app has gone, so nothing holds the book. */
async function closeApp() {
  await browser?.deleteSession().catch(() => {});
  browser = undefined;
  await stopDriver();
}

/** Close the window and start the app again on the same data folder. */
async function restart({ shows, language = "en" }) {
  await closeApp();
  lang = language;
  await startDriver({ dataDir, lang: language === "zh" ? "zh_CN.UTF-8" : "en_US.UTF-8" });
  browser = await openApp({ shows });
}

/** `name` at 1280x800 and at 1024x700, `scrollTo` (a test id) scrolled to the top first. */
async function shots(name, scrollTo) {
  for (const [w, h] of [
    [1280, 800],
    [1024, 700],
  ]) {
    await browser.setWindowSize(w, h);
    if (scrollTo) {
      await browser.execute((id) => document.querySelector(`[data-testid="${id}"]`)?.scrollIntoView({ block: "start" }), scrollTo);
    }
    await screenshot(browser, `security-${name}-${w}-${lang}`);
  }
  await browser.setWindowSize(1280, 800);
}

async function unlock() {
  await fill(browser, "unlock-passphrase", PASS);
  await click(browser, "unlock-submit");
}

async function findCustomer(query, name) {
  await click(browser, "nav-customers");
  await fill(browser, "search-input", query);
  await waitForText(browser, "customer-row", new RegExp(name), `searching ${query} finds ${name}`);
}

const backupFiles = async () =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="backup-row"]')].map((r) => r.getAttribute("data-file")));

before(async () => {
  if (!CLI) throw new Error("FIELDBOOK_CLI must name the fieldbook CLI binary (scripts/test sets it)");
  // A book in use before it had a passphrase: the CLI writes it in plaintext.
  execFileSync(CLI, ["--db", book, "--json", "customers", "add", "--name", NAME, "--tier", "VIP"]);
  assert.ok(bookFiles().some(holdsName), "the plaintext book holds the name (so the check below means something)");
  await startDriver({ dataDir, lang: "en_US.UTF-8" });
  browser = await openApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

test("a passphrase set in Settings → Security encrypts the book: its bytes no longer hold the name", async () => {
  await click(browser, "nav-settings");
  await waitForText(browser, "security-state", /no passphrase/, "the book starts without a passphrase");
  await click(browser, "security-set");
  await fill(browser, "security-new", PASS);
  await fill(browser, "security-repeat", PASS);
  await click(browser, "security-submit");
  await waitForText(browser, "security-state", /encrypted with a passphrase/, "Security says the book is encrypted");
  await shots("settings-security", "security-settings");
  // Nothing in the data folder: the book, its log, the backup made at start (converted with
  // the book), the logs and settings.
  const files = allFiles(dataDir);
  assert.ok(files.some((f) => f.includes("backups")), "the backup made at start is there");
  for (const file of files) assert.ok(!holdsName(file), `${file} holds no plaintext name`);
  for (const dir of ["logs", "backups"]) {
    assert.equal(statSync(join(dataDir, dir)).mode & 0o777, 0o700, `${dir}/ is owner-only`);
  }
  await findCustomer("zmy", NAME);
});

test("the next start opens on the lock screen: a wrong passphrase is refused, the right one unlocks", async () => {
  await restart({ shows: "lock-screen" });
  assert.equal(await texts(browser, "sidebar-title").then((t) => t.length), 0, "nothing of the book shows while locked");
  await shots("lock");
  await fill(browser, "unlock-passphrase", "not the passphrase");
  await click(browser, "unlock-submit");
  await waitForText(browser, "unlock-error", /wrong|incorrect/i, "the wrong passphrase is named as such");
  await shots("lock-wrong");
  await unlock();
  await waitShown(browser, "sidebar-title", 20000);
  await waitGone(browser, "lock-screen");
  await findCustomer("zhaomingyue", NAME);
  for (const file of allFiles(dataDir)) assert.ok(!holdsName(file), `${file} holds no plaintext name after a session`);
});

test("Back up now, rename the customer, restore the backup after its preview: the customer is back", async () => {
  await click(browser, "nav-settings");
  await waitShown(browser, "backup-settings");
  // Wait for the list (or its empty state) so "before" is the list, not the loading line.
  await waitUntilValue(
    browser,
    async () => (await texts(browser, "backup-list")).length + (await texts(browser, "backup-empty")).length,
    (n) => n > 0,
    "the backup list loads",
  );
  const before = await backupFiles();
  await click(browser, "backup-now");
  // A new file, not a longer list: rotation keeps one automatic backup a day, so the one
  // made at start may go.
  const after = await waitUntilValue(browser, backupFiles, (files) => files.some((f) => !before.includes(f)), "Back up now adds a backup to the list");
  const made = after.find((f) => !before.includes(f));
  const row = `[data-testid="backup-row"][data-file="${made}"]`;
  await waitForText(browser, `${row} td`, /^1$/, "the new backup holds one customer");
  await shots("settings-backups", "backup-settings");

  await findCustomer("zmy", NAME);
  await click(browser, "customer-row", { text: new RegExp(NAME) });
  await click(browser, "edit-customer");
  await fill(browser, "field-name", RENAMED);
  await click(browser, "save-customer");
  await waitForText(browser, "detail-name", new RegExp(`^${RENAMED}$`), "the customer is renamed");

  await click(browser, "nav-settings");
  await click(browser, `${row} [data-testid="backup-restore"]`);
  await waitShown(browser, "backup-preview");
  await waitForText(browser, "backup-preview-customers", /^1$/, "the preview counts the backup's customers");
  await waitForText(browser, "backup-preview-names", new RegExp(NAME), "the preview names the customer as it was");
  await shots("restore-preview");
  await click(browser, "backup-restore-confirm");
  await waitGone(browser, "backup-preview", 20000);

  await findCustomer("zmy", NAME);
  await fill(browser, "search-input", RENAMED);
  await waitUntilValue(browser, () => texts(browser, "customer-row"), (rows) => rows.length === 0, "the rename is gone");
  const shown = JSON.parse(cli("customers", "list")); // the CLI opens the restored book with the passphrase
  const names = (shown.items ?? shown).map((c) => c.name);
  assert.deepEqual(names, [NAME], "the restored book holds the customer as it was");
});

test("a truncated book opens on the damaged-book screen, which offers the latest good backup and leaves the file alone", async () => {
  // Today's backup of the restored book, so the latest good one holds the customer as it is.
  await click(browser, "nav-settings");
  await waitShown(browser, "backup-row");
  const before = await backupFiles();
  await click(browser, "backup-now");
  await waitUntilValue(browser, backupFiles, (files) => files.some((f) => !before.includes(f)), "Back up now adds a backup to the list");
  await closeApp();
  // The CLI's open and close folds the log into the book, so the book alone is all of it.
  cli("customers", "list");
  assert.deepEqual(bookFiles(), [book], "no write-ahead log is left beside the book");
  truncateSync(book, Math.floor(statSync(book).size / 3));
  const damaged = readFileSync(book);

  await restart({ shows: "lock-screen" });
  await unlock();
  await waitShown(browser, "damaged-screen", 20000);
  await waitShown(browser, "damaged-offer");
  assert.match((await texts(browser, "damaged-offer")).join(" "), /1 customer/, "the offered backup holds the customer");
  await shots("damaged");
  assert.ok(readFileSync(book).equals(damaged), "the damaged book is byte-identical while the screen shows");

  await click(browser, "damaged-restore");
  await waitShown(browser, "sidebar-title", 20000);
  await findCustomer("zmy", NAME);
  const kept = allFiles(dataDir).filter((f) => f !== book && readFileSync(f).equals(damaged));
  assert.equal(kept.length, 1, `the damaged book is kept aside byte for byte: ${kept.join(", ")}`);
});

test("in Chinese: the lock screen, Security, Backups, the restore preview and the damaged-book screen (screenshots)", async () => {
  await restart({ shows: "lock-screen", language: "zh" });
  await waitForText(browser, "unlock-submit", /解锁/, "the lock screen speaks Chinese");
  await shots("lock");
  await fill(browser, "unlock-passphrase", "错误的口令");
  await click(browser, "unlock-submit");
  await waitShown(browser, "unlock-error");
  await shots("lock-wrong");
  await unlock();
  await waitShown(browser, "sidebar-title", 20000);
  await click(browser, "nav-settings");
  await waitShown(browser, "security-change");
  await shots("settings-security", "security-settings");
  await waitShown(browser, "backup-row");
  await shots("settings-backups", "backup-settings");
  await click(browser, "backup-restore");
  await waitShown(browser, "backup-preview-customers");
  await shots("restore-preview");
  await click(browser, '[data-testid="backup-preview"] .button:not(.button-danger)');
  await waitGone(browser, "backup-preview");

  await closeApp();
  cli("customers", "list");
  truncateSync(book, Math.floor(statSync(book).size / 3));
  const damaged = readFileSync(book);
  await restart({ shows: "lock-screen", language: "zh" });
  await unlock();
  await waitShown(browser, "damaged-offer", 20000);
  await shots("damaged");
  assert.ok(readFileSync(book).equals(damaged), "the damaged book is byte-identical");
  assert.equal(await attrOf(browser, "damaged-restore", "disabled"), null, "the restore is offered");
});
