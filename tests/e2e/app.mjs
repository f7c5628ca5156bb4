// Starts the real Fieldbook binary under tauri-driver (WebKitWebDriver) with a private data
// folder, and gives tests a WebdriverIO session. Run inside xvfb-run + dbus-run-session
// (scripts/test does this).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";

const APP = process.env.FIELDBOOK_APP;
const ARTIFACTS = process.env.ARTIFACTS ?? join(process.cwd(), "artifacts");
if (!APP) throw new Error("FIELDBOOK_APP must name the app binary (scripts/test sets it)");

let driver;
let driverDataDir;
let driverPort;

/** A port free on 127.0.0.1 right now: end-to-end runs in two checkouts must not share one. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start tauri-driver and wait until it accepts connections. tauri-driver ignores an `env` in
 * `tauri:options`, but the app inherits the driver's environment: so each test file starts
 * its own driver with its own data folder (`FIELDBOOK_DATA_DIR`) and desktop language.
 */
export async function startDriver({ dataDir, lang = "en_US.UTF-8" }) {
  driverDataDir = dataDir;
  driverPort = await freePort();
  const nativePort = await freePort();
  driver = spawn("tauri-driver", ["--port", String(driverPort), "--native-port", String(nativePort)], {
    // Its own process group, so stopDriver ends the driver, WebKitWebDriver and the app at once.
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, FIELDBOOK_DATA_DIR: dataDir, LANG: lang, LANGUAGE: lang.split(".")[0], LC_ALL: lang },
  });
  // Up to 30 s: on a machine busy with a build the driver can take a while to listen.
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${driverPort}/status`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error(`tauri-driver did not start on port ${driverPort} within 30 s`);
}

export async function stopDriver() {
  if (!driver) return;
  const stopping = driver;
  driver = null;
  // The whole group: tauri-driver, WebKitWebDriver and the app, so none outlives its file.
  await endAll(() => inGroup(stopping.pid));
  await endApps(driverDataDir);
}

/**
 * End the window session and wait until the app process has gone, before the next session
 * (a restart test) or the next file. A session delete does not always end the process; one
 * left running would keep the book open beside the next app and hold the test runner's
 * stderr open, so it is ended here.
 */
export async function closeApp(browser) {
  await browser.deleteSession().catch(() => {});
  await endApps(driverDataDir);
}

/** Pids of app processes running on `dataDir` (the driver and WebKitWebDriver share its env). */
function appsOn(dataDir) {
  const pids = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const exe = readlinkSync(`/proc/${name}/exe`);
      if (exe !== APP && !exe.startsWith(`${APP} `)) continue; // "… (deleted)" after a rebuild
      const env = readFileSync(`/proc/${name}/environ`, "latin1").split("\0");
      if (env.includes(`FIELDBOOK_DATA_DIR=${dataDir}`)) pids.push(Number(name));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

/** Pids of the processes in process group `pgid`. */
function inGroup(pgid) {
  const pids = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "latin1");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") pids.push(Number(name)); // a zombie holds no port
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** End the app processes on `dataDir`, giving them the chance to exit by themselves first. */
function endApps(dataDir) {
  return dataDir ? endAll(() => appsOn(dataDir), { politely: true }) : Promise.resolve();
}

/**
 * Wait until `pids()` is empty: (if `politely`, first without a signal), then after TERM, then
 * after KILL. Harness cleanup, not an assertion, so escalating after a bound is right here.
 */
async function endAll(pids, { politely = false } = {}) {
  for (const signal of politely ? [null, "SIGTERM", "SIGKILL"] : ["SIGTERM", "SIGKILL"]) {
    for (const pid of signal ? pids() : []) {
      try {
        process.kill(pid, signal);
      } catch {
        /* already gone */
      }
    }
    for (let i = 0; i < 50 && pids().length > 0; i++) await sleep(100);
    if (pids().length === 0) return;
  }
  throw new Error(`processes would not exit: ${pids().join(", ")}`);
}

/** YYYY-MM-DD of the local day `days` from today (the app's reminders are in local days). */
export function localDay(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A fresh data folder (a new, empty book) unless one is given, so tests start clean. */
export function newDataDir() {
  return mkdtempSync(join(tmpdir(), "fieldbook-e2e-"));
}

/**
 * Open the app window (on the data folder and language the driver was started with). The app
 * starts on the agenda (today's work); `screen` ("customers" …) goes on to that sidebar screen
 * for tests about it. `shows` names what the window must open on instead of the app (the
 * "lock-screen" of an encrypted book, the "damaged-screen"): then nothing is skipped.
 */
export async function openApp({ screen, shows } = {}) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: driverPort,
    logLevel: "warn",
    capabilities: {
      browserName: "wry",
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: APP },
    },
  });
  if (shows) {
    await waitShown(browser, shows, 20000);
    return browser;
  }
  await waitShown(browser, "sidebar-title", 20000);
  // A new book offers a passphrase in the same render as the sidebar: skip it, as a user may.
  if (await exists(browser, "first-start-passphrase")) {
    await click(browser, "first-skip");
    await waitGone(browser, "first-start-passphrase");
  }
  if (screen) {
    await click(browser, `nav-${screen}`);
    await waitShown(browser, `[data-testid="nav-${screen}"][aria-current="page"]`, 5000);
  }
  return browser;
}

export async function screenshot(browser, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Let WebKit paint what the test just waited for: two animation frames.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(join(ARTIFACTS, `${name}.png`));
}

/*
 * Everything below looks elements up INSIDE the page, in the same step as it reads or acts on
 * them, and retries until a condition holds. A test never holds an element across a re-render,
 * so "stale element" cannot happen (a held element failed the bulk-edit test once in 26 runs).
 * A target is a test id ("save-customer") or a CSS selector (anything with [ . # or a space).
 */
const selector = (target) => (/[[.# >:]/.test(target) ? target : `[data-testid="${target}"]`);

/** The first element of `target` (optionally whose text matches `text`), found in the page. */
function inPage(browser, target, text, action, arg) {
  return browser.execute(
    (sel, source, act, value) => {
      const re = source === null ? null : new RegExp(source);
      const all = [...document.querySelectorAll(sel)];
      const el = all.find((e) => e.getClientRects().length > 0 && (!re || re.test(e.textContent ?? "")));
      if (!el) return { found: false };
      if (act === "click") {
        if (el.disabled || el.getAttribute("aria-disabled") === "true") return { found: false };
        el.scrollIntoView({ block: "nearest" });
        el.click();
      } else if (act === "fill") {
        const proto = Object.getPrototypeOf(el);
        Object.getOwnPropertyDescriptor(proto, "value").set.call(el, value);
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }
      const attr = act === "attr" ? el.getAttribute(value) : null;
      return { found: true, text: el.textContent ?? "", value: "value" in el ? String(el.value) : null, attr };
    },
    selector(target),
    text ? text.source : null,
    action,
    arg ?? null,
  );
}

async function untilFound(browser, target, { text, action, arg, timeout = 10000 } = {}) {
  let last;
  await browser.waitUntil(
    async () => {
      last = await inPage(browser, target, text, action, arg);
      return last.found;
    },
    { timeout, timeoutMsg: `no visible${action === "click" ? ", enabled" : ""} ${target}${text ? ` matching ${text}` : ""}` },
  );
  return last;
}

/** Click the first visible, enabled element of `target` (whose text matches `text`, if given). */
export async function click(browser, target, { text, timeout } = {}) {
  await untilFound(browser, target, { text, action: "click", timeout });
}

/** Kept for the tests that say what they click by its text. */
export const clickText = (browser, target, text) => click(browser, target, { text });

/**
 * Put `value` into an input, textarea or select the way a user's edit reaches React (native
 * value setter + input/change events). WebKitWebDriver under Xvfb drops Shift when it
 * synthesizes keys ("+" arrives as "=", "@" as "2") and cannot click <option>s, so typing
 * through it would test the driver, not the app.
 */
export async function fill(browser, target, value, { timeout } = {}) {
  await untilFound(browser, target, { action: "fill", arg: value, timeout });
}

/** The text of the first visible element of `target`, or null when there is none. */
export async function textOf(browser, target) {
  const r = await inPage(browser, target, null, "read");
  return r.found ? r.text : null;
}

/** The value of the first visible input/select of `target`, or null when there is none. */
export async function valueOf(browser, target) {
  const r = await inPage(browser, target, null, "read");
  return r.found ? r.value : null;
}

/** An attribute of the first visible element of `target`, or null. */
export async function attrOf(browser, target, name) {
  const r = await inPage(browser, target, null, "attr", name);
  return r.found ? r.attr : null;
}

/** Whether an element of `target` is in the document at all (visible or not). */
export function exists(browser, target) {
  return browser.execute((sel) => document.querySelector(sel) !== null, selector(target));
}

/** Wait until `target` is shown. */
export async function waitShown(browser, target, timeout = 10000) {
  await untilFound(browser, target, { action: "read", timeout });
}

/** Wait until no element of `target` is in the document. */
export async function waitGone(browser, target, timeout = 10000) {
  await browser.waitUntil(async () => !(await exists(browser, target)), { timeout, timeoutMsg: `${target} is still there` });
}

/** Wait until `probe()` (an in-page read) satisfies `ok`, with the last value in the message. */
export async function waitUntilValue(browser, probe, ok, message, timeout = 10000) {
  let last;
  try {
    await browser.waitUntil(
      async () => {
        last = await probe();
        return ok(last);
      },
      { timeout, timeoutMsg: message },
    );
  } catch (e) {
    // The message is built when waiting ends, so it shows the value actually seen last.
    throw new Error(`${message}; last: ${JSON.stringify(last)}`, { cause: e });
  }
  return last;
}

/**
 * The text of every element of `target`, read inside the page at one instant: a re-render
 * between a lookup and a read can never hand the test a stale element.
 */
export function texts(browser, target) {
  return browser.execute((sel) => [...document.querySelectorAll(sel)].map((el) => el.textContent ?? ""), selector(target));
}

/** Wait until an element of `target` has text matching `pattern`. */
export async function waitForText(browser, target, pattern, message, timeout = 15000) {
  await waitUntilValue(browser, () => texts(browser, target), (all) => all.some((t) => pattern.test(t)), message, timeout);
}

/** Switch the UI language with the top bar's select and wait until the page says it is `lang`. */
export async function setLanguage(browser, lang) {
  await waitUntilValue(
    browser,
    async () => {
      const now = await attrOf(browser, "html[lang]", "lang");
      if (now !== lang) await fill(browser, "lang-select", lang);
      return now;
    },
    (v) => v === lang,
    `the UI switched to ${lang}`,
  );
}
