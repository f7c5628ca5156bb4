// A day on the road (issue #14), third part, on the real window: the customer form names every
// invalid field at once; the import screen's native "Choose file…" dialog opens (closed again
// with its Cancel button through xdotool) and a file dragged from a GTK window (real XDND, the
// X pointer moved by xdotool) and dropped on the window is read; the done screen opens
// the list narrowed to the imported customers; the month view in Chinese at 1024x700 draws
// only whole chips with "+N"; the overview shows the tier once. Screenshots of each screen at
// 1280x800 and 1024x700 in English and Chinese.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  attrOf,
  click,
  exists,
  fill,
  newDataDir,
  openApp,
  screenshot,
  setLanguage,
  startDriver,
  stopDriver,
  texts,
  valueOf,
  waitForText,
  waitGone,
  waitShown,
  waitUntilValue,
} from "./app.mjs";

const dataDir = newDataDir();
let browser;

/** Eight people born on the 15th of this month (chips for the month view) and one namesake. */
const thisMonth = new Date().toISOString().slice(5, 7);
const CSV = join(mkdtempSync(join(tmpdir(), "fieldbook-road-")), "客户名单.csv");
const PEOPLE = ["张伟", "王秀英", "李建国", "刘晓东", "陈子涵", "杨雨桐", "赵浩然", "黄欣怡"];
writeFileSync(
  CSV,
  ["姓名,手机,生日", ...PEOPLE.map((n, i) => `${n},1390000${String(1000 + i)},198${i}-${thisMonth}-15`), "老朋友,13800138000,"].join("\n"),
);

before(async () => {
  await startDriver({ dataDir, lang: "en_US.UTF-8" });
  browser = await openApp({ screen: "customers" });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  await stopDriver();
});

/** The current screen at both window sizes. */
async function shots(name, lang) {
  await browser.setWindowSize(1280, 800);
  await screenshot(browser, `${name}-1280-${lang}`);
  await browser.setWindowSize(1024, 700);
  await screenshot(browser, `${name}-1024-${lang}`);
  await browser.setWindowSize(1280, 800);
}

/** Pick `lang` in the top bar's select, again if a re-render (a window resize) swallowed it. */
const language = (lang) => setLanguage(browser, lang);

/** An X window's position and size on the screen. */
function windowGeometry(id) {
  const shell = execFileSync("xdotool", ["getwindowgeometry", "--shell", id], { encoding: "utf8" });
  const at = (key) => Number(new RegExp(`^${key}=(\\d+)$`, "m").exec(shell)?.[1] ?? 0);
  return { x: at("X"), y: at("Y"), width: at("WIDTH"), height: at("HEIGHT") };
}

/** X windows whose title contains `title` (the native dialog is its own toplevel window). */
function windowsNamed(title) {
  try {
    // Only mapped windows: GTK hides a closed dialog rather than destroying it.
    return execFileSync("xdotool", ["search", "--onlyvisible", "--name", title], { encoding: "utf8" }).split("\n").filter(Boolean);
  } catch {
    return []; // xdotool exits 1 when nothing matches
  }
}

/** Every chip, lunar label and +N of the month grid: inside its day, whole, not overlapping. */
function monthLayout() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="month-day"]')].flatMap((cell) => {
      const box = cell.getBoundingClientRect();
      const parts = [...cell.querySelectorAll('[data-testid="month-chip"], [data-testid="month-lunar"], [data-testid="month-more"]')];
      return parts.map((el, i) => {
        const r = el.getBoundingClientRect();
        const next = parts[i + 1]?.getBoundingClientRect();
        return {
          date: cell.dataset.date,
          text: el.textContent,
          inside: r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5,
          whole: el.scrollHeight <= el.clientHeight + 1 && r.height >= 16 && r.right <= box.right + 0.5,
          overlaps: next ? next.top < r.bottom - 0.5 : false,
        };
      });
    }),
  );
}

/** The month layout once nothing in it is cut, squeezed or overlapping (fails with the last one seen). */
async function settledMonth(message) {
  let layout = [];
  await waitUntilValue(
    browser,
    async () => {
      layout = await monthLayout();
      return layout.filter((p) => !p.inside || !p.whole || p.overlaps);
    },
    (bad) => bad.length === 0,
    message,
  );
  return layout;
}

