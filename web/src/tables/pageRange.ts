// "Contracten 21–40 van 45": the caption of one page of a list the service pages (page, pageSize, total).
export function pageRange(what: string, page: { page: number; pageSize: number; total: number; items: readonly unknown[] }): string {
  const first = (page.page - 1) * page.pageSize + 1;
  return `${what} ${first}–${first + page.items.length - 1} van ${page.total}`;
}
