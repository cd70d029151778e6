import { mountCompose } from '../mount';
import { allowedOriginsFor } from './allowed-origins';
import { startFrameBridge } from './frame-bridge';

/**
 * compose.html: the compose window for hosts that are not JavaScript apps, in an iframe driven by
 * postMessage (docs/embedding.md, "The iframe option").
 */
const element = document.getElementById('compose')!;
const { origins, rejected } = allowedOriginsFor(window.location.search, import.meta.env.VITE_COMPOSE_ALLOWED_ORIGINS as string | undefined);

if (origins.length === 0) {
  element.setAttribute('role', 'alert');
  element.textContent =
    'This compose page obeys no host: open it with ?allowedOrigins= listing the origins of the pages that embed it (e.g. ?allowedOrigins=https://mail.example.com).' +
    (rejected.length > 0 ? ` Not origins: ${rejected.join(', ')}.` : '');
} else {
  startFrameBridge({ self: window, element, allowedOrigins: origins, mount: mountCompose });
}