test("the customer form shows every invalid field at once on the first save", async () => {
  await click(browser, "new-customer");
  await waitShown(browser, "customer-form");
  await fill(browser, "field-phone-0", "call me");
  await fill(browser, "field-email-0", "li@");
  await click(browser, "save-customer");
  await waitShown(browser, '[data-testid="field-error-name"]');
  for (const field of ["phones[0]", "emails[0]"]) await waitShown(browser, `[data-testid="field-error-${field}"]`);
  for (const id of ["field-name", "field-phone-0", "field-email-0"]) {
    assert.equal(await attrOf(browser, id, "aria-invalid"), "true", `${id} is marked invalid in the same save`);
  }
  await shots("form-errors", "en");
  await language("zh-CN");
  await waitForText(browser, '[data-testid="field-error-name"]', /\S/, "the name error in Chinese");
  await shots("form-errors", "zh");
  await language("en");
  // Fixed: the customer is saved and appears in the list.
  await fill(browser, "field-name", "Old Friend");
  await fill(browser, "field-phone-0", "13800138000");
  await fill(browser, "field-email-0", "old@example.com");
  await click(browser, "save-customer");
  await waitGone(browser, "customer-form");
  await waitForText(browser, "customer-row", /Old Friend/, "the fixed customer is saved");
});

test("Choose file… opens the native open dialog, and Cancel leaves the typed path as it was", async () => {
  await click(browser, "nav-import");
  await fill(browser, "import-path", "/typed/by/hand.csv");
  // The typed path is the screen's state before the dialog opens (a failure here is the form,
  // not the dialog).
  await waitUntilValue(browser, () => valueOf(browser, "import-path"), (v) => v === "/typed/by/hand.csv", "the typed path is kept");
  await click(browser, "import-choose");
  const title = "Fieldbook: choose a file to import";
  await waitUntilValue(browser, async () => windowsNamed(title), (w) => w.length > 0, "the native open dialog is shown", 15000);
  const [dialog] = windowsNamed(title);
  // Xvfb has no window manager to give the dialog the keyboard: press its Cancel button (GTK
  // puts it at the bottom right, left of Open) with the mouse, as a user would, once the dialog
  // has its final size (GTK may map it before it lays out its buttons).
  let last = "";
  const { width, height } = await waitUntilValue(
    browser,
    async () => {
      const now = windowGeometry(dialog);
      const [before, seen] = [last, JSON.stringify(now)];
      last = seen;
      return before === seen ? now : null;
    },
    (g) => g !== null,
    "the dialog keeps its size",
  );
  execFileSync("xdotool", ["mousemove", "--window", dialog, String(width - 140), String(height - 26), "click", "1"]);
  await waitUntilValue(browser, async () => windowsNamed(title), (w) => w.length === 0, "Cancel closes the dialog", 15000);
  assert.equal(await valueOf(browser, "import-path"), "/typed/by/hand.csv", "a cancelled dialog keeps the typed path");
});

