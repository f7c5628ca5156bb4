// Segments, the stale-data view, bulk edit and handover on the real app window: filter the
// list, save the filter as a segment, use a stale-data preset, bulk-set a tier, and hand two
// customers over to a new owner, then read the handover in a customer's timeline.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { allByTestId, byTestId, fill, newDataDir, openApp, screenshot, startDriver, stopDriver } from "./app.mjs";

let browser;

before(async () => {
  await startDriver({ dataDir: newDataDir(), lang: "en_US.UTF-8" });
  browser = await openApp({ screen: "customers" });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

async function rowNames() {
  try {
    const rows = await allByTestId(browser, "customer-row");
    const out = [];
    // getText() is empty for the virtualized (transformed) rows in WebKitWebDriver.
    for (const r of rows) out.push(await r.getProperty("textContent"));
    return out.sort();
  } catch (e) {
    // The list re-rendered under us: report nothing this time, the caller polls again.
    if (/stale/i.test(String(e?.message ?? e))) return [];
    throw e;
  }
}

async function waitForRows(expected, message) {
  await browser.waitUntil(
    async () => {
      const names = await rowNames();
      return names.length === expected.length && expected.every((n, i) => names[i].includes(n));
    },
    { timeout: 5000, timeoutMsg: `${message}; rows: ${JSON.stringify(await rowNames())}` },
  );
}

/**
 * Click an element by test id. The list re-renders as filters apply and toasts come and go,
 * so a lookup can hit a node being replaced (stale) or a click can land on a passing overlay
 * (intercepted): both are retried, with a fresh lookup, for up to 5 s.
 */
async function click(id) {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      const el = await byTestId(browser, id);
      await el.waitForDisplayed({ timeout: 5000 });
      await el.click();
      return;
    } catch (e) {
      if (Date.now() > deadline || !/stale|intercepted/i.test(String(e?.message ?? e))) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Text of an element by test id, looked up afresh (see `click`). */
async function textOf(id) {
  try {
    return await (await byTestId(browser, id)).getProperty("textContent");
  } catch (e) {
    if (/stale/i.test(String(e?.message ?? e))) return "";
    throw e;
  }
}

/** Open the filter builder unless it is open already (the toggle would close it). */
async function openFilter() {
  if (!(await (await byTestId(browser, "filter-panel")).isExisting())) await click("filter-toggle");
  await (await byTestId(browser, "filter-panel")).waitForDisplayed({ timeout: 5000 });
}

async function addCustomer({ name, tier, owner, phone }) {
  await click("new-customer");
  await fill(browser, "field-name", name);
  if (tier) await fill(browser, "field-tier", tier);
  if (owner) await fill(browser, "field-owner", owner);
  if (phone) await fill(browser, "field-phone-0", phone);
  await click("save-customer");
  // Re-query each time: the detail re-renders after the save, which makes a held element stale.
  await browser.waitUntil(async () => (await (await byTestId(browser, "detail-name")).getProperty("textContent")) === name, {
    timeout: 5000,
    timeoutMsg: `the new customer ${name} is shown`,
  });
}

test("three customers to work with", async () => {
  await addCustomer({ name: "Zhang San", tier: "VIP", owner: "Wang", phone: "+86 138 0013 8000" });
  await addCustomer({ name: "Li Si", tier: "A", owner: "Wang" });
  await addCustomer({ name: "Wang Wu", tier: "C" });
  await waitForRows(["Li Si", "Wang Wu", "Zhang San"], "the list shows every customer");
});

test("the filter builder narrows the list, and the filter saves as a segment", async () => {
  await openFilter();
  await click("filter-tiers-VIP");
  await click("filter-apply");
  await waitForRows(["Zhang San"], "only the VIP customer matches tier = VIP");
  assert.match(await textOf("customer-count"), /1 customer/);

  await click("segment-save");
  await fill(browser, "segment-name", "VIP customers");
  await click("segment-save-confirm");
  await (await byTestId(browser, "segment-name-dialog")).waitForExist({ reverse: true, timeout: 5000 });
  await browser.waitUntil(async () => (await textOf("segment-select")).includes("VIP customers"), {
    timeout: 5000,
    timeoutMsg: "the saved segment is listed in the segment picker",
  });
  await screenshot(browser, "segment-saved");

  await fill(browser, "segment-select", "");
  await waitForRows(["Li Si", "Wang Wu", "Zhang San"], "'All customers' shows the whole book again");
});

test("the stale-data preset finds customers without a phone or an email", async () => {
  await openFilter();
  await click("preset-missingContact");
  await waitForRows(["Li Si", "Wang Wu"], "customers with neither phone nor email are stale");
  await screenshot(browser, "stale-data");
  await click("filter-clear");
  await waitForRows(["Li Si", "Wang Wu", "Zhang San"], "clearing the filter shows everyone");
  await click("filter-close");
});

test("bulk edit sets the tier of every checked customer", async () => {
  await click("select-all");
  await browser.waitUntil(async () => /3 selected/.test(await textOf("bulk-count")), {
    timeout: 5000,
    timeoutMsg: "the header checkbox selects all three customers",
  });
  await fill(browser, "bulk-tier", "B");
  await click("bulk-tier-apply");
  // Read inside the page: a handle to the bar goes stale as the bar leaves.
  await browser.waitUntil(() => browser.execute(() => !document.querySelector('[data-testid="bulk-bar"]')), {
    timeout: 5000,
    timeoutMsg: "the bulk bar closes after the edit",
  });
  await openFilter();
  await click("filter-tiers-B");
  await click("filter-apply");
  await waitForRows(["Li Si", "Wang Wu", "Zhang San"], "all three customers are tier B now");
  await click("filter-clear");
  await click("filter-close");
});

test("handover moves Wang's customers to Zhao and the timeline records it", async () => {
  await click("select-all");
  await click("bulk-handover");
  const dialog = await byTestId(browser, "handover-dialog");
  await dialog.waitForDisplayed({ timeout: 5000 });
  const from = await byTestId(browser, "handover-from");
  await browser.waitUntil(async () => (await from.getProperty("value")) === "Wang", {
    timeout: 5000,
    timeoutMsg: "the From owner defaults to the only owner, Wang",
  });
  await fill(browser, "handover-to", "Zhao");
  await screenshot(browser, "handover");
  await click("handover-submit");
  await dialog.waitForExist({ reverse: true, timeout: 5000 });
  // Earlier toasts may still be on screen: look for this one among them.
  await browser.waitUntil(
    async () => {
      try {
        for (const toast of await allByTestId(browser, "toast")) {
          if (/2 handed over to Zhao; 1 left/.test(await toast.getProperty("textContent"))) return true;
        }
      } catch (e) {
        if (!/stale/i.test(String(e?.message ?? e))) throw e; // a toast left as we read it
      }
      return false;
    },
    { timeout: 5000, timeoutMsg: "the toast says two customers moved and one (not Wang's) stayed" },
  );

  const rows = await allByTestId(browser, "customer-row");
  for (const r of rows) {
    if ((await r.getProperty("textContent")).includes("Li Si")) await r.click();
  }
  await browser.waitUntil(async () => (await (await byTestId(browser, "detail-name")).getProperty("textContent")) === "Li Si", {
    timeout: 5000,
    timeoutMsg: "Li Si's page is open",
  });
  await click("tab-timeline");
  const timeline = await byTestId(browser, "timeline");
  await timeline.waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(
    async () => {
      const text = await timeline.getProperty("textContent");
      return /Wang/.test(text) && /Zhao/.test(text);
    },
    { timeout: 5000, timeoutMsg: "Li Si's timeline shows the owner change Wang → Zhao" },
  );
});
