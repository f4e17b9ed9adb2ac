// The current route for every component, a way to move to another, and focus on the new view's heading after a move.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { parseRoute, routePath, sameRoute, type PageHistory, type Route } from './routing';

type RouterValue = {
  route: Route;
  navigate(route: Route, options?: { replace?: boolean }): void;
  /** Counts moves made in this page session (links, tabs, back and forward); 0 on the first view. */
  moves: number;
};

const RouterContext = createContext<RouterValue | null>(null);

export function RouterProvider({ history, children }: { history: PageHistory; children: ReactNode }) {
  const [state, setState] = useState(() => ({ route: parseRoute(history.pathname()), moves: 0 }));
  useEffect(
    () =>
      history.listen((pathname) => {
        const next = parseRoute(pathname);
        setState((current) => (sameRoute(current.route, next) ? current : { route: next, moves: current.moves + 1 }));
      }),
    [history],
  );
  const value: RouterValue = {
    route: state.route,
    moves: state.moves,
    navigate(route, options) {
      if (sameRoute(route, state.route)) return;
      if (options?.replace) history.replace(routePath(route));
      else history.push(routePath(route));
    },
  };
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (value === null) throw new Error('useRouter needs a RouterProvider above it.');
  return value;
}

/**
 * A ref for a view's heading: after a move to `route`, the heading takes focus, so keyboard and screen-reader users
 * land on the new view. The heading needs tabIndex={-1}.
 */
export function useViewHeading<T extends HTMLElement>(route: Route, ready = true): React.RefObject<T> {
  const { route: current, moves } = useRouter();
  const ref = useRef<T>(null);
  const active = sameRoute(route, current);
  useEffect(() => {
    if (active && ready && moves > 0) ref.current?.focus({ preventScroll: false });
  }, [active, ready, moves]);
  return ref;
}