test("a file dragged from the desktop and dropped on the window fills the path and is read", async () => {
  // A real drag: a GTK window offers the CSV as a file (as Files does) and the X pointer drags
  // it onto the app, so it goes through XDND, WebKitGTK and Tauri's drop handler.
  const [left, top, width, height] = await browser.execute(() => [window.screenX, window.screenY, window.innerWidth, window.innerHeight]);
  const source = spawn("/usr/bin/python3", [join(import.meta.dirname, "drag-source.py"), CSV, String(left + width - 200), String(top + height - 120)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  // What the drag source has reported so far, a line per step (see drag-source.py).
  const said = [];
  source.stdout.setEncoding("utf8").on("data", (chunk) => said.push(...chunk.split("\n").filter(Boolean)));
  const waitSaid = (ok, message) => waitUntilValue(browser, async () => [...said], ok, message, 15000);
  try {
    await waitSaid((lines) => lines.includes("ready"), "the drag source starts");
    await waitUntilValue(browser, async () => windowsNamed("fieldbook-drag-source"), (w) => w.length > 0, "the drag source window is shown", 15000);
    const [id] = windowsNamed("fieldbook-drag-source");
    const from = windowGeometry(id);
    const [fromX, fromY] = [from.x + from.width / 2, from.y + from.height / 2];
    const [toX, toY] = [left + 400, top + 300];
    // Press on the file, move past GTK's drag threshold and across to the import screen.
    const path = [0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 1].map((f) => [Math.round(fromX + (toX - fromX) * f), Math.round(fromY + (toY - fromY) * f)]);
    execFileSync("xdotool", ["mousemove", "--sync", String(fromX), String(fromY), "mousedown", "1"]);
    for (const [x, y] of path) execFileSync("xdotool", ["mousemove", "--sync", String(x), String(y)]);
    // Release only once the app has answered that it takes the file: GTK cancels a drop
    // released before the target's answer arrives (as on a busy machine).
    await waitSaid((lines) => /^target [1-9]/.test(lines.findLast((l) => l.startsWith("target ")) ?? ""), "the app accepts the dragged file");
    execFileSync("xdotool", ["mouseup", "1"]);
    await waitSaid((lines) => lines.includes("drag-end"), "the drag ends");
    await waitUntilValue(browser, () => valueOf(browser, "import-path"), (v) => v === CSV, `the dropped file's path is filled in (the drag: ${said.join(", ")})`, 15000);
  } finally {
    source.kill();
  }
  await waitShown(browser, "import-preview");
  await waitForText(browser, "import-dry-run-created", /^\s*8\s*$/, "the eight new people; 老朋友 is Old Friend's phone: skipped");
  await shots("import-file", "en");
  await language("zh-CN");
  await shots("import-file", "zh");
  await language("en");
});

test("the done screen opens the list narrowed to the customers just imported", async () => {
  await click(browser, "import-run");
  await waitShown(browser, "import-show-imported", 20000);
  await shots("import-done", "en");
  await language("zh-CN");
  await shots("import-done", "zh");
  await language("en");
  await click(browser, "import-show-imported");
  await waitShown(browser, "imported-view");
  await waitUntilValue(browser, () => texts(browser, "customer-row"), (rows) => rows.length === 8, "the eight imported customers only");
  const rows = (await texts(browser, "customer-row")).join(" ");
  for (const name of PEOPLE) assert.ok(rows.includes(name), `${name} is listed`);
  assert.ok(!rows.includes("Old Friend"), "the customer added by hand is not among the imported");
  await shots("imported-list", "en");
  await language("zh-CN");
  await shots("imported-list", "zh");
  await language("en");
  await click(browser, "imported-view-clear");
  await waitForText(browser, "customer-row", /Old Friend/, "Show everyone lists the whole book again");
});

test("the customer overview shows the tier once", async () => {
  await click(browser, "customer-row", { text: /Old Friend/ });
  await waitShown(browser, "customer-detail");
  await waitShown(browser, "classification");
  const own = await browser.execute(
    () => [...document.querySelectorAll('[data-testid="customer-detail"] .tier')].filter((b) => !b.closest('[data-testid="suggested-tier"]')).length,
  );
  assert.ok(own <= 1, `the customer's tier is shown at most once (${own})`);
  await click(browser, "quick-log");
  await waitShown(browser, "interaction-follow-up");
  assert.equal(await attrOf(browser, "interaction-follow-up", "placeholder"), "Not set · mm/dd/yyyy", "an empty date says so, in the English format");
  await shots("interaction-dates", "en");
  await language("zh-CN");
  await waitUntilValue(browser, () => attrOf(browser, "interaction-follow-up", "placeholder"), (p) => p === "未设置 · 年/月/日", "and in the Chinese format");
  // The desktop is in English (en_US): a date still reads in the UI's language, which the
  // engine's own date box (drawn in the desktop's locale) did not do.
  await fill(browser, "interaction-follow-up", "2026/12/25");
  await click(browser, "interaction-summary");
  await waitUntilValue(browser, () => valueOf(browser, "interaction-follow-up"), (v) => v === "2026/12/25", "a date in the Chinese shape");
  await shots("interaction-dates-set", "zh");
  await language("en");
  await waitUntilValue(browser, () => valueOf(browser, "interaction-follow-up"), (v) => v === "12/25/2026", "the same date in the English shape");
  await shots("interaction-dates-set", "en");
  // Esc on the half-typed quick log asks before the typing is thrown away.
  await browser.keys(["Escape"]);
  await waitForText(browser, '[role="alertdialog"]', /Discard your changes\?/, "Esc asks first");
  assert.ok(await exists(browser, "interaction-form"), "the form stays while the question is asked");
  await click(browser, "confirm-ok");
  await waitGone(browser, "interaction-form");
});

test("export offers the save dialog beside the path; the scope select shows its whole text", async () => {
  await click(browser, "nav-data");
  await waitShown(browser, "export-choose");
  const cut = await browser.execute(() => {
    const s = document.querySelector('[data-testid="export-scope"]');
    const text = s.options[s.selectedIndex].text;
    const probe = document.createElement("span");
    probe.style.cssText = `font:${getComputedStyle(s).font};white-space:nowrap;position:absolute`;
    probe.textContent = text;
    document.body.append(probe);
    const need = probe.getBoundingClientRect().width;
    probe.remove();
    // The text box is the select less its padding and the drop-down arrow.
    const style = getComputedStyle(s);
    return { need: need + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 20, have: s.clientWidth };
  });
  assert.ok(cut.have >= cut.need, `the scope select fits "All customers (not the Trash)" (${JSON.stringify(cut)})`);
  await shots("export", "en");
  await language("zh-CN");
  await shots("export", "zh");
  await language("en");
  // A second record with Old Friend's phone, typed by hand: the finder groups the two.
  await click(browser, "nav-customers");
  await click(browser, "new-customer");
  await fill(browser, "field-name", "Old Friend (work)");
  await fill(browser, "field-phone-0", "138 0013 8000");
  await click(browser, "save-customer");
  await waitGone(browser, "customer-form");
  await click(browser, "nav-data");
  await click(browser, "data-tab-duplicates");
  await waitShown(browser, "dup-group");
  assert.deepEqual(await texts(browser, "dup-orders"), ["0", "0"], "each record shows its order count");
  await shots("duplicates", "en");
  await language("zh-CN");
  await shots("duplicates", "zh");
  await language("en");
});

test("month view in Chinese at 1024x700: whole chips, whole lunar labels, +N opens the day", async () => {
  await language("zh-CN");
  await click(browser, "nav-agenda");
  await click(browser, "agenda-view-month");
  await waitShown(browser, "month");
  await browser.setWindowSize(1024, 700);
  const day15 = `${new Date().getFullYear()}-${thisMonth}-15`;
  await waitShown(browser, `[data-date="${day15}"] [data-testid="month-more"]`, 15000);
  // The cells re-measure after the resize (ResizeObserver): wait for the settled layout.
  const layout = await settledMonth("no chip, lunar label or +N is cut, squeezed or overlapping");
  await screenshot(browser, "month-1024-zh");
  const chipsOn15 = layout.filter((p) => p.date === day15 && /^\S+$/.test(p.text) && PEOPLE.includes(p.text)).length;
  assert.ok(
    chipsOn15 >= 1 && chipsOn15 < 8,
    `the 15th shows some whole chips (${chipsOn15}) and "+N" for the rest: ${JSON.stringify(layout.filter((p) => p.date === day15))}`,
  );
  await click(browser, `[data-date="${day15}"] [data-testid="month-more"]`);
  await waitUntilValue(
    browser,
    () => texts(browser, '[data-testid="month-day-panel"] [data-testid="agenda-item"]'),
    (items) => PEOPLE.every((n) => items.join(" ").includes(n)),
    "+N opens the day with every birthday in the side panel",
  );
  await browser.setWindowSize(1280, 800);
  await screenshot(browser, "month-1280-zh");
  await language("en");
  await browser.setWindowSize(1024, 700);
  await waitForText(browser, `[data-date="${day15}"] [data-testid="month-more"]`, /^\+\d+$/, "the +N in English");
  await settledMonth("in English too (festival names such as Winter Solstice take two lines)");
  await shots("month", "en");
});
