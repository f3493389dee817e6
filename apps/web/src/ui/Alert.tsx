import type { ReactNode } from 'react';

export type AlertTone = 'error' | 'info' | 'success';

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children: ReactNode;
  action?: ReactNode;
  'data-testid'?: string;
}

/** A message box; errors are announced to screen readers when they appear. */
export function Alert({ tone = 'info', title, children, action, ...rest }: AlertProps) {
  return (
    <div
      className={`tp-alert tp-alert--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={rest['data-testid']}
    >
      <div className="tp-alert__body">
        {title ? <p className="tp-alert__title">{title}</p> : null}
        <div>{children}</div>
      </div>
      {action ? <div className="tp-alert__action">{action}</div> : null}
    </div>
  );
}
