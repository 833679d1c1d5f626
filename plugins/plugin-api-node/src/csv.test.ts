import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('admin, viewer')).toBe('"admin, viewer"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
  ])('neutralises %j so a spreadsheet does not run it', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes rows with CRLF line ends', () => {
    expect(
      toCsv([
        ['user', 'roles'],
        ['user:default/dev', 'developer, viewer'],
      ]),
    ).toBe('user,roles\r\nuser:default/dev,"developer, viewer"\r\n');
  });
});
