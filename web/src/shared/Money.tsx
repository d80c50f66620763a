import type { CSSProperties, ReactNode } from 'react';

/** Keeps a number and its unit on one line ("1,500.50万元" never breaks before 万元). */
export function Money({ children, style, strong }: { children: ReactNode; style?: CSSProperties; strong?: boolean }) {
  const s: CSSProperties = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', ...style };
  return strong ? <b style={s}>{children}</b> : <span style={s}>{children}</span>;
}
