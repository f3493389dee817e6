// First: configures zod before any schema is built.
import './lib/zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router-dom';
import { App } from './app/App';
import { createQueryClient } from './app/query-client';
import { appRoutes } from './app/routes';
import { createI18n } from './lib/i18n';
import './styles.css';
import './theme.css';
import './tablet.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element');

createRoot(container).render(
  <StrictMode>
    <App
      router={createBrowserRouter(appRoutes)}
      i18n={createI18n()}
      queryClient={createQueryClient()}
    />
  </StrictMode>,
);
