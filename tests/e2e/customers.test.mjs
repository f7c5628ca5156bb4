// The foundation, on the real app window: create a customer through the form, find it by
// pinyin initials, switch the language, delete it and restore it from the Trash.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  attrOf,
  click,
  fill,
  newDataDir,
  openApp,
  screenshot,
  startDriver,
  stopDriver,
  textOf,
  waitForText,
  waitGone,
  waitShown,
  waitUntilValue,
  texts,
} from "./app.mjs";

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

test("an empty book opens in Chinese when the OS locale is Chinese", async () => {
  assert.match(await textOf(browser, "nav-customers"), /客户/, "the sidebar speaks Chinese for a zh_CN desktop");
});

test("an invalid email is refused with a message at the field and nothing is saved", async () => {
  await click(browser, "new-customer");
  await typeInto("field-name", "曾国藩");
  await typeInto("field-email-0", "not-an-email");
  await click(browser, "save-customer");
  await waitForText(browser, '[data-testid="field-error-emails[0]"]', /./, "the email field shows why it was refused");
  await screenshot(browser, "form-validation");
  await typeInto("field-email-0", "zeng@example.com");
  await typeInto("field-phone-0", "+86 138 0013 8000");
  await fill(browser, "field-tier", "VIP");
  await click(browser, "save-customer");
  await waitForText(browser, "detail-name", /^曾国藩$/, "the saved customer's page opens");
});

test("the customer is found by pinyin initials and by the last four phone digits", async () => {
  await typeInto("search-input", "zgf");
  await waitForText(browser, "customer-row", /曾国藩/, "searching 'zgf' must find 曾国藩 (曾 read as zeng)", 5000);
  await typeInto("search-input", "8000");
  await waitForText(browser, "customer-row", /曾国藩/, "searching the phone suffix 8000 must find the customer", 5000);
  await screenshot(browser, "search-pinyin");
});

test("switching the language to English changes the labels at once", async () => {
  await fill(browser, "lang-select", "en");
  await waitForText(browser, "nav-customers", /Customers/, "the sidebar must read 'Customers' after switching to English", 5000);
  await waitForText(browser, "nav-trash", /Trash/, "every label switches, the Trash too", 5000);
});

test("a deleted customer goes to the Trash and comes back on restore", async () => {
  await typeInto("search-input", "zengguofan");
  await waitShown(browser, "customer-row");
  const id = await attrOf(browser, "customer-row", "data-id");
  await click(browser, "customer-row");
  await click(browser, "delete-customer");
  await typeInto("search-input", "zgf");
  await waitUntilValue(browser, () => texts(browser, "customer-row"), (rows) => rows.length === 0, "a customer in the Trash must not appear in search", 5000);

  await click(browser, "nav-trash");
  const trashRow = `[data-testid="trash-row"][data-id="${id}"]`;
  await waitShown(browser, trashRow);
  await screenshot(browser, "trash");
  await click(browser, `${trashRow} [data-testid="restore-customer"]`);
  await waitGone(browser, trashRow);

  await click(browser, "nav-customers");
  await typeInto("search-input", "zgf");
  await waitForText(browser, "customer-row", /曾国藩/, "the restored customer is searchable again", 5000);
  await screenshot(browser, "restored");
});
