/**
 * Runs the code most pages share: core-components' Table (material-table and date-fns), which
 * the catalog, Notifications and most of Gantry's own pages render, but no page of the first
 * bundle does. `webpackMode: "eager"` keeps it in the first bundle all the same (118 kB
 * gzipped), and the app calls this as it starts, so that no first visit to one of those pages
 * waits to download or run it.
 *
 * Measured with bench:pages, in-app right after Home (medians of 5, interleaved runs): the
 * catalog showed in 453-506 ms this way, against 597-624 ms with the table as a chunk of its
 * own, and 485-579 ms with it in the first bundle but run only when first needed. Cold Home
 * was not measurably slower.
 */
export function loadSharedPageCode(): Promise<unknown> {
  return import(/* webpackMode: "eager" */ './tableCode');
}
