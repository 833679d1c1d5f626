import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import { App } from './App';
import { loadSharedPageCode } from './components/prefetch/sharedPageCode';
import '@backstage/ui/css/styles.css';

loadSharedPageCode();

ReactDOM.createRoot(document.getElementById('root')!).render(<App />);
