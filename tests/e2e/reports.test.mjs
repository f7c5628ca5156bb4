// The reports dashboard (数据分析) on the real app: a small book made with the CLI, the
// dashboard opened from the sidebar, its figures checked against what the core must compute,
// and a top customer opened from the dashboard.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { allByTestId, byTestId, newDataDir, openApp, screenshot, startDriver, stopDriver } from "./app.mjs";

const CLI = process.env.FIELDBOOK_CLI;
const dataDir = newDataDir();
let browser;

function cli(...args) {
  return execFileSync(CLI, ["--db", join(dataDir, "fieldbook.db"), "--json", ...args], { encoding: "utf8" });
}

const add = (...args) => JSON.parse(cli("customers", "add", ...args)).id;

before(async () => {
  if (!CLI) throw new Error("FIELDBOOK_CLI must name the fieldbook CLI binary (scripts/test sets it)");
  const wang = add("--name", "王芳", "--tier", "VIP");
  const lee = add("--name", "李雷", "--tier", "A");
  add("--name", "Emily Carter", "--tier", "A");
  // Today's orders (the CLI's default date): this month's revenue is 2 × 100.25 + 80 = 280.50;
  // the draft is not a purchase and must not count.
  cli("orders", "add", "--customer", wang, "--item", "茶叶礼盒:2:100.25");
  cli("orders", "add", "--customer", lee, "--item", "咨询服务:1:80");
  cli("orders", "add", "--customer", lee, "--item", "Plan:1:99999", "--status", "draft");
  await startDriver({ dataDir, lang: "zh_CN.UTF-8" });
  browser = await openApp({ screen: "customers" });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

test("the dashboard opens from the sidebar and shows the book's figures", async () => {
  const nav = await byTestId(browser, "nav-reports");
  assert.match(await nav.getProperty("textContent"), /数据分析/);
  await nav.click();
  const total = await byTestId(browser, "report-total-customers");
  await total.waitForDisplayed({ timeout: 10000 });
  assert.equal((await total.getProperty("textContent")).trim(), "3");
  assert.equal((await (await byTestId(browser, "report-tier-A")).getProperty("textContent")).trim(), "2");
  assert.equal((await (await byTestId(browser, "report-tier-VIP")).getProperty("textContent")).trim(), "1");
  const revenue = await byTestId(browser, "report-revenue-total");
  assert.equal(await revenue.getAttribute("data-currency"), "CNY");
  assert.match(await revenue.getProperty("textContent"), /280\.50/, "exact decimal revenue, drafts left out");
  const bars = await browser.$$('[data-testid="report-tiers"] .recharts-bar-rectangle');
  assert.ok(bars.length > 0, "the tier chart is drawn");
  await screenshot(browser, "reports");
});

test("a top customer opens from the dashboard", async () => {
  const rows = await allByTestId(browser, "report-top-row");
  assert.equal(rows.length, 2, "two customers bought");
  assert.match(await rows[0].getProperty("textContent"), /王芳/, "王芳 bought the most (200.50)");
  // Click the name cell, scrolled into view: WebKitWebDriver will not click a <tr> below the fold.
  const cell = await rows[0].$("td:nth-child(2)");
  await cell.scrollIntoView();
  await cell.click();
  const name = await byTestId(browser, "detail-name");
  await name.waitForDisplayed({ timeout: 5000 });
  assert.match(await name.getProperty("textContent"), /王芳/);
});
