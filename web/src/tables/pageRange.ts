// "Contracten 21–40 van 45": the caption of one page of a list the service pages (page, pageSize, total). Beyond a
// bound the contract list's total is PostgreSQL's estimate (totalIsExact false): then it says "ongeveer"; the worklist's
// is the items counted, a lower bound, and says "minstens" (issue 23).
export function pageRange(what: string, page: { page: number; pageSize: number; total: number; totalIsExact?: boolean; items: readonly unknown[] },
  inexact: "ongeveer" | "minstens" = "ongeveer"): string {
  const first = (page.page - 1) * page.pageSize + 1;
  const total = page.totalIsExact === false ? `${inexact} ${page.total}` : `${page.total}`;
  return `${what} ${first}–${first + page.items.length - 1} van ${total}`;
}
