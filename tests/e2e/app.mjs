// Starts the real Fieldbook binary under tauri-driver (WebKitWebDriver) with a private data
// folder, and gives tests a WebdriverIO session. Run inside xvfb-run + dbus-run-session
// (scripts/test does this).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";

const APP = process.env.FIELDBOOK_APP;
const ARTIFACTS = process.env.ARTIFACTS ?? join(process.cwd(), "artifacts");
if (!APP) throw new Error("FIELDBOOK_APP must name the app binary (scripts/test sets it)");

let driver;

/**
 * Start tauri-driver and wait until it accepts connections. tauri-driver ignores an `env` in
 * `tauri:options`, but the app inherits the driver's environment: so each test file starts
 * its own driver with its own data folder (`FIELDBOOK_DATA_DIR`) and desktop language.
 */
export async function startDriver({ dataDir, lang = "en_US.UTF-8" }) {
  driver = spawn("tauri-driver", ["--port", "4444", "--native-port", "4445"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, FIELDBOOK_DATA_DIR: dataDir, LANG: lang, LANGUAGE: lang.split(".")[0], LC_ALL: lang },
  });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch("http://127.0.0.1:4444/status");
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error("tauri-driver did not start on port 4444");
}

export async function stopDriver() {
  if (!driver || driver.exitCode !== null) return;
  const exited = new Promise((resolve) => driver.once("exit", resolve));
  driver.kill();
  await exited; // the next test file reuses port 4444
}

/** A fresh data folder (a new, empty book) unless one is given, so tests start clean. */
export function newDataDir() {
  return mkdtempSync(join(tmpdir(), "fieldbook-e2e-"));
}

/**
 * Open the app window (on the data folder and language the driver was started with). The app
 * starts on the agenda (today's work); `screen` ("customers" …) goes on to that sidebar screen
 * for tests about it.
 */
export async function openApp({ screen } = {}) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: {
      browserName: "wry",
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: APP },
    },
  });
  await browser.$('[data-testid="sidebar-title"]').waitForExist({ timeout: 20000 });
  if (screen) {
    await browser.$(`[data-testid="nav-${screen}"]`).click();
    await browser.$(`[data-testid="nav-${screen}"][aria-current="page"]`).waitForExist({ timeout: 5000 });
  }
  return browser;
}

export async function screenshot(browser, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Let WebKit paint what the test just waited for: two animation frames.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(join(ARTIFACTS, `${name}.png`));
}

export const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);
export const allByTestId = (browser, id) => browser.$$(`[data-testid="${id}"]`);

/**
 * Put `value` into an input, textarea or select the way a user's edit reaches React (native
 * value setter + input/change events). WebKitWebDriver under Xvfb drops Shift when it
 * synthesizes keys ("+" arrives as "=", "@" as "2") and cannot click <option>s, so typing
 * through it would test the driver, not the app.
 */
export async function fill(browser, testId, value) {
  const el = await browser.$(`[data-testid="${testId}"]`);
  await el.waitForDisplayed({ timeout: 5000 });
  await browser.execute(
    (node, v) => {
      const proto = Object.getPrototypeOf(node);
      Object.getOwnPropertyDescriptor(proto, "value").set.call(node, v);
      node.dispatchEvent(new Event("input", { bubbles: true }));
      node.dispatchEvent(new Event("change", { bubbles: true }));
    },
    el,
    value,
  );
  return el;
}

/**
 * The text of every element with this test id, read inside the page at one instant: a
 * re-render between a lookup and a read can never hand the test a stale element.
 */
export function texts(browser, id) {
  return browser.execute(
    (testId) => [...document.querySelectorAll(`[data-testid="${testId}"]`)].map((el) => el.textContent ?? ""),
    id,
  );
}

/** Wait until an element with this test id has text matching `pattern`. */
export async function waitForText(browser, id, pattern, message, timeout = 15000) {
  await browser.waitUntil(async () => (await texts(browser, id)).some((t) => pattern.test(t)), {
    timeout,
    timeoutMsg: `${message}; ${id}: ${JSON.stringify(await texts(browser, id))}`,
  });
}

/** Click, inside the page, the first element with this test id whose text matches. */
export async function clickText(browser, id, pattern) {
  await browser.waitUntil(
    () =>
      browser.execute(
        (testId, source) => {
          const re = new RegExp(source);
          const el = [...document.querySelectorAll(`[data-testid="${testId}"]`)].find((e) => re.test(e.textContent ?? ""));
          el?.click();
          return Boolean(el);
        },
        id,
        pattern.source,
      ),
    { timeout: 10000, timeoutMsg: `no ${id} matching ${pattern}` },
  );
}
