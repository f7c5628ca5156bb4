// The customer's story on the real app: a customer last seen 200 days ago shows as lost; log
// an interaction with the quick-log form and an order with a discounted line, see both on the
// timeline with the core's exact total, and see the stage change to active; then a follow-up and a
// complaint logged on the page show at the top of the overview.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { localDay, attrOf, click, fill, newDataDir, openApp, screenshot, startDriver, stopDriver, textOf, waitForText, waitGone, valueOf, waitShown, waitUntilValue } from "./app.mjs";

const dataDir = newDataDir();
let browser;

const cli = (...args) => execFileSync(process.env.FIELDBOOK_CLI, ["--db", join(dataDir, "fieldbook.db"), ...args], { encoding: "utf8" });

before(async () => {
  const { id } = JSON.parse(cli("--json", "customers", "add", "--name", "李雷", "--tier", "B"));
  // One purchase 200 days ago and nothing since: past the 180-day "lost" threshold.
  cli("orders", "add", "--customer", id, "--item", "定期存款:1:10000", "--date", localDay(-200));
  await startDriver({ dataDir, lang: "zh_CN.UTF-8" });
  browser = await openApp({ screen: "customers" });
  await fill(browser, "search-input", "lilei");
  await click(browser, "customer-row", { text: /李雷/ });
  await waitForText(browser, "detail-name", /李雷/, "李雷's page opened");
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

/** "type: text" of every timeline item, read in the page at one instant. */
const timelineText = () =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="timeline-item"]')].map((el) => `${el.getAttribute("data-type")}: ${el.textContent ?? ""}`),
  );

test("a customer whose last purchase was 200 days ago is lost, and the overview says why", async () => {
  await waitShown(browser, "stage-badge");
  assert.equal(await attrOf(browser, "stage-badge", "data-stage"), "lost");
  assert.match(await textOf(browser, "stage-reason"), /200/);
});

test("a quick-logged visit appears on the timeline at once", async () => {
  await click(browser, "quick-log");
  await fill(browser, "interaction-kind", "visit");
  await fill(browser, "interaction-summary", "上门拜访，介绍了新一期理财产品");
  await click(browser, "interaction-save");
  await waitUntilValue(browser, timelineText, (items) => items.some((t) => t.startsWith("interaction:") && t.includes("上门拜访")), "the logged visit is on the timeline");
  await screenshot(browser, "timeline");
});

test("an order's total is the core's exact decimal, and the order joins the timeline", async () => {
  await click(browser, "tab-orders");
  await click(browser, "new-order");
  await fill(browser, "order-line-description-0", "稳盈 90 天理财");
  await fill(browser, "order-line-quantity-0", "2");
  await fill(browser, "order-line-price-0", "19.99");
  await fill(browser, "order-line-discount-0", "15");
  await click(browser, "order-save");
  // 2 × 19.99 × 0.85 = 33.983 → 33.98 (rounded half away from zero, per line).
  await waitForText(browser, "order-total", /33\.98/, "the order total shows 33.98 computed by the core");
  await screenshot(browser, "order");
  await browser.keys("Escape");
  // The dialog's overlay takes clicks until it is gone.
  await waitGone(browser, "order-form");
  await click(browser, "tab-timeline");
  await waitUntilValue(browser, timelineText, (items) => items.some((t) => t.startsWith("order:")), "the order is on the timeline");
});

test("after today's visit and order the lost customer is active again", async () => {
  await click(browser, "tab-overview");
  // First contact 200 days ago (not new), last contact today (not silent or lost).
  await waitUntilValue(browser, () => attrOf(browser, "stage-badge", "data-stage"), (s) => s === "active", "the stage recomputes from the new contact");
  assert.ok((await textOf(browser, "stage-reason")).length > 0, "with a reason");
});

test("an interaction with a follow-up and a complaint logged here show at the top of the overview", async () => {
  await click(browser, "quick-log");
  await fill(browser, "interaction-kind", "call");
  await fill(browser, "interaction-summary", "电话回访");
  await fill(browser, "interaction-next-step", "寄送续约合同");
  await fill(browser, "interaction-follow-up", localDay(-1));
  await click(browser, "interaction-save");
  await waitGone(browser, "interaction-form");
  await click(browser, "tab-complaints");
  await click(browser, "new-complaint");
  await fill(browser, "complaint-subject", "利息到账延迟");
  await click(browser, "complaint-save");
  await waitGone(browser, "complaint-form");

  await click(browser, "tab-overview");
  await waitForText(browser, "next-step", /寄送续约合同/, "the next step is the follow-up just logged");
  assert.match(await attrOf(browser, "next-step-day", "class"), /follow-up-overdue/, "yesterday's follow-up is overdue, in red");
  await waitForText(browser, "open-complaints", /未结投诉\s*1[\s\S]*利息到账延迟/, "the open complaint just logged");
  // The search results beside the page ("lilei") move with it: the row's next follow-up is
  // the one just logged, overdue (the change names interactions, not the customer).
  const rowFollowUp = () =>
    browser.execute(() => {
      const row = [...document.querySelectorAll('[data-testid="customer-row"]')].find((r) => r.textContent?.includes("李雷"));
      return row?.querySelector('[data-testid="next-follow-up"]')?.className ?? "";
    });
  await waitUntilValue(browser, rowFollowUp, (c) => /follow-up-overdue/.test(c), "the search results' row shows the new follow-up, overdue");
  await screenshot(browser, "overview-next-step");
  await click(browser, "open-complaints");
  await waitUntilValue(browser, () => valueOf(browser, "complaint-subject"), (v) => v === "利息到账延迟", "the complaint opens from the overview");
  await browser.keys("Escape");
  await waitGone(browser, "complaint-form");
});

test("at 1024x700 with the customer open, the list's New customer button is whole (its icon, named)", async () => {
  await screenshot(browser, "story-overview-1280-zh");
  // At 1280 with the customer open, the list's last column (next follow-up) ends inside its pane.
  const followUpInside = () =>
    browser.execute(() => {
      const cell = document.querySelector('[data-testid="customer-row"] [data-testid="next-follow-up"]');
      const pane = cell?.closest(".list-pane");
      if (!cell || !pane) return null;
      return cell.getBoundingClientRect().right <= pane.getBoundingClientRect().right + 0.5;
    });
  await waitUntilValue(browser, followUpInside, (inside) => inside === true, "the next follow-up cell ends inside the list pane at 1280");
  await browser.setWindowSize(1024, 700);
  const fits = () =>
    browser.execute(() => {
      const button = document.querySelector('[data-testid="new-customer"]');
      const pane = button?.closest(".list-pane");
      if (!button || !pane) return null;
      const b = button.getBoundingClientRect();
      const p = pane.getBoundingClientRect();
      return { inside: b.left >= p.left && b.right <= p.right + 0.5, whole: button.scrollWidth <= button.clientWidth, name: button.getAttribute("aria-label") };
    });
  await waitUntilValue(browser, fits, (f) => f?.inside && f.whole, "the button sits whole inside the list pane");
  assert.equal((await fits()).name, "新建客户", "named for screen readers and on hover");
  await screenshot(browser, "story-overview-1024-zh");
  await browser.setWindowSize(1280, 800);
});
