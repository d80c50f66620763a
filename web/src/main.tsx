import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { RootErrorBoundary } from './shared/ErrorBoundary';

createRoot(document.getElementById('root')!).render(
  <RootErrorBoundary>
    <App />
  </RootErrorBoundary>,
);
