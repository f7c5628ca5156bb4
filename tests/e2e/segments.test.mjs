// Segments, the stale-data view, bulk edit and handover on the real app window: filter the
// list, save the filter as a segment, use a stale-data preset, bulk-set a tier, and hand two
// customers over to a new owner, then read the handover in a customer's timeline.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  click,
  exists,
  fill,
  newDataDir,
  openApp,
  screenshot,
  startDriver,
  stopDriver,
  textOf,
  texts,
  valueOf,
  waitForText,
  waitGone,
  waitShown,
  waitUntilValue,
} from "./app.mjs";

let browser;

before(async () => {
  await startDriver({ dataDir: newDataDir(), lang: "en_US.UTF-8" });
  browser = await openApp({ screen: "customers" });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

/** The list's rows, sorted, read in the page at one instant. */
const rowNames = async () => (await texts(browser, "customer-row")).sort();

async function waitForRows(expected, message) {
  await waitUntilValue(
    browser,
    rowNames,
    (names) => names.length === expected.length && expected.every((n, i) => names[i].includes(n)),
    message,
    5000,
  );
}

/** Open the filter builder unless it is open already (the toggle would close it). */
async function openFilter() {
  if (!(await exists(browser, "filter-panel"))) await click(browser, "filter-toggle");
  await waitShown(browser, "filter-panel");
}

async function addCustomer({ name, tier, owner, phone }) {
  await click(browser, "new-customer");
  await fill(browser, "field-name", name);
  if (tier) await fill(browser, "field-tier", tier);
  if (owner) await fill(browser, "field-owner", owner);
  if (phone) await fill(browser, "field-phone-0", phone);
  await click(browser, "save-customer");
  await waitUntilValue(browser, () => textOf(browser, "detail-name"), (t) => t === name, `the new customer ${name} is shown`);
}

test("three customers to work with", async () => {
  await addCustomer({ name: "Zhang San", tier: "VIP", owner: "Wang", phone: "+86 138 0013 8000" });
  await addCustomer({ name: "Li Si", tier: "A", owner: "Wang" });
  await addCustomer({ name: "Wang Wu", tier: "C" });
  await waitForRows(["Li Si", "Wang Wu", "Zhang San"], "the list shows every customer");
});

test("the filter builder narrows the list, and the filter saves as a segment", async () => {
  await openFilter();
  await click(browser, "filter-tiers-VIP");
  await click(browser, "filter-apply");
  await waitForRows(["Zhang San"], "only the VIP customer matches tier = VIP");
  await waitGone(browser, "filter-panel");
  assert.match(await textOf(browser, "customer-count"), /1 customer/);

  await click(browser, "segment-save");
  await fill(browser, "segment-name", "VIP customers");
  await click(browser, "segment-save-confirm");
  await waitGone(browser, "segment-name-dialog");
  await waitForText(browser, "segment-select", /VIP customers/, "the saved segment is listed in the segment picker");
  await screenshot(browser, "segment-saved");

  await fill(browser, "segment-select", "");
  await waitForRows(["Li Si", "Wang Wu", "Zhang San"], "'All customers' shows the whole book again");
});

test("the stale-data preset finds customers without a phone or an email", async () => {
  await openFilter();
  await click(browser, "preset-missingContact");
  await waitForRows(["Li Si", "Wang Wu"], "customers with neither phone nor email are stale");
  await screenshot(browser, "stale-data");
  await click(browser, "filter-clear");
  await waitForRows(["Li Si", "Wang Wu", "Zhang San"], "clearing the filter shows everyone");
  await click(browser, "filter-close");
});

test("bulk edit sets the tier of every checked customer", async () => {
  await click(browser, "select-all");
  await waitForText(browser, "bulk-count", /3 selected/, "the header checkbox selects all three customers");
  await fill(browser, "bulk-tier", "B");
  await click(browser, "bulk-tier-apply");
  await waitGone(browser, "bulk-bar");
  await openFilter();
  await click(browser, "filter-tiers-B");
  await click(browser, "filter-apply");
  await waitForRows(["Li Si", "Wang Wu", "Zhang San"], "all three customers are tier B now");
  await waitGone(browser, "filter-panel");
  await openFilter();
  await click(browser, "filter-clear");
  await click(browser, "filter-close");
});

test("handover moves Wang's customers to Zhao and the timeline records it", async () => {
  await click(browser, "select-all");
  await click(browser, "bulk-handover");
  await waitShown(browser, "handover-dialog");
  await waitUntilValue(browser, () => valueOf(browser, "handover-from"), (v) => v === "Wang", "the From owner defaults to the only owner, Wang");
  await fill(browser, "handover-to", "Zhao");
  await screenshot(browser, "handover");
  await click(browser, "handover-submit");
  await waitGone(browser, "handover-dialog");
  // Earlier toasts may still be on screen: look for this one among them.
  await waitForText(browser, "toast", /2 handed over to Zhao; 1 left/, "the toast says two customers moved and one (not Wang's) stayed");

  await click(browser, "customer-row", { text: /Li Si/ });
  await waitForText(browser, "detail-name", /^Li Si$/, "Li Si's page is open");
  await click(browser, "tab-timeline");
  await waitUntilValue(
    browser,
    () => textOf(browser, "timeline"),
    (text) => /Wang/.test(text ?? "") && /Zhao/.test(text ?? ""),
    "Li Si's timeline shows the owner change Wang → Zhao",
  );
});
