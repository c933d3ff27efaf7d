// Every table of the pages: on a phone it scrolls inside its own box (a named region the keyboard can reach), never
// the whole page (RULES FOR THE PAGES).
import type { ReactNode } from "react";

export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sroi-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
