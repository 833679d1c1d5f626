import { markdownFence } from './markdownFence';

describe('markdownFence', () => {
  it('fences text with three backticks', () => {
    expect(markdownFence('+a\n', 'diff')).toBe('```diff\n+a\n```');
  });

  it('uses a longer fence than any backtick run inside, so a README cannot close it', () => {
    expect(markdownFence('+```sh\n+yarn\n+```', 'diff')).toBe(
      '````diff\n+```sh\n+yarn\n+```\n````',
    );
  });
});
