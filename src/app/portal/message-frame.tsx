import { useRef } from 'react';

/**
 * Shows an already-sanitised message body isolated from the app: a sandboxed frame without
 * `allow-scripts` (nothing in the mail can run even if the sanitiser missed something), a CSP that
 * forbids every fetch except images the sanitiser left (blob: for inline parts; http(s) only once
 * the user chose "Show images"), and links that open in a new tab. `allow-same-origin` only lets
 * the app measure the height: with scripts off the frame cannot use it.
 */
export function MessageFrame({ html, allowRemoteImages, title }: { html: string; allowRemoteImages: boolean; title: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const imgSrc = allowRemoteImages ? 'blob: data: https: http:' : 'blob: data:';
  const doc = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${imgSrc}; style-src 'unsafe-inline'; font-src data:">
<style>body{margin:0;padding:8px;font:14px/1.5 system-ui,sans-serif;color:#1f2328;overflow-wrap:anywhere}img{max-width:100%;height:auto}blockquote{margin:0 0 0 .5em;padding-left:.75em;border-left:3px solid #d0d7de;color:#57606a}pre{white-space:pre-wrap}</style>
</head><body>${html}</body></html>`;

  const fit = () => {
    const frame = ref.current;
    const body = frame?.contentDocument?.body;
    if (!frame || !body) return;
    const resize = () => {
      frame.style.height = `${Math.max(body.scrollHeight, 60) + 16}px`;
    };
    resize();
    // Images load after the document: follow their size.
    new ResizeObserver(resize).observe(body);
  };

  return <iframe ref={ref} className="message-frame" title={title} sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" srcDoc={doc} onLoad={fit} />;
}
