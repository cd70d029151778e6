import { describe, expect, it } from 'vitest';
import { cleanPastedHtml } from './paste-cleaner';

// Shaped like what Word 365 for Windows puts on the clipboard (trimmed of its long <style> block).
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0cm;} --></style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]--></head>
<body lang=EN-GB style='tab-interval:36.0pt'>
<!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:14.0pt;font-family:"Calibri",sans-serif;mso-bidi-font-family:Arial'>Quarterly update<o:p></o:p></span></b></p>
<p class=MsoNormal><span style='mso-fareast-language:EN-US'>Revenue is <i>up</i> and <span style='color:#C00000'>costs</span> are down.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>First point<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Sub point<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Second point<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Call the bank<o:p></o:p></p>
<p class=MsoNormal>See <a href="https://example.com/report">the report</a> and <a href="file:///C:/Users/ann/secret.docx">my file</a>.<o:p></o:p></p>
<p class=MsoNormal><!--[if gte vml 1]><v:shape id="Picture_x0020_1" style='width:100pt'><v:imagedata src="file:///C:/Users/ann/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png" o:title=""/></v:shape><![endif]--><![if !vml]><img width=133 height=100 src="file:///C:/Users/ann/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png" v:shapes="Picture_x0020_1"><![endif]><o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr style='mso-yfti-irow:0'><td width=301 valign=top style='width:225.4pt'><p class=MsoNormal><b>Region<o:p></o:p></b></p></td><td width=301 valign=top><p class=MsoNormal><b>Sales<o:p></o:p></b></p></td></tr>
<tr><td><p class=MsoNormal>North<o:p></o:p></p></td><td><p class=MsoNormal>120<o:p></o:p></p></td></tr>
</table>
<!--EndFragment-->
</body></html>`;

// Shaped like Google Docs' clipboard HTML: everything inside a <b id="docs-internal-guid-…"> wrapper,
// emphasis expressed as inline styles on spans.
const DOCS = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-8a1b2c3d-7fff-1234-5678-9abcdef01234"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:700;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Agenda</span></p><br /><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:italic;text-decoration:none;">Budget</span></p></li><li dir="ltr" aria-level="1"><p dir="ltr" role="presentation"><span style="font-weight:400;text-decoration:underline;-webkit-text-decoration-skip:none;">Hiring</span><span style="color:#1155cc;"> </span><a href="https://docs.google.com/x" style="text-decoration:none;"><span style="color:#1155cc;text-decoration:underline;">link</span></a></p></li></ul><p dir="ltr" style="line-height:1.38;text-align:center;margin-top:0pt;"><span style="color:#ff0000;font-weight:400;">Centered red</span></p><h2 dir="ltr"><span style="font-size:16pt;">Notes</span></h2><p><img src="https://lh7-us.googleusercontent.com/abc" width="200" height="100" style="margin-left:0px"></p></b><br class="Apple-interchange-newline">`;

