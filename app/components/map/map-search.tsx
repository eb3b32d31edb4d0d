/**
 * "Find a partner or HT unit": a search box with the map's names as
 * suggestions; a hit is centred on the map and its panel opened.
 */
import { useState, type RefObject } from "react";
import { searchNodes } from "./map-model";
import type { NetworkCanvasHandle } from "./network-canvas";
import type { Network, NetworkNode } from "./types";

export interface MapSearchState {
  text: string;
  message: string;
  setText: (text: string) => void;
  find: (text: string) => void;
}

/** Kept by the page, so the box keeps its text across views. */
export function useMapSearch(network: Network, canvas: RefObject<NetworkCanvasHandle>, openNode: (node: NetworkNode) => void): MapSearchState {
  const [text, setText] = useState("");
  const [message, setMessage] = useState("");
  function find(query: string) {
    const hit = searchNodes(network.nodes, query)[0];
    if (!hit) {
      setMessage(`Nothing called “${query}” on the map with these filters.`);
      return;
    }
    setMessage(`Showing ${hit.name}.`);
    canvas.current?.centreOn(hit.id);
    openNode(hit);
  }
  return { text, message, setText, find };
}

export function MapSearch({ network, search }: { network: Network; search: MapSearchState }) {
  return (
    <form
      className="map-search"
      role="search"
      aria-label="Find on the map"
      onSubmit={(e) => {
        e.preventDefault();
        search.find(search.text);
      }}
    >
      <label className="visually-hidden" htmlFor="map-search">Find a partner or HT unit</label>
      <input
        id="map-search"
        type="search"
        list="map-search-options"
        placeholder="Find a partner or HT unit…"
        value={search.text}
        autoComplete="off"
        onChange={(e) => {
          search.setText(e.target.value);
          // Picking a suggestion goes straight there.
          if (network.nodes.some((n) => n.name === e.target.value)) search.find(e.target.value);
        }}
      />
      <datalist id="map-search-options">
        {network.nodes.map((n) => (
          <option key={n.id} value={n.name}>{n.label !== n.name ? n.label : undefined}</option>
        ))}
      </datalist>
      <button type="submit" className="button button-quiet">Find</button>
      <span className="map-status" role="status">{search.message}</span>
    </form>
  );
}
