// Changes made outside the window reach every open screen: with the app open, the `fieldbook`
// CLI writes to the same book, and the customer list, the open customer page and the agenda
// refresh themselves from the one `book-changed` event (read from the change journal) — no
// reload, no click. Texts are read inside the page in one step, so a re-render between a
// lookup and a read can never hand the test a stale element.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { localDay, click, clickText, newDataDir, openApp, screenshot, startDriver, stopDriver, texts, waitForText, waitShown } from "./app.mjs";

const CLI = process.env.FIELDBOOK_CLI;
const dataDir = newDataDir();
let browser;
let zhang;

function cli(...args) {
  return execFileSync(CLI, ["--db", join(dataDir, "fieldbook.db"), "--json", ...args], { encoding: "utf8" });
}

before(async () => {
  if (!CLI) throw new Error("FIELDBOOK_CLI must name the fieldbook CLI binary (scripts/test sets it)");
  zhang = JSON.parse(cli("customers", "add", "--name", "张三", "--tier", "B")).id;
  await startDriver({ dataDir, lang: "en_US.UTF-8" });
  browser = await openApp({ screen: "customers" });
  await waitForText(browser, "customer-row", /张三/, "the book made before start is listed");
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

test("a customer added from the CLI appears in the open customer list", async () => {
  cli("customers", "add", "--name", "李四", "--phone", "13800138000");
  await waitForText(browser, "customer-row", /李四/, "the list refreshed from book-changed");
  const rows = await texts(browser, "customer-row");
  assert.equal(rows.length, 2, "both customers are listed once");
});

test("a visit logged from the CLI appears on the open customer page", async () => {
  await clickText(browser, "customer-row", /张三/);
  await waitForText(browser, "detail-name", /张三/, "the customer page opened");
  await click(browser, "tab-timeline");
  await waitShown(browser, "timeline");
  cli("interactions", "add", "--customer", zhang, "--kind", "visit", "--summary", "CLI 季度回访");
  await waitForText(browser, "timeline-item", /CLI 季度回访/, "the open timeline refreshed from book-changed");
  await screenshot(browser, "changes-timeline");
});

test("a follow-up due today, logged from the CLI, appears in the open agenda", async () => {
  await click(browser, "nav-agenda");
  await waitShown(browser, "agenda");
  const wang = JSON.parse(cli("customers", "add", "--name", "王五")).id;
  cli("interactions", "add", "--customer", wang, "--kind", "call", "--summary", "报价", "--follow-up", localDay(0));
  await waitForText(browser, "agenda-today", /王五/, "the agenda refreshed from book-changed");
  await screenshot(browser, "changes-agenda");
});
