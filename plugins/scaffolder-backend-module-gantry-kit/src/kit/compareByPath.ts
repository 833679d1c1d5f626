/** Orders by path in code-point order, as git lists a change set (not by locale). */
export function compareByPath(a: { path: string }, b: { path: string }) {
  if (a.path === b.path) return 0;
  return a.path < b.path ? -1 : 1;
}
