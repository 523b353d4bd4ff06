import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './shared/i18n'; // first: the language must be set before anything renders
import './styles.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
