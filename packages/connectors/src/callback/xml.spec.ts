import { parseFlatXml } from './xml';

describe('parseFlatXml (WeCom event XML)', () => {
  it('reads CDATA, plain text with the predefined entities, empty and nested elements', () => {
    expect(
      parseFlatXml(
        '<?xml version="1.0" encoding="utf-8"?>\n<xml>\n <A><![CDATA[a <b> & c]]></A><B>1 &lt; 2 &amp;&amp; 3 &gt; 2</B><C/><D></D>' +
          '<SelectedItems><SelectedItem><QuestionKey><![CDATA[q]]></QuestionKey></SelectedItem></SelectedItems></xml>',
      ),
    ).toEqual({ A: 'a <b> & c', B: '1 < 2 && 3 > 2', C: '', D: '', SelectedItems: '<SelectedItem><QuestionKey><![CDATA[q]]></QuestionKey></SelectedItem>' });
  });

  it('refuses DTDs / entities (no XXE), non-<xml> roots and stray text', () => {
    expect(() => parseFlatXml('<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><A>&x;</A></xml>')).toThrow(/DTD/);
    expect(() => parseFlatXml('<root><A>1</A></root>')).toThrow(/not a <xml>/);
    expect(() => parseFlatXml('<xml>junk<A>1</A></xml>')).toThrow(/unexpected text/);
    expect(() => parseFlatXml('<xml><A>1</A><B>2</xml>')).toThrow(/trailing/);
  });
});
