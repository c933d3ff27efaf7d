// body[data-geladen]: "ja" once the page shows what it fetched (or why it could not), "nee" while it fetches. The old
// pages set the same mark; the browser tests wait for it instead of guessing.
export function markLoaded(done: boolean) {
  document.body.dataset.geladen = done ? "ja" : "nee";
}
