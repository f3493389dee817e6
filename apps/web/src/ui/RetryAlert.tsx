import type { ReactNode } from 'react';
import { Alert } from './Alert';
import { Button } from './Button';

/** A load that failed: what failed (title), why (children), and a button to try again. */
export function RetryAlert({
  title,
  retryLabel,
  onRetry,
  children,
}: {
  title: string;
  retryLabel: string;
  onRetry: () => void;
  children: ReactNode;
}) {
  return (
    <Alert
      tone="error"
      title={title}
      action={
        <Button variant="secondary" onClick={onRetry}>
          {retryLabel}
        </Button>
      }
    >
      {children}
    </Alert>
  );
}
