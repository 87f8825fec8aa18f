// Renderer entry. Fluent UI (Griffel) inserts <style> elements at run time; they carry the per-page nonce
// that the app:// handler put in both the CSP header and this page, so inline styles stay blocked.
import { createDOMRenderer, RendererProvider } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const nonce = document.querySelector<HTMLMetaElement>('meta[name="airlock-style-nonce"]')?.content ?? '';
const styleRenderer = createDOMRenderer(document, { styleElementAttributes: nonce ? { nonce } : {} });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <RendererProvider renderer={styleRenderer} targetDocument={document}>
        <App />
      </RendererProvider>
    </StrictMode>,
  );
}
