import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and during hydration, true once the component has
 * mounted in the browser. Recharts measures the DOM, so charts render only
 * after this turns true (no setState in an effect: useSyncExternalStore gives
 * the server snapshot while hydrating and the client snapshot afterwards).
 */
export function useMounted(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
