/**
 * "As of": a slider by month from the first agreement to today, and a play
 * button that walks the network through the years (31 December of each
 * year, then today). Each step is a URL change (?asOf=), so the page at any
 * moment of the animation can be shared. The next step waits for the
 * previous one's data; with reduced motion the steps are slower and the
 * view never animates.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { formatDay } from "~/domain/dates";

function monthsBetween(first: string, today: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  while (y < ty || (y === ty && m <= tm)) {
    // The last day of the month (day 0 of the next one), or today for this month.
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    out.push(y === ty && m === tm ? today : last);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The steps of the animation: the end of every year since the first agreement, then today. */
export function playSteps(first: string, today: string): string[] {
  const steps: string[] = [];
  for (let y = Number(first.slice(0, 4)); y < Number(today.slice(0, 4)); y++) steps.push(`${y}-12-31`);
  steps.push(today);
  return steps;
}

/**
 * Playing: one step per interval, each only once the previous step's data
 * is on screen (`busy` false and the URL's date is the step asked for).
 */
function usePlayback(input: { first: string; today: string; asOf: string; busy: boolean; reducedMotion: boolean; commit: (date: string) => void }) {
  const { first, today, asOf, busy, reducedMotion, commit } = input;
  const steps = useMemo(() => playSteps(first, today), [first, today]);
  const [playing, setPlaying] = useState(false);
  const [cursor, setCursor] = useState(0);
  useEffect(() => {
    if (!playing || busy) return;
    // Still waiting for the step asked for last.
    if (asOf !== steps[cursor]) return;
    if (cursor >= steps.length - 1) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => {
      setCursor(cursor + 1);
      commit(steps[cursor + 1]!);
    }, reducedMotion ? 2500 : 1100);
    return () => clearTimeout(t);
  }, [playing, busy, asOf, steps, cursor, reducedMotion]);

  function togglePlay() {
    if (playing) {
      setPlaying(false);
      return;
    }
    // From the beginning when at today; otherwise on from where the slider is.
    const start = asOf >= today ? 0 : Math.max(0, steps.findIndex((s) => s > asOf));
    setCursor(start);
    commit(steps[start]!);
    setPlaying(true);
  }
  return { playing, togglePlay, stop: () => setPlaying(false) };
}

export function TimeBar({
  asOf,
  firstDate,
  today,
  busy,
  reducedMotion,
  onChange,
}: {
  asOf: string;
  firstDate: string | null;
  today: string;
  busy: boolean;
  reducedMotion: boolean;
  /** null: today (the default, left out of the URL). */
  onChange: (date: string | null) => void;
}) {
  const first = firstDate && firstDate < today ? firstDate : today;
  const months = useMemo(() => monthsBetween(first, today), [first, today]);
  const indexOf = (date: string) => {
    const i = months.findIndex((m) => m >= date);
    return i < 0 ? months.length - 1 : i;
  };
  const [index, setIndex] = useState(() => indexOf(asOf));
  useEffect(() => setIndex(indexOf(asOf)), [asOf, months]);

  const debounce = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(debounce.current), []);
  const commit = (date: string) => onChange(date >= today ? null : date);
  const { playing, togglePlay, stop } = usePlayback({ first, today, asOf, busy, reducedMotion, commit });

  const shown = months[index] ?? today;
  const atToday = shown >= today;
  return (
    <div className="time-bar" role="group" aria-label="Date of the map">
      <button
        type="button"
        className="button button-quiet time-play"
        onClick={togglePlay}
        aria-pressed={playing}
        disabled={months.length < 2}
        title={playing ? "Pause" : "Play: how the network grew, year by year"}
      >
        <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>
        {playing ? "Pause" : "Play years"}
      </button>
      <label className="time-slider">
        <span className="field-label">As of</span>
        <input
          type="range"
          min={0}
          max={Math.max(0, months.length - 1)}
          step={1}
          value={index}
          aria-valuetext={formatDay(shown)}
          onChange={(e) => {
            const i = Number(e.target.value);
            setIndex(i);
            stop();
            clearTimeout(debounce.current);
            debounce.current = setTimeout(() => commit(months[i] ?? today), 250);
          }}
        />
      </label>
      <output className="time-value" aria-live={playing ? "off" : "polite"}>
        {atToday ? `Today, ${formatDay(today)}` : formatDay(shown)}
      </output>
      <span className="time-range muted small">
        {formatDay(first).replace(/^\d+ /, "")} – today
      </span>
      {!atToday ? (
        <button type="button" className="button button-quiet" onClick={() => { stop(); commit(today); }}>
          Back to today
        </button>
      ) : null}
    </div>
  );
}
