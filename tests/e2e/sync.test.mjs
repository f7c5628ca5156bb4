// Team sync on the real window: this app's book (A) and a second laptop's book (B, driven by
// the `fieldbook` CLI on its own database) share one folder. A customer added on B appears in
// A after "Sync now"; when both edit the same field, the later edit wins and A's customer page
// offers the losing value, which Restore brings back. Texts are read inside the page in one
// step, so a re-render can never hand the test a stale element.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { click, clickText, fill, newDataDir, openApp, screenshot, startDriver, stopDriver, texts, waitForText, waitShown } from "./app.mjs";

const CLI = process.env.FIELDBOOK_CLI;
const PASS = "团队口令 team";
const dataDir = newDataDir();
const laptopB = mkdtempSync(join(tmpdir(), "fieldbook-b-"));
const share = mkdtempSync(join(tmpdir(), "fieldbook-share-"));
let browser;
let liLei;

function cli(db, ...args) {
  return execFileSync(CLI, ["--db", db, "--json", ...args], {
    encoding: "utf8",
    env: { ...process.env, FIELDBOOK_SYNC_PASSPHRASE: PASS },
  });
}
const onA = (...args) => cli(join(dataDir, "fieldbook.db"), ...args);
const onB = (...args) => cli(join(laptopB, "book.db"), ...args);

/** Wait until the open customer page's tier badge reads `tier`. */
async function waitForTier(tier, message) {
  const badge = () =>
    browser.execute(() => document.querySelector('[data-testid="customer-detail"] .detail-header .tier')?.textContent ?? "");
  await browser.waitUntil(async () => (await badge()) === tier, {
    timeout: 10000,
    timeoutMsg: `${message}; the badge reads ${JSON.stringify(await badge())}`,
  });
}

/** `first`: this run has not given the team passphrase yet (the window keeps it in memory). */
async function syncNow({ first = false } = {}) {
  await click(browser, "nav-settings");
  await fill(browser, "sync-folder", share);
  // Decided by the test, not by looking: the field shows while the sync status loads.
  if (first) await fill(browser, "sync-passphrase", PASS);
  await clickText(browser, "sync-now", /Sync now/);
  await waitShown(browser, "sync-summary", 20000);
}

before(async () => {
  if (!CLI) throw new Error("FIELDBOOK_CLI must name the fieldbook CLI binary (scripts/test sets it)");
  liLei = JSON.parse(onB("customers", "add", "--name", "Li Lei", "--tier", "A")).id;
  const first = JSON.parse(onB("sync", "--folder", share));
  assert.equal(first.team_created, true, "laptop B sets the team up");
  await startDriver({ dataDir, lang: "en_US.UTF-8" });
  browser = await openApp({ screen: "customers" });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

test("Sync now brings laptop B's customer into the open book", async () => {
  await syncNow({ first: true });
  await waitForText(browser, "sync-summary-in", /Received \d+ changes?: 1 customers added/, "the summary counts B's customer");
  // The sync leaves its last batch in the write-ahead log; the app checkpoints it on a reader
  // after the summary, so the (plaintext) book file itself soon holds B's customer.
  const book = join(dataDir, "fieldbook.db");
  await browser.waitUntil(async () => readFileSync(book).includes("Li Lei"), {
    timeout: 10000,
    timeoutMsg: "the synced customer reached the book file (the background checkpoint ran)",
  });
  await screenshot(browser, "sync-settings");
  await click(browser, "nav-customers");
  await waitForText(browser, "customer-row", /Li Lei/, "B's customer is in A's list");
});

test("a concurrent edit keeps the losing value on the customer page, and Restore brings it back", async () => {
  onA("bulk-edit", "--ids", liLei, "--tier", "C"); // A's edit, first
  onB("bulk-edit", "--ids", liLei, "--tier", "VIP"); // B's edit, later: it wins
  onB("sync", "--folder", share);
  await syncNow();
  await waitForText(browser, "sync-summary-conflicts", /1 edit lost/, "the summary reports the conflict");
  await click(browser, "nav-customers");
  await clickText(browser, "customer-row", /Li Lei/);
  await waitForText(browser, "conflict", /Tier\s*C/, "A's losing tier is offered on the customer page");
  await waitForTier("VIP", "the later edit (B's VIP) is current");
  await screenshot(browser, "sync-conflict");
  await clickText(browser, "conflict-restore", /Restore/);
  await browser.waitUntil(async () => (await texts(browser, "conflict")).length === 0, {
    timeout: 10000,
    timeoutMsg: "the restored conflict leaves the card",
  });
  await waitForTier("C", "the restored tier C is current");
  const shown = JSON.parse(onA("customers", "show", liLei));
  assert.equal(shown.tier, "C", "the restore is a real edit of the book");
});
