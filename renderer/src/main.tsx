import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// The shared sheets, in the order styles.css held them. They come after App's import, so in the
// bundle they follow the view sheets that App's views import, as styles.css did: where a view rule
// and a shared rule are equally specific, the shared one still wins. The frame's sheets (demo
// banner, sign-in card, shell) restyle shared buttons and fields, so they stay after those.
import './styles/base.css';
import './styles/buttons.css';
import './styles/forms.css';
import './styles/demo-banner.css';
import './styles/centered-page.css';
import './styles/shell.css';
import './styles/layout.css';
import './styles/tables.css';
import './styles/print-gate.css';
import { installPrintGate } from './print';

installPrintGate();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
