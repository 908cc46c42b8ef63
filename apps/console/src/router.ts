import { useEffect, useState } from 'react';

/** Where the console is served; every path of the console is below it. */
export const BASE = '/console';

/** The path below /console, e.g. "/tiket/…". */
function currentPath(): string {
  const path = window.location.pathname.slice(BASE.length) || '/';
  return path.startsWith('/') ? path : '/' + path;
}

export function navigate(path: string): void {
  window.history.pushState(null, '', BASE + path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current path, kept in step with the browser's back and forward buttons. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('popstate', onChange);
    return () => window.removeEventListener('popstate', onChange);
  }, []);
  return path;
}
