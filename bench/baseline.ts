/**
 * The baseline page's script: as little as a page can do and still be a module from the same build.
 * The typing benchmark loads the same content as the compose window into it through `__bench`.
 */
export {};

const body = document.getElementById('body')!;

declare global {
  interface Window {
    __bench?: { setContent(html: string): void };
  }
}

window.__bench = {
  setContent(html: string) {
    body.innerHTML = html;
  },
};
