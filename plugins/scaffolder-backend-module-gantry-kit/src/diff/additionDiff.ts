import { compareByPath } from '../kit/compareByPath';

/** A new file of a change set; `path` is relative to the repository root, with `/`. */
export interface AddedFile {
  path: string;
  content: string;
}

/**
 * The unified diff that adds one file, as `git diff --no-index /dev/null <file>` prints it
 * (with the `a/` and `b/` names a change set shows): every line an addition, and the
 * "No newline" marker when the file does not end in one. An empty file has no hunk.
 */
export function additionDiff(file: AddedFile): string {
  const header = [
    `diff --git a/${file.path} b/${file.path}`,
    'new file mode 100644',
  ];
  if (file.content === '') {
    return `${header.join('\n')}\n`;
  }
  const endsWithNewline = file.content.endsWith('\n');
  const lines = (
    endsWithNewline ? file.content.slice(0, -1) : file.content
  ).split('\n');
  const hunk = [
    '--- /dev/null',
    `+++ b/${file.path}`,
    `@@ -0,0 +1${lines.length === 1 ? '' : `,${lines.length}`} @@`,
    ...lines.map(line => `+${line}`),
  ];
  if (!endsWithNewline) {
    hunk.push('\\ No newline at end of file');
  }
  return `${[...header, ...hunk].join('\n')}\n`;
}

/** The unified diff that adds every file, in path order. */
export function changeSetDiff(files: AddedFile[]): string {
  return [...files].sort(compareByPath).map(additionDiff).join('');
}
