// The foundation, on the real app window: create a customer through the form, find it by
// pinyin initials, switch the language, delete it and restore it from the Trash.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { allByTestId, byTestId, fill, newDataDir, openApp, screenshot, startDriver, stopDriver } from "./app.mjs";

let browser;

before(async () => {
  await startDriver({ dataDir: newDataDir(), lang: "zh_CN.UTF-8" });
  browser = await openApp({ screen: "customers" });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

const typeInto = (id, text) => fill(browser, id, text);

async function rowNames(id = "customer-row") {
  const rows = await allByTestId(browser, id);
  const out = [];
  // getText() is empty for the virtualized (transformed) rows in WebKitWebDriver.
  for (const r of rows) out.push(await r.getProperty("textContent"));
  return out;
}

test("an empty book opens in Chinese when the OS locale is Chinese", async () => {
  const title = await (await byTestId(browser, "nav-customers")).getText();
  assert.match(title, /客户/, "the sidebar speaks Chinese for a zh_CN desktop");
});

test("an invalid email is refused with a message at the field and nothing is saved", async () => {
  await (await byTestId(browser, "new-customer")).click();
  await typeInto("field-name", "曾国藩");
  await typeInto("field-email-0", "not-an-email");
  await (await byTestId(browser, "save-customer")).click();
  const err = await byTestId(browser, "field-error-emails[0]");
  await err.waitForDisplayed({ timeout: 5000 });
  assert.ok((await err.getText()).length > 0, "the email field shows why it was refused");
  await screenshot(browser, "form-validation");
  await typeInto("field-email-0", "zeng@example.com");
  await typeInto("field-phone-0", "+86 138 0013 8000");
  await fill(browser, "field-tier", "VIP");
  await (await byTestId(browser, "save-customer")).click();
  const name = await byTestId(browser, "detail-name");
  await name.waitForDisplayed({ timeout: 5000 });
  assert.equal(await name.getText(), "曾国藩");
});

test("the customer is found by pinyin initials and by the last four phone digits", async () => {
  await typeInto("search-input", "zgf");
  await browser.waitUntil(async () => (await rowNames()).some((t) => t.includes("曾国藩")), {
    timeout: 5000,
    timeoutMsg: "searching 'zgf' must find 曾国藩 (曾 read as zeng)",
  });
  await typeInto("search-input", "8000");
  await browser.waitUntil(async () => (await rowNames()).some((t) => t.includes("曾国藩")), {
    timeout: 5000,
    timeoutMsg: "searching the phone suffix 8000 must find the customer",
  });
  await screenshot(browser, "search-pinyin");
});

test("switching the language to English changes the labels at once", async () => {
  await fill(browser, "lang-select", "en");
  await browser.waitUntil(async () => /Customers/.test(await (await byTestId(browser, "nav-customers")).getText()), {
    timeout: 5000,
    timeoutMsg: "the sidebar must read 'Customers' after switching to English",
  });
  assert.match(await (await byTestId(browser, "nav-trash")).getText(), /Trash/);
});

test("a deleted customer goes to the Trash and comes back on restore", async () => {
  await typeInto("search-input", "zengguofan");
  const row = await byTestId(browser, "customer-row");
  await row.waitForDisplayed({ timeout: 5000 });
  const id = await row.getAttribute("data-id");
  await row.click();
  await (await byTestId(browser, "delete-customer")).click();
  await typeInto("search-input", "zgf");
  await browser.waitUntil(async () => (await rowNames()).length === 0, {
    timeout: 5000,
    timeoutMsg: "a customer in the Trash must not appear in search",
  });

  await (await byTestId(browser, "nav-trash")).click();
  const trashRow = await browser.$(`[data-testid="trash-row"][data-id="${id}"]`);
  await trashRow.waitForDisplayed({ timeout: 5000 });
  await screenshot(browser, "trash");
  await (await trashRow.$('[data-testid="restore-customer"]')).click();
  await trashRow.waitForExist({ reverse: true, timeout: 5000 });

  await (await byTestId(browser, "nav-customers")).click();
  await typeInto("search-input", "zgf");
  await browser.waitUntil(async () => (await rowNames()).some((t) => t.includes("曾国藩")), {
    timeout: 5000,
    timeoutMsg: "the restored customer is searchable again",
  });
  await screenshot(browser, "restored");
});
