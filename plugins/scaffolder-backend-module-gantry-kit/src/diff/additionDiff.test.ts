import { additionDiff, changeSetDiff } from './additionDiff';

describe('additionDiff', () => {
  it('adds every line of a file that ends in a newline', () => {
    expect(
      additionDiff({ path: 'plugins/x/a.ts', content: 'one\ntwo\n' }),
    ).toBe(
      [
        'diff --git a/plugins/x/a.ts b/plugins/x/a.ts',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/plugins/x/a.ts',
        '@@ -0,0 +1,2 @@',
        '+one',
        '+two',
        '',
      ].join('\n'),
    );
  });

  it('marks a file without a final newline, and counts one line as git does', () => {
    expect(additionDiff({ path: 'p.json', content: '{}' })).toBe(
      [
        'diff --git a/p.json b/p.json',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/p.json',
        '@@ -0,0 +1 @@',
        '+{}',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
  });

  it('keeps blank lines, and gives an empty file no hunk', () => {
    expect(additionDiff({ path: 'b', content: '\n\nx\n' })).toContain(
      '@@ -0,0 +1,3 @@\n+\n+\n+x\n',
    );
    expect(additionDiff({ path: 'empty', content: '' })).toBe(
      'diff --git a/empty b/empty\nnew file mode 100644\n',
    );
  });

  it('orders a change set by path', () => {
    const diff = changeSetDiff([
      { path: 'b', content: 'b\n' },
      { path: 'a', content: 'a\n' },
    ]);
    expect(diff.indexOf('+++ b/a')).toBeLessThan(diff.indexOf('+++ b/b'));
  });
});
