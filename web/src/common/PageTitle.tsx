// A page heading with actions on the right; also sets the browser tab title.
import { type ReactNode, useEffect } from 'react';

export function PageTitle({ title, extra }: { title: string; extra?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · 帮扶`;
  }, [title]);
  return (
    <div className="page-title">
      <h1>{title}</h1>
      {extra && <div>{extra}</div>}
    </div>
  );
}
