// Renderer entry. Fluent UI (Griffel) inserts <style> elements at run time; they carry the per-page nonce
// that the app:// handler put in both the CSP header and this page, so inline styles stay blocked.
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';

const nonceMeta = document.querySelector<HTMLMetaElement>('meta[name="airlock-style-nonce"]');
const nonce = nonceMeta?.content ?? '';
nonceMeta?.remove(); // read once; nothing later in the page needs to find it
const styleRenderer = createDOMRenderer(document, { styleElementAttributes: nonce ? { nonce } : {} });

const root = document.getElementById('root');
if (root) {
  // Errors are shown by the boundaries in plain words; React's default console reporting is turned off
  // because an error may quote user data, and main owns logging.
  const quiet = () => undefined;
  createRoot(root, { onCaughtError: quiet, onUncaughtError: quiet, onRecoverableError: quiet }).render(
    <StrictMode>
      <RendererProvider renderer={styleRenderer} targetDocument={document}>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </RendererProvider>
    </StrictMode>,
  );
}
