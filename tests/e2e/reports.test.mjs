// The reports dashboard (数据分析) on the real app: a small book made with the CLI, the
// dashboard opened from the sidebar, its figures checked against what the core must compute,
// and a top customer opened from the dashboard.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { attrOf, click, newDataDir, openApp, screenshot, startDriver, stopDriver, textOf, texts, waitForText, waitShown, waitUntilValue } from "./app.mjs";

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
  assert.match(await textOf(browser, "nav-reports"), /数据分析/);
  await click(browser, "nav-reports");
  await waitForText(browser, "report-total-customers", /^\s*3\s*$/, "three customers in the book");
  assert.equal((await textOf(browser, "report-tier-A")).trim(), "2");
  assert.equal((await textOf(browser, "report-tier-VIP")).trim(), "1");
  assert.equal(await attrOf(browser, "report-revenue-total", "data-currency"), "CNY");
  assert.match(await textOf(browser, "report-revenue-total"), /280\.50/, "exact decimal revenue, drafts left out");
  await waitShown(browser, '[data-testid="report-tiers"] .recharts-bar-rectangle');
  await screenshot(browser, "reports");
});

test("a top customer opens from the dashboard", async () => {
  const rows = await waitUntilValue(browser, () => texts(browser, "report-top-row"), (r) => r.length === 2, "two customers bought");
  assert.match(rows[0], /王芳/, "王芳 bought the most (200.50)");
  await click(browser, '[data-testid="report-top-row"]:first-child td:nth-child(2)');
  await waitForText(browser, "detail-name", /王芳/, "王芳's page opens from the dashboard");
});
