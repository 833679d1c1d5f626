import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { Portal, startPortal } from '../support/portal';

// yarn bench:pages: each top-level page's time to first meaningful content in Chromium, from a
// cold load (a new browser context: empty HTTP cache, signed in through its stored session)
// and from in-app navigation (the page's first visit in a session that loaded Home), right
// after Home shows and once Home has settled. Timed on the page's own clock. Prints tables of
// medians; asserts nothing, since a number on a busy machine proves little.
const REPEATS = Number(process.env.GANTRY_BENCH_PAGES_REPEATS ?? 3);
/**
 * GANTRY_BENCH_CPU_SLOWDOWN=2 runs each measured page with its main thread slowed down that
 * many times (DevTools' CPU throttling), to see how the pages fare on a slower machine than
 * this one. The backend is not slowed.
 */
const CPU_SLOWDOWN = Number(process.env.GANTRY_BENCH_CPU_SLOWDOWN ?? 1);
const USER = 'ada'; // the admin sees every page
const PORT = 7207;

/**
 * A page is "meaningful" once its header title is there, no progress indicator is showing,
 * and the text that only real content has is on the screen.
 */
type PageSpec = { name: string; path: string; shows: RegExp };

const pages: PageSpec[] = [
  { name: 'Home', path: '/', shows: /Waiting for my approval/ },
  {
    name: 'Catalog',
    path: '/catalog',
    shows: /the internal developer platform/,
  },
  { name: 'Create', path: '/create', shows: /Request an S3 bucket/ },
  {
    name: 'Approvals',
    path: '/approvals',
    shows: /Waiting for my approval|Nothing waiting for you/,
  },
  {
    name: 'Infrastructure',
    path: '/infra',
    shows: /My requests|You have not requested any infrastructure yet/,
  },
  {
    name: 'Notifications',
    path: '/notifications',
    shows: /No records to display|Mark all/,
  },
  { name: 'Search', path: '/search?query=payments', shows: /payments-api/ },
  { name: 'Access', path: '/rbac', shows: /developer/ },
  { name: 'Audit', path: '/audit', shows: /entity-fetch|auth-login/ },
  { name: 'Settings', path: '/settings', shows: /Profile/ },
];

/** GANTRY_BENCH_PAGES_ONLY=Create,Catalog times only those pages. */
const ONLY = process.env.GANTRY_BENCH_PAGES_ONLY?.split(',').map(name =>
  name.trim(),
);
const timedPages = ONLY ? pages.filter(p => ONLY.includes(p.name)) : pages;

const TIMEOUT_MS = 30_000;

/** How long the network must stay quiet before a page counts as settled. */
const QUIET_MS = 1000;

declare global {
  interface Window {
    /**
     * Resolves with the milliseconds from `t0` (the page's own clock) to the first animation
     * frame in which the page shows first meaningful content: a visible header title, no
     * visible progress indicator, and `source` matching the main content's text, all of a
     * page shown since the last gantryForgetPage.
     */
    gantryMeaningful(source: string, t0: number): Promise<number>;
    /** Makes the probe ignore the page on screen now, before navigating away from it. */
    gantryForgetPage(): void;
  }
}

/** Marks the elements of the page on screen now, which the probe then no longer counts. */
const PREVIOUS = 'data-bench-previous';

/** Installed in every page before its scripts run (see Window.gantryMeaningful). */
function installMeaningfulProbe(options: { timeoutMs: number; mark: string }) {
  const current = (selector: string) =>
    Array.from(document.querySelectorAll(selector)).filter(
      el => !el.hasAttribute(options.mark),
    );
  window.gantryForgetPage = () => {
    for (const el of document.querySelectorAll('header h1, main')) {
      el.setAttribute(options.mark, '');
    }
  };
  window.gantryMeaningful = (source, t0) =>
    new Promise((resolve, reject) => {
      const pattern = new RegExp(source);
      const visible = (el: Element) => {
        const box = (el as HTMLElement).getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      };
      const meaningful = () =>
        current('header h1').some(visible) &&
        !Array.from(document.querySelectorAll('[role="progressbar"]')).some(
          visible,
        ) &&
        current('main').some(main => pattern.test(main.textContent ?? ''));
      const deadline = performance.now() + options.timeoutMs;
      const frame = () => {
        if (meaningful()) {
          resolve(performance.now() - t0);
        } else if (performance.now() > deadline) {
          reject(new Error(`no ${pattern} within ${options.timeoutMs} ms`));
        } else {
          requestAnimationFrame(frame);
        }
      };
      frame();
    });
}

