/**
 * The per-response CSP nonce, passed from entry.server to <Scripts>.
 */
import { createContext, useContext, type ReactNode } from "react";

/** The per-response CSP nonce, from entry.server to <Scripts>; empty in the browser. */
const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export const useNonce = () => useContext(NonceContext);
