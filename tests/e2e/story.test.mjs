// The customer's story on the real app: a customer last seen 200 days ago shows as lost; log
// an interaction with the quick-log form and an order with a discounted line, see both on the
// timeline with the core's exact total, and see the stage change to active.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { allByTestId, byTestId, fill, newDataDir, openApp, screenshot, startDriver, stopDriver } from "./app.mjs";

const dataDir = newDataDir();
let browser;

/** YYYY-MM-DD of the local day `days` from now. */
function localDay(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const cli = (...args) => execFileSync(process.env.FIELDBOOK_CLI, ["--db", join(dataDir, "fieldbook.db"), ...args], { encoding: "utf8" });

before(async () => {
  const { id } = JSON.parse(cli("--json", "customers", "add", "--name", "李雷", "--tier", "B"));
  // One purchase 200 days ago and nothing since: past the 180-day "lost" threshold.
  cli("orders", "add", "--customer", id, "--item", "定期存款:1:10000", "--date", localDay(-200));
  await startDriver({ dataDir, lang: "zh_CN.UTF-8" });
  browser = await openApp({ screen: "customers" });
  await fill(browser, "search-input", "lilei");
  const row = await byTestId(browser, "customer-row");
  await row.waitForDisplayed({ timeout: 5000 });
  await row.click();
  await (await byTestId(browser, "detail-name")).waitForDisplayed({ timeout: 5000 });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

const timelineText = async () => {
  const out = [];
  for (const item of await allByTestId(browser, "timeline-item")) {
    out.push(`${await item.getAttribute("data-type")}: ${await item.getProperty("textContent")}`);
  }
  return out;
};

test("a customer whose last purchase was 200 days ago is lost, and the overview says why", async () => {
  const badge = await byTestId(browser, "stage-badge");
  await badge.waitForDisplayed({ timeout: 5000 });
  assert.equal(await badge.getAttribute("data-stage"), "lost");
  assert.match(await (await byTestId(browser, "stage-reason")).getProperty("textContent"), /200/);
});

test("a quick-logged visit appears on the timeline at once", async () => {
  await (await byTestId(browser, "quick-log")).click();
  await fill(browser, "interaction-kind", "visit");
  await fill(browser, "interaction-summary", "上门拜访，介绍了新一期理财产品");
  await (await byTestId(browser, "interaction-save")).click();
  await browser.waitUntil(async () => (await timelineText()).some((t) => t.startsWith("interaction:") && t.includes("上门拜访")), {
    timeout: 8000,
    timeoutMsg: "the logged visit is on the timeline",
  });
  await screenshot(browser, "timeline");
});

test("an order's total is the core's exact decimal, and the order joins the timeline", async () => {
  await (await byTestId(browser, "tab-orders")).click();
  await (await byTestId(browser, "new-order")).click();
  await fill(browser, "order-line-description-0", "稳盈 90 天理财");
  await fill(browser, "order-line-quantity-0", "2");
  await fill(browser, "order-line-price-0", "19.99");
  await fill(browser, "order-line-discount-0", "15");
  await (await byTestId(browser, "order-save")).click();
  const total = await byTestId(browser, "order-total");
  // 2 × 19.99 × 0.85 = 33.983 → 33.98 (rounded half away from zero, per line).
  await browser.waitUntil(async () => /33\.98/.test(await total.getProperty("textContent")), {
    timeout: 8000,
    timeoutMsg: "the order total shows 33.98 computed by the core",
  });
  await screenshot(browser, "order");
  await browser.keys("Escape");
  // The dialog's overlay takes clicks until it is gone.
  await (await byTestId(browser, "order-form")).waitForExist({ reverse: true, timeout: 5000 });
  await (await byTestId(browser, "tab-timeline")).click();
  await browser.waitUntil(async () => (await timelineText()).some((t) => t.startsWith("order:")), {
    timeout: 8000,
    timeoutMsg: "the order is on the timeline",
  });
});

test("after today's visit and order the lost customer is active again", async () => {
  await (await byTestId(browser, "tab-overview")).click();
  const badge = await byTestId(browser, "stage-badge");
  await badge.waitForDisplayed({ timeout: 5000 });
  // First contact 200 days ago (not new), last contact today (not silent or lost).
  await browser.waitUntil(async () => (await badge.getAttribute("data-stage")) === "active", {
    timeout: 8000,
    timeoutMsg: "the stage recomputes from the new contact",
  });
  assert.ok((await (await byTestId(browser, "stage-reason")).getProperty("textContent")).length > 0, "with a reason");
});
