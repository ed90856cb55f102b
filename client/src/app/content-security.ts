import { setNonce } from 'get-nonce';
import { z } from 'zod';

// Bundled with zod itself (client/vite.config.ts), so that this runs before any module builds a
// zod schema as it loads.
// The server's content security policy forbids eval, so zod's compiled parsers could never run;
// without this, zod's probe for them would still be reported as a policy violation.
z.config({ jitless: true });

// The nonce the server gave this page: its policy allows only the <style> elements that carry
// it. Mantine writes its CSS variables and responsive styles in such elements (MantineProvider's
// getStyleNonce), and so does the scroll lock of its modals (react-remove-scroll, via get-nonce).
export const styleNonce = document.querySelector<HTMLMetaElement>(
  'meta[property="csp-nonce"]',
)?.nonce;
if (styleNonce) setNonce(styleNonce);
