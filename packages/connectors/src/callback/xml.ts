/**
 * A tiny parser for the flat XML WeCom posts (`<xml><A><![CDATA[x]]></A><B>1</B>…</xml>`), nested
 * one level deep at most (e.g. `<SelectedItems>`, which we keep as raw text). No DTDs, no entities
 * beyond the five predefined ones, no external anything: a `<!DOCTYPE` or `<!ENTITY` is refused
 * outright, so there is nothing for XXE to use.
 */
export function parseFlatXml(xml: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY|<\?xml-stylesheet/i.test(xml)) throw new Error('XML with a DTD is not accepted');
  const body = xml.replace(/^\s*<\?xml[^>]*\?>/, '').trim();
  const root = /^<xml>([\s\S]*)<\/xml>$/.exec(body);
  if (!root) throw new Error('not a <xml> document');
  const out: Record<string, string> = {};
  const re = /<([A-Za-z_][\w.-]*)>([\s\S]*?)<\/\1>|<([A-Za-z_][\w.-]*)\s*\/>/g;
  let m: RegExpExecArray | null;
  let last = 0;
  const inner = root[1];
  while ((m = re.exec(inner)) !== null) {
    if (inner.slice(last, m.index).trim() !== '') throw new Error('unexpected text between elements');
    last = re.lastIndex;
    if (m[3]) {
      out[m[3]] = '';
      continue;
    }
    out[m[1]] = text(m[2]);
  }
  if (inner.slice(last).trim() !== '') throw new Error('unexpected trailing content');
  return out;
}

function text(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1];
  if (raw.includes('<')) return raw.trim(); // a nested element: kept raw
  return raw
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