describe('cleanPastedHtml — Word', () => {
  const out = cleanPastedHtml(WORD);

  it('drops Office XML, conditional comments, mso styles, classes and fonts', () => {
    expect(out).not.toMatch(/mso-|o:p|<o:|<v:|<xml|\[if|endif|class=|font-family|Calibri|<style|<meta|lang=/i);
  });

  it('keeps paragraphs, bold, italic and colour', () => {
    expect(out).toContain('<p><b>Quarterly update</b></p>');
    expect(out).toContain('<p>Revenue is <i>up</i> and <span style="color: #C00000">costs</span> are down.</p>');
  });

  it('turns Word list paragraphs into real nested lists without the bullet glyphs', () => {
    expect(out).toContain('<ul><li><p>First point</p><ul><li><p>Sub point</p></li></ul></li><li><p>Second point</p></li></ul>');
    expect(out).toContain('<ol><li><p>Call the bank</p></li></ol>');
    expect(out).not.toContain('·');
  });

  it('keeps web links and unlinks local file links; drops local images', () => {
    expect(out).toContain('<a href="https://example.com/report">the report</a>');
    expect(out).toContain('and my file.');
    expect(out).not.toMatch(/file:|<img/);
  });

  it('flattens a table into one paragraph per row', () => {
    expect(out).toContain('<p><b>Region</b> | <b>Sales</b></p><p>North | 120</p>');
    expect(out).not.toMatch(/<t(able|r|d)/);
  });
});

describe('cleanPastedHtml — Google Docs', () => {
  const out = cleanPastedHtml(DOCS);

  it('unwraps the docs-internal-guid wrapper (which would otherwise make everything "bold")', () => {
    expect(out).not.toMatch(/docs-internal-guid|font-weight|<meta|Apple-interchange/);
  });

  it('turns styled spans into real marks and drops layout styles', () => {
    expect(out).toContain('<p><strong>Agenda</strong></p>');
    expect(out).toContain('<em>Budget</em>');
    expect(out).toContain('<u>Hiring</u>');
    expect(out).toMatch(/<a href="https:\/\/docs.google.com\/x"><span style="color: #1155cc"><u>link<\/u><\/span><\/a>/);
    expect(out).not.toMatch(/line-height|margin|font-size|white-space|dir=|aria-level|role=/);
  });

  it('keeps lists, alignment and colour; headings become bold paragraphs', () => {
    expect(out).toMatch(/<ul><li><p><em>Budget<\/em><\/p><\/li><li><p>/);
    expect(out).toContain('<p style="text-align: center"><span style="color: #ff0000">Centered red</span></p>');
    expect(out).toContain('<p><strong>Notes</strong></p>');
  });

  it('keeps web images with their width and nothing else', () => {
    expect(out).toContain('<img src="https://lh7-us.googleusercontent.com/abc" width="200">');
  });
});

describe('cleanPastedHtml — hostile or odd input', () => {
  it('removes scripts, event handlers, javascript: links, forms and data: images', () => {
    const out = cleanPastedHtml(
      '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">click</a><img src="data:image/png;base64,AA" onerror="y()"></p><form action="https://evil"><input value="pw"></form><svg><use href="#x"/></svg>',
    );
    expect(out).toBe('<p>Hiclick</p>');
  });

  it('turns <pre> into code lines and <font color> into a colour span', () => {
    expect(cleanPastedHtml('<pre>a &lt; b\n  c</pre>')).toBe('<p><code>a &lt; b</code><br><code>  c</code></p>');
    expect(cleanPastedHtml('<font color="#ff0000" face="Arial">red</font>')).toBe('<span style="color: #ff0000">red</span>');
  });

  it('keeps an image copied inside the editor (blob: with its content id)', () => {
    expect(cleanPastedHtml('<img src="blob:http://x/1" data-content-id="img-1@x" data-uploading="">')).toBe(
      '<img src="blob:http://x/1" data-content-id="img-1@x">',
    );
  });
});

describe('cleanPastedHtml — copied inside the editor', () => {
  it('leaves ProseMirror clipboard HTML alone so partial list/quote copies keep their shape', () => {
    const internal = '<ul data-pm-slice="3 3 []"><li><p>one</p></li><li><p>two</p></li></ul>';
    expect(cleanPastedHtml(internal)).toBe(internal);
  });
});

describe('cleanPastedHtml — text direction', () => {
  it('keeps a right-to-left block set by attribute (Word) or by style (web pages); left-to-right is left to the letters', () => {
    const out = cleanPastedHtml('<p dir=RTL class=MsoNormal>Hello</p><div style="direction: rtl; font-size: 9pt">Web</div><p dir="ltr">Docs</p><p dir="sideways">Odd</p><span dir="rtl">inline</span>');
    expect(out).toContain('<p dir="rtl">Hello</p>');
    expect(out).toContain('<div dir="rtl">Web</div>');
    expect(out).toContain('<p>Docs</p>');
    expect(out).toContain('<p>Odd</p>');
    expect(out).not.toContain('<span dir');
  });
});
