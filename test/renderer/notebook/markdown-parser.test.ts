// Markdown cells: the syntax tree the notebook renders (raw HTML stays text, links and images keep their targets for checks).
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../../renderer/src/notebook/markdown-parser';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs, rules and fenced code', () => {
    expect(parseMarkdown('# Title\n\nSome *text* here.\nSecond line.\n\n---\n```ocaml\nlet x = 1\n```')).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Title' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Some ' }, { type: 'em', children: [{ type: 'text', text: 'text' }] }, { type: 'text', text: ' here.\nSecond line.' }] },
      { type: 'rule' },
      { type: 'code', language: 'ocaml', text: 'let x = 1' },
    ]);
  });

  it('reads nested lists, ordered lists with a start, and quotes', () => {
    expect(parseMarkdown('- one\n- two\n  - nested\n\n3. three\n4. four\n\n> quoted **bold**')).toEqual([
      {
        type: 'list', ordered: false, start: 1, items: [
          [{ type: 'paragraph', children: [{ type: 'text', text: 'one' }] }],
          [{ type: 'paragraph', children: [{ type: 'text', text: 'two' }] }, { type: 'list', ordered: false, start: 1, items: [[{ type: 'paragraph', children: [{ type: 'text', text: 'nested' }] }]] }],
        ],
      },
      { type: 'list', ordered: true, start: 3, items: [[{ type: 'paragraph', children: [{ type: 'text', text: 'three' }] }], [{ type: 'paragraph', children: [{ type: 'text', text: 'four' }] }]] },
      { type: 'quote', blocks: [{ type: 'paragraph', children: [{ type: 'text', text: 'quoted ' }, { type: 'strong', children: [{ type: 'text', text: 'bold' }] }] }] },
    ]);
  });

  it('reads GitHub tables with alignment', () => {
    expect(parseMarkdown('| a | b |\n|:--|--:|\n| `1` | 2 |')).toEqual([
      { type: 'table', align: ['left', 'right'], header: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b' }]], rows: [[[{ type: 'code', text: '1' }], [{ type: 'text', text: '2' }]]] },
    ]);
  });

  it('keeps raw HTML as plain text', () => {
    expect(parseMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(1)>' }] },
    ]);
  });
});

describe('parseInline', () => {
  it('reads code spans, links, images, autolinks and escapes', () => {
    expect(parseInline('Use `Lwt.t` from [Lwt](https://github.com/ocsigen/lwt "home") ![logo](attachment:logo.png) <https://mirage.io> \\*not em\\*')).toEqual([
      { type: 'text', text: 'Use ' },
      { type: 'code', text: 'Lwt.t' },
      { type: 'text', text: ' from ' },
      { type: 'link', href: 'https://github.com/ocsigen/lwt', children: [{ type: 'text', text: 'Lwt' }] },
      { type: 'text', text: ' ' },
      { type: 'image', src: 'attachment:logo.png', alt: 'logo' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://mirage.io', children: [{ type: 'text', text: 'https://mirage.io' }] },
      { type: 'text', text: ' *not em*' },
    ]);
  });

  it('leaves snake_case names and lone stars alone', () => {
    expect(parseInline('Lwt_unix.sleep and time_ns * 2')).toEqual([{ type: 'text', text: 'Lwt_unix.sleep and time_ns * 2' }]);
    expect(parseInline('__strong__ and _em_ and ~~gone~~')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'strong' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'em' }] },
      { type: 'text', text: ' and ' },
      { type: 'strike', children: [{ type: 'text', text: 'gone' }] },
    ]);
  });

  it('makes two trailing spaces a line break', () => {
    expect(parseInline('a  \nb')).toEqual([{ type: 'text', text: 'a' }, { type: 'break' }, { type: 'text', text: 'b' }]);
  });
});
