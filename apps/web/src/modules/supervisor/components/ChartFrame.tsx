import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface ChartFrameProps {
  /** The chart's name for screen readers; the figures are also in the CSV and the tables. */
  label: string;
  height: number;
  children: (width: number) => ReactNode;
  testId?: string;
}

/** Width used until the frame is measured (and where nothing can be measured). */
const FALLBACK_WIDTH = 640;

/** A chart as wide as its column: the width is measured, and followed when the column resizes. */
export function ChartFrame({ label, height, children, testId }: ChartFrameProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const measure = () => setWidth(Math.max(240, Math.floor(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <figure className="tp-report-chart" data-testid={testId}>
      <figcaption className="tp-report-chart__title">{label}</figcaption>
      <div ref={ref} className="tp-report-chart__body" style={{ height }}>
        {children(width)}
      </div>
    </figure>
  );
}