/** A time from the page's own clock and the same time as this process saw it. */
type Timing = { page: number; harness: number };
const FAILED: Timing = { page: Infinity, harness: Infinity };

/** Times `what`, which resolves with the page's own measurement; FAILED (and why) when none came. */
async function timed(
  spec: PageSpec,
  page: Page,
  what: () => Promise<number>,
): Promise<Timing> {
  const t0 = performance.now();
  try {
    const inPage = await what();
    return { page: inPage, harness: performance.now() - t0 };
  } catch (error) {
    const headers = await page.locator('header h1').allTextContents();
    const progress = await page.locator('[role="progressbar"]').count();
    // eslint-disable-next-line no-console
    console.warn(
      `${spec.name} (${page.url()}): no ${
        spec.shows
      } with headers ${JSON.stringify(
        headers,
      )} and ${progress} progress indicators: ${(error as Error).message}`,
    );
    return FAILED;
  }
}

/** Waits until the page has had no request in flight for QUIET_MS (at most 15 s). */
async function networkQuiet(page: Page) {
  let inFlight = 0;
  let lastActivity = performance.now();
  const started = () => {
    inFlight++;
    lastActivity = performance.now();
  };
  const ended = () => {
    inFlight--;
    lastActivity = performance.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    const deadline = performance.now() + 15_000;
    while (performance.now() < deadline) {
      if (inFlight <= 0 && performance.now() - lastActivity >= QUIET_MS) {
        return;
      }
      await page.waitForTimeout(100);
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.floor(sorted.length / 2)];
  return Number.isFinite(value)
    ? String(Math.round(value))
    : `> ${TIMEOUT_MS / 1000} s`;
};

/** Waits for a page's first meaningful content, without timing it. */
async function shown(page: Page, spec: PageSpec) {
  await page.evaluate(
    source => window.gantryMeaningful(source, 0),
    spec.shows.source,
  );
}

describe('page load benchmark', () => {
  let portal: Portal;
  let browser: Browser;
  let session: Awaited<ReturnType<BrowserContext['storageState']>>;

  beforeAll(async () => {
    portal = await startPortal({
      extraConfig: join(__dirname, 'app-config.bench.yaml'),
      port: PORT,
    });
    browser = await launchBrowser();
    // Sign in once; each measured context starts from this stored session.
    const context = await browser.newContext({ baseURL: portal.baseUrl });
    await context.addInitScript(installMeaningfulProbe, {
      timeoutMs: TIMEOUT_MS,
      mark: PREVIOUS,
    });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: `Sign in as ${USER}` }).click();
    await page.locator('header h1').first().waitFor();
    session = await context.storageState();
    // One untimed pass, so that the backend's first-request costs (catalog warm-up, the
    // permission policy's first group read) are not counted against the first page.
    for (const spec of pages) {
      await page.goto(spec.path);
      await timed(spec, page, () => shown(page, spec).then(() => 0));
    }
    await context.close();
  }, 10 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  async function fresh() {
    const context = await browser.newContext({
      baseURL: portal.baseUrl,
      storageState: session,
    });
    await context.addInitScript(installMeaningfulProbe, {
      timeoutMs: TIMEOUT_MS,
      mark: PREVIOUS,
    });
    const page = await context.newPage();
    if (CPU_SLOWDOWN !== 1) {
      const devtools = await context.newCDPSession(page);
      await devtools.send('Emulation.setCPUThrottlingRate', {
        rate: CPU_SLOWDOWN,
      });
    }
    return { context, page };
  }

  /** From a cold load: a new context, so an empty HTTP cache, with the stored session. */
  async function cold(spec: PageSpec): Promise<Timing> {
    const { context, page } = await fresh();
    try {
      return await timed(spec, page, async () => {
        await page.goto(spec.path, { waitUntil: 'commit' });
        // The page's clock starts with the navigation.
        return page.evaluate(
          source => window.gantryMeaningful(source, 0),
          spec.shows.source,
        );
      });
    } finally {
      await context.close();
    }
  }

  /**
   * The page's first visit in a session that loaded Home (Catalog, for Home itself), navigated
   * to as a sidebar link does: a history push that React Router follows. `settle` first waits
   * for the start page's network to go quiet, as it has by the time a user clicks.
   */
  async function inApp(spec: PageSpec, settle: boolean): Promise<Timing> {
    const { context, page } = await fresh();
    try {
      const start =
        spec.path === '/' ? pages.find(p => p.name === 'Catalog')! : pages[0];
      await page.goto(start.path);
      await shown(page, start);
      if (settle) {
        await networkQuiet(page);
      }
      return await timed(spec, page, () =>
        page.evaluate(
          ([path, source]) => {
            // Home's own text can match the next page's ("Waiting for my approval").
            window.gantryForgetPage();
            const t0 = performance.now();
            window.history.pushState({}, '', path);
            window.dispatchEvent(new PopStateEvent('popstate'));
            return window.gantryMeaningful(source, t0);
          },
          [spec.path, spec.shows.source],
        ),
      );
    } finally {
      await context.close();
    }
  }

  it(
    'prints time to first meaningful content, cold and in-app',
    async () => {
      const pageClock: string[] = [];
      const harnessClock: string[] = [];
      for (const spec of timedPages) {
        const runs = { cold: [], inApp: [], settled: [] } as Record<
          'cold' | 'inApp' | 'settled',
          Timing[]
        >;
        for (let i = 0; i < REPEATS; i++) {
          runs.cold.push(await cold(spec));
          runs.inApp.push(await inApp(spec, false));
          runs.settled.push(await inApp(spec, true));
        }
        const column = (timings: Timing[], clock: keyof Timing) =>
          median(timings.map(t => t[clock])).padStart(8);
        const name = `| ${spec.name.padEnd(14)} | ${spec.path.padEnd(22)} |`;
        pageClock.push(
          `${name} ${column(runs.cold, 'page')} | ${column(
            runs.inApp,
            'page',
          )} | ${column(runs.settled, 'page')} |`,
        );
        harnessClock.push(
          `${name} ${column(runs.cold, 'harness')} | ${column(
            runs.inApp,
            'harness',
          )} | ${column(runs.settled, 'harness')} |`,
        );
      }
      const header = [
        `| page           | path                   |     cold |   in-app | settled  |`,
        `|----------------|------------------------|---------:|---------:|---------:|`,
      ];
      // eslint-disable-next-line no-console
      console.log(
        [
          `bench:pages as ${USER}, median of ${REPEATS}, milliseconds to first meaningful content${
            CPU_SLOWDOWN === 1
              ? ''
              : `, the browser's CPU slowed down ${CPU_SLOWDOWN} times`
          }.`,
          `The page's own clock: from the navigation's start (cold) or the history push (in-app)`,
          `to the animation frame that shows the content. "in-app" navigates as soon as Home shows;`,
          `"settled" once Home's network has been quiet for ${QUIET_MS} ms, as when a user clicks.`,
          ...header,
          ...pageClock,
          '',
          `The same loads on this process's clock (the clock of bench:pages tables before 2026-11-29), which`,
          `adds the DevTools protocol's round trips and polling to each:`,
          ...header,
          ...harnessClock,
        ].join('\n'),
      );
    },
    60 * 60_000,
  );
});
