import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { emailDocument } from '../format/email-document';

const MIN_HEIGHT = 40;

/**
 * An email's HTML in a sandboxed frame: no `allow-scripts`, so nothing in it ever runs (and the
 * CSP says so again); `allow-same-origin` only so we can measure its height and size the frame
 * to its content; `allow-popups…` so its links open in a new tab. Its styles cannot touch the
 * app and the app's cannot touch it.
 */
export function EmailBody({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(MIN_HEIGHT);
  const srcDoc = useMemo(() => emailDocument(html), [html]);
  const observer = useRef<ResizeObserver | null>(null);

  const measure = useCallback(() => {
    const root = frame.current?.contentDocument?.documentElement;
    if (root) setHeight(Math.max(MIN_HEIGHT, Math.ceil(root.scrollHeight)));
  }, []);

  const handleLoad = () => {
    measure();
    observer.current?.disconnect();
    const body = frame.current?.contentDocument?.body;
    if (body && typeof ResizeObserver !== 'undefined') {
      // Images arriving later make the email taller.
      observer.current = new ResizeObserver(measure);
      observer.current.observe(body);
    }
  };

  useEffect(() => () => observer.current?.disconnect(), []);

  return (
    <iframe
      ref={frame}
      className="tp-email"
      title={title}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      style={{ height }}
      onLoad={handleLoad}
      data-testid="email-body"
    />
  );
}
