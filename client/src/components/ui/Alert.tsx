import type { ReactNode } from 'react';

interface AlertProps {
  tone: 'error' | 'info';
  children: ReactNode;
}

// Errors interrupt (role=alert); information waits its turn (role=status).
export function Alert({ tone, children }: AlertProps) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
