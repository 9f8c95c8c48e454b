/** Links to X posts, as archives and the API both give them. */
const STATUS_URL =
  /^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/([A-Za-z0-9_]{1,15})\/status(?:es)?\/\d+/i;

/** The author's handle in a post's URL (`x.com/<handle>/status/<id>`); `i/web/status` links name nobody. */
export function statusUrlHandle(url: string): string | null {
  const handle = STATUS_URL.exec(url)?.[1];
  return handle && handle.toLowerCase() !== 'i' ? handle : null;
}
