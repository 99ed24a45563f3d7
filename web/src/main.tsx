import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './app/app.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<App />);
