/**
 * Wraps text in a fenced code block whose fence is longer than any backtick run inside it, so
 * a file that holds its own code fences (a README) cannot end the block early.
 */
export function markdownFence(text: string, language: string): string {
  const longestRun = Math.max(
    0,
    ...[...text.matchAll(/`+/g)].map(match => match[0].length),
  );
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${language}\n${body}${fence}`;
}
