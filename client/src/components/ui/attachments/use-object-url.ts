import { useEffect, useState } from 'react';

// An object URL for a blob held in memory, revoked when the blob changes or the component goes,
// so that no file's bytes outlive the screen that shows them.
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return undefined;
    const next = URL.createObjectURL(blob);
    // made and freed in the effect, not memoised: StrictMode runs effects twice and would
    // revoke a memoised URL that the page still shows
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(next);
    return () => {
      URL.revokeObjectURL(next);
      setUrl(undefined);
    };
  }, [blob]);
  return url;
}
