import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context';
import { createApiClient, getInstalledBridge } from './api/client';
import { App } from './components/App';
import { createTranslate, resolveLocale } from './i18n/translate';
import './styles/app.css';
import './styles/queue.css';
import './styles/views.css';
import './styles/watch.css';

const container = document.getElementById('root');
const bridge = getInstalledBridge();
if (container) {
  const root = createRoot(container);
  if (bridge) {
    root.render(
      <StrictMode>
        <ApiContext.Provider value={createApiClient(bridge)}>
          <App />
        </ApiContext.Provider>
      </StrictMode>,
    );
  } else {
    const t = createTranslate(resolveLocale('system', navigator.languages));
    root.render(<p role="alert">{t('error.noBridge')}</p>);
  }
}
