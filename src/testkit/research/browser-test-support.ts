// Test and bench support (not part of the product): opens a report file in Debian's chromium through playwright-core, never a downloaded browser, and records what the page did.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export interface OpenedReport {
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors and uncaught page errors, in order. */
  readonly errors: string[];
  /** Every request the page made other than loading the report file itself. */
  readonly requests: string[];
  /** Wall-clock ms from navigation to the chart's first frame (HTML parse, base64, gunzip, decode, draw). */
  readonly loadMs: number;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Whether a browser test runs: without chromium it skips, except under CI (env `CI` set), where a skipped browser test would hide a broken setup. */
export function browserTestGate(available: boolean, env: Readonly<Record<string, string | undefined>>): { run: true } | { run: false; skip: string } | { run: false; fail: string } {
  if (available) return { run: true };
  if (env.CI !== undefined) return { run: false, fail: `${CHROMIUM} is missing and CI is set: install it (apt-get install -y chromium)` };
  return { run: false, skip: `${CHROMIUM} is missing: apt-get install -y chromium to run the browser test` };
}

/** Loads `file` and waits until the chart reports ready (or fails); the caller closes `browser`. */
export async function openReport(file: string, options: { width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<OpenedReport> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1360, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(file).href;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction('window.sxReport !== undefined && (window.sxReport.ready || window.sxReport.error !== null)', undefined, { timeout: 120_000 });
    const loadMs = performance.now() - t0;
    return { browser, page, errors, requests, loadMs };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
