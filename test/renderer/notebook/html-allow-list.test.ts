// text/html outputs: only allow-listed elements and attributes survive, scripts and handlers never reach the page.
import { describe, expect, it } from 'vitest';
import { allowListedHtml, decodeEntities } from '../../../renderer/src/notebook/html-allow-list';

describe('allowListedHtml', () => {
  it('keeps tables and text formatting', () => {
    expect(allowListedHtml('<table border="1" class="dataframe"><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan="2">1 &lt; 2</td></tr></tbody></table>')).toEqual([
      { tag: 'table', attributes: [], children: [
        { tag: 'thead', attributes: [], children: [{ tag: 'tr', attributes: [], children: [{ tag: 'th', attributes: [], children: ['a'] }] }] },
        { tag: 'tbody', attributes: [], children: [{ tag: 'tr', attributes: [], children: [{ tag: 'td', attributes: [['colspan', '2']], children: ['1 < 2'] }] }] },
      ] },
    ]);
  });

  it('drops scripts, styles, SVG and frames with their content, and every event handler', () => {
    expect(allowListedHtml('<b onclick="x()">bold</b><script>alert("<b>")</script><style>b{}</style><svg><script>1</script></svg><iframe src="https://x"></iframe>after')).toEqual([
      { tag: 'b', attributes: [], children: ['bold'] },
      'after',
    ]);
  });

  it('keeps only http(s) and mailto links, opening outside, and only data: images', () => {
    expect(allowListedHtml('<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:x">b</a><a href="https://mirage.io">c</a>')).toEqual([
      { tag: 'a', attributes: [], children: ['a'] },
      { tag: 'a', attributes: [], children: ['b'] },
      { tag: 'a', attributes: [['href', 'https://mirage.io'], ['target', '_blank'], ['rel', 'noopener noreferrer']], children: ['c'] },
    ]);
    expect(allowListedHtml('<img src="x" onerror="alert(1)" alt="chart"><img src="data:image/png;base64,AAAA" alt="ok">')).toEqual([
      '[image: chart]',
      { tag: 'img', attributes: [['src', 'data:image/png;base64,AAAA'], ['alt', 'ok']], children: [] },
    ]);
    expect(allowListedHtml('<img src="data:image/svg+xml;base64,AAAA">')).toEqual(['[image]']);
  });

  it('unwraps unknown elements, closes what was left open, and reads broken markup as text', () => {
    expect(allowListedHtml('<font color=red>red <i>it</font> end <b>x')).toEqual([
      'red ', { tag: 'i', attributes: [], children: ['it'] }, ' end ', { tag: 'b', attributes: [], children: ['x'] },
    ]);
    expect(allowListedHtml('a < b and <not a tag')).toEqual(['a < b and <not a tag']);
    expect(allowListedHtml('<!-- <script>x</script> -->ok<!DOCTYPE html>')).toEqual(['ok']);
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeEntities('&lt;&#65;&#x42;&amp;&unknown;&#0;')).toBe('<AB&&unknown;\ufffd');
  });
});
