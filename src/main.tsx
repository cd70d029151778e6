import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/transport';
import { App } from './app/app';
import './app/app.css';
import { AppProviders } from './app/providers';

// The standalone app talks to the Mailbox API on its own origin (`/api` is proxied to the server).
const api = createApiClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders api={api}>
      <App />
    </AppProviders>
  </StrictMode>,
);
