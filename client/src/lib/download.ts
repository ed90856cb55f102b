// Hands a file made or fetched in the page to the browser's download, under `filename`. The
// object URL is revoked once the click has started the download.
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// The file name a server gave in Content-Disposition (`filename*=UTF-8''…` first, as RFC 6266
// prefers, then `filename="…"`), or undefined when it gave none.
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const match = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = match?.[1]?.replace(/\\(.)/g, '$1') ?? match?.[2]?.trim();
  return name || undefined;
}
