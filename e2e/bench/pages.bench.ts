import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { Portal, startPortal } from '../support/portal';

// yarn bench:pages: each top-level page's time to first meaningful content in Chromium, from a
// cold load (a new browser context: empty HTTP cache, signed in through its stored session)
// and from in-app navigation (the page's first visit in a session that loaded Home). Prints a
// table of medians; asserts nothing, since a number on a busy machine proves little.
const REPEATS = Number(process.env.GANTRY_BENCH_PAGES_REPEATS ?? 3);
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

const TIMEOUT_MS = 30_000;

/** Waits for the page's first meaningful content; false (and why, on stderr) if none came. */
async function meaningful(page: Page, spec: PageSpec): Promise<boolean> {
  try {
    await waitForMeaningful(page, spec);
    return true;
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
    return false;
  }
}

async function waitForMeaningful(page: Page, spec: PageSpec) {
  await page.waitForFunction(
    source => {
      const visible = (el: Element) => {
        const box = (el as HTMLElement).getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      };
      if (!Array.from(document.querySelectorAll('header h1')).some(visible)) {
        return false;
      }
      if (
        Array.from(document.querySelectorAll('[role="progressbar"]')).some(
          visible,
        )
      ) {
        return false;
      }
      return new RegExp(source).test(
        (document.querySelector('main') ?? document.body).textContent ?? '',
      );
    },
    spec.shows.source,
    { polling: 'raf', timeout: TIMEOUT_MS },
  );
}

/** Milliseconds until `what` finds meaningful content, or Infinity when it never did. */
async function timed(what: () => Promise<boolean>) {
  const t0 = performance.now();
  return (await what()) ? performance.now() - t0 : Infinity;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.floor(sorted.length / 2)];
  return Number.isFinite(value)
    ? String(Math.round(value))
    : `> ${TIMEOUT_MS / 1000} s`;
};

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
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: `Sign in as ${USER}` }).click();
    await page.locator('header h1').first().waitFor();
    session = await context.storageState();
    // One untimed pass, so that the backend's first-request costs (catalog warm-up, the
    // permission policy's first group read) are not counted against the first page.
    for (const spec of pages) {
      await page.goto(spec.path);
      await meaningful(page, spec);
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
    return { context, page: await context.newPage() };
  }

  it(
    'prints time to first meaningful content, cold and in-app',
    async () => {
      const rows: string[] = [];
      for (const spec of pages) {
        const cold: number[] = [];
        const inApp: number[] = [];
        for (let i = 0; i < REPEATS; i++) {
          const a = await fresh();
          cold.push(
            await timed(async () => {
              await a.page.goto(spec.path, { waitUntil: 'commit' });
              return meaningful(a.page, spec);
            }),
          );
          await a.context.close();

          const b = await fresh();
          const start =
            spec.path === '/'
              ? pages.find(p => p.name === 'Catalog')!
              : pages[0];
          await b.page.goto(start.path);
          await meaningful(b.page, start);
          inApp.push(
            await timed(async () => {
              // What a sidebar link does: a history push that React Router follows.
              await b.page.evaluate(path => {
                window.history.pushState({}, '', path);
                window.dispatchEvent(new PopStateEvent('popstate'));
              }, spec.path);
              return meaningful(b.page, spec);
            }),
          );
          await b.context.close();
        }
        rows.push(
          `| ${spec.name.padEnd(14)} | ${spec.path.padEnd(22)} | ${median(
            cold,
          ).padStart(8)} | ${median(inApp).padStart(8)} |`,
        );
      }
      // eslint-disable-next-line no-console
      console.log(
        [
          `bench:pages as ${USER}, median of ${REPEATS}, milliseconds to first meaningful content`,
          `| page           | path                   |     cold |   in-app |`,
          `|----------------|------------------------|---------:|---------:|`,
          ...rows,
        ].join('\n'),
      );
    },
    60 * 60_000,
  );
});
