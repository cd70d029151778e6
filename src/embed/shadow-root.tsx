import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { StyleSinkContext, type StyleSink } from '../compose/ui/style-sink';
import { embeddedCss, scopeRem } from './scoped-css';

export interface ShadowRootProps {
  /** Classes of the root inside the shadow (`mc-embed-root` is always there). */
  className?: string;
  /** Custom properties (`--mc-*`) on the root inside the shadow. */
  style?: Record<string, string>;
  lang?: string;
  /** Writing direction of the window (`rtl` for Arabic); the host's own direction is left alone. */
  dir?: 'ltr' | 'rtl';
  children: ReactNode;
}

/**
 * Renders its children inside an open shadow root attached to a `<div>` of its own, with the compose
 * CSS injected there: the host's selectors cannot reach the window and ours cannot reach the host.
 * Everything the window renders — `<dialog>`s opened with `showModal()`, popovers, toasts — is a
 * descendant, so it stays inside too. (Open, not closed: assistive tech and test tools see into it.)
 */
export function ShadowRoot({ className, style, lang, dir, children }: ShadowRootProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const [sink, setSink] = useState<StyleSink | null>(null);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // StrictMode runs this twice on one element, and a host cannot get a second shadow root.
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    let root = [...shadow.children].find((child): child is HTMLElement => child instanceof HTMLElement && child.classList.contains('mc-embed-root')) ?? null;
    if (!root) {
      const { base, components } = embeddedCss();
      root = document.createElement('div');
      root.className = 'mc-embed-root';
      shadow.append(styleElement(base, 'base'), styleElement(components, 'components'), root);
    }
    setContainer(root);
    setSink(() => shadowStyleSink(shadow));
  }, []);

  useLayoutEffect(() => {
    if (!container) return;
    container.setAttribute('class', ['mc-embed-root', className].filter(Boolean).join(' '));
    if (lang) container.setAttribute('lang', lang);
    else container.removeAttribute('lang');
    if (dir) container.setAttribute('dir', dir);
    else container.removeAttribute('dir');
    const applied = Object.entries(style ?? {});
    for (const [name, value] of applied) container.style.setProperty(name, value);
    return () => {
      for (const [name] of applied) container.style.removeProperty(name);
    };
  }, [container, className, style, lang, dir]);

  return (
    <div ref={hostRef} data-mailbox-compose="" style={HOST_STYLE}>
      {container && sink && createPortal(<StyleSinkContext.Provider value={sink}>{children}</StyleSinkContext.Provider>, container)}
    </div>
  );
}

function styleElement(cssText: string, id: string): HTMLStyleElement {
  const sheet = document.createElement('style');
  sheet.dataset['mcStyle'] = id;
  sheet.textContent = cssText;
  return sheet;
}

/**
 * A lazy part's stylesheet goes into this shadow root, once, where it would have been among the
 * up-front CSS: a library's defaults between the base and the component sheets (so the same rules
 * win as when all the CSS came up front), our own rules after every sheet.
 */
function shadowStyleSink(shadow: globalThis.ShadowRoot): StyleSink {
  return (id, cssText, layer) => {
    const sheets = [...shadow.children].filter((child): child is HTMLStyleElement => child instanceof HTMLStyleElement);
    if (sheets.some((sheet) => sheet.dataset['mcStyle'] === id)) return;
    const before =
      layer === 'library'
        ? (sheets.find((sheet) => sheet.dataset['mcStyle'] === 'components') ?? shadow.firstChild)
        : ([...shadow.children].find((child) => !(child instanceof HTMLStyleElement)) ?? null);
    shadow.insertBefore(styleElement(scopeRem(cssText), id), before);
  };
}

const HOST_STYLE: CSSProperties = { display: 'block' };
