/**
 * The map's arrangement in the browser: this person's drags over the
 * server's positions, and, for editors, saving them as the arrangement
 * everyone sees (POST /api/network/layout) or restoring the computed layout.
 */
import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { centresToSave, type Positions } from "./map-model";
import type { Network } from "./types";

export interface Arrangement {
  /** Top-left corners of the nodes this person dragged. */
  positions: Positions;
  onPositionsChange: (moved: Positions) => void;
  /** How many nodes were dragged. */
  moved: number;
  /** What the last save or restore said. */
  message: string | null;
  /** Forgets this person's drags. */
  forget: () => void;
  save: () => Promise<void>;
  restoreComputed: () => Promise<void>;
}

/** `from`: the saved view the map was opened from, whose drags it starts with. */
export function useArrangement(network: Network, from?: { id: string; positions: Positions } | null): Arrangement {
  const revalidator = useRevalidator();
  const [positions, setPositions] = useState<Positions>(() => from?.positions ?? {});
  const [message, setMessage] = useState<string | null>(null);
  // Opening another saved view brings its arrangement (a reload of the same one keeps this person's drags).
  const fromId = from?.id ?? null;
  useEffect(() => {
    if (fromId) setPositions(from?.positions ?? {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromId]);
  const onPositionsChange = useCallback((moved: Positions) => setPositions((p) => ({ ...p, ...moved })), []);

  async function send(intent: "save" | "reset") {
    const body = intent === "save" ? { intent, positions: centresToSave(network, positions) } : { intent };
    setMessage(intent === "save" ? "Saving the arrangement…" : "Restoring the computed layout…");
    const res = await fetch("/api/network/layout", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const answer = (await res.json().catch(() => null)) as { error?: string } | null;
      setMessage(`Could not ${intent === "save" ? "save" : "reset"} the arrangement: ${answer?.error ?? res.status}`);
      return;
    }
    setPositions({});
    setMessage(intent === "save" ? "Saved: everyone now sees this arrangement." : "The computed layout is the default again.");
    // Reload the network with the new default positions.
    revalidator.revalidate();
  }

  return {
    positions,
    onPositionsChange,
    moved: Object.keys(positions).length,
    message,
    forget: () => setPositions({}),
    save: () => send("save"),
    restoreComputed: () => send("reset"),
  };
}
