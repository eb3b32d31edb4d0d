/**
 * The top of the agreement page for the lifecycle: where the agreement
 * stands on the way to signature (a stepper), what is still missing before
 * signature, and the moves the role may make from here (the next step
 * first, further steps at once, a step back, the ends). Choosing a move
 * opens its form below (?move=<status>, so it works without JavaScript and
 * can be linked to); app/components/lifecycle/move-form.tsx holds the form.
 */
import type { SubmissionResult } from "@conform-to/react";
import { Link, useSearchParams } from "@remix-run/react";
import type { Gap } from "~/domain/agreement-readiness";
import { describeGaps } from "~/domain/agreement-readiness";
import { moveLabel, movesFrom, ORDER, type Move } from "~/domain/lifecycle";
import { AGREEMENT_STATUSES, type AgreementStatus } from "~/domain/vocabulary";
import { withParams } from "~/utils/url";
import { MoveForm, type MoveParty } from "./move-form";

export interface LifecycleCardProps {
  agreementId: string;
  status: AgreementStatus;
  /** The status a person sees (an Active agreement past its end is Expired). */
  shownStatus: AgreementStatus;
  version: number;
  today: string;
  gaps: Gap[];
  parties: MoveParty[];
  /** Whether this person may move it (editors and admins, not archived). */
  canMove: boolean;
  lastMove: { to: string; result: SubmissionResult<string[]> } | null;
}

export function LifecycleCard(props: LifecycleCardProps) {
  const [params] = useSearchParams();
  const moves = props.canMove ? movesFrom(props.status) : [];
  const chosenTo = params.get("move") ?? props.lastMove?.to ?? null;
  const chosen = moves.find((m) => m.to === chosenTo) ?? null;
  return (
    <section aria-labelledby="lifecycle-title" className="card lifecycle-card">
      <div className="card-header">
        <h2 id="lifecycle-title">Status: {AGREEMENT_STATUSES.label(props.shownStatus)}</h2>
      </div>
      <Stepper status={props.status} />
      {props.gaps.length ? <Gaps agreementId={props.agreementId} gaps={props.gaps} /> : null}
      {moves.length ? (
        <div className="lifecycle">
          <h3 id="moves-title">Move this agreement</h3>
          <MoveChoices moves={moves} from={props.status} chosen={chosen?.to ?? null} params={params} />
          {chosen ? (
            <MoveForm
              key={chosen.to}
              from={props.status}
              move={chosen}
              version={props.version}
              today={props.today}
              gaps={props.gaps}
              agreementId={props.agreementId}
              parties={props.parties}
              lastResult={props.lastMove?.to === chosen.to ? props.lastMove.result : undefined}
              cancelHref={withParams(params, { move: null })}
            />
          ) : null}
        </div>
      ) : props.canMove ? (
        <p className="muted">{AGREEMENT_STATUSES.label(props.status)} is a final status: no further moves.</p>
      ) : null}
    </section>
  );
}

/** Draft → … → Active, the current step marked; terminated, expired and superseded shown after it. */
function Stepper({ status }: { status: AgreementStatus }) {
  const at = ORDER.indexOf(status);
  const steps = at >= 0 ? ORDER : [...ORDER, status];
  const current = at >= 0 ? at : steps.length - 1;
  return (
    <ol className="stepper" aria-label="Lifecycle">
      {steps.map((step, i) => (
        <li
          key={step}
          className={i < current ? "step step-done" : i === current ? "step step-current" : "step"}
          aria-current={i === current ? "step" : undefined}
        >
          <span className="step-dot" aria-hidden="true">{i < current ? "✓" : i + 1}</span>
          <span className="step-label">{AGREEMENT_STATUSES.label(step)}</span>
          {i < current ? <span className="visually-hidden"> (done)</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** "3 things missing before signature", each a link to its field on the edit form. */
function Gaps({ agreementId, gaps }: { agreementId: string; gaps: Gap[] }) {
  return (
    <div className="notice notice-warning gaps" role="status">
      <strong>{describeGaps(gaps)}</strong>
      <ul>
        {gaps.map((g) => (
          <li key={`${g.field}-${g.message}`}>{g.message}</li>
        ))}
      </ul>
      <Link to={`/agreements/${agreementId}/edit`}>Complete them in the agreement</Link>
    </div>
  );
}

function MoveChoices({ moves, from, chosen, params }: { moves: Move[]; from: AgreementStatus; chosen: string | null; params: URLSearchParams }) {
  const link = (m: Move, primary: boolean) => (
    <li key={m.to}>
      <Link
        to={withParams(params, { move: m.to, saved: null })}
        preventScrollReset
        replace
        aria-current={chosen === m.to ? "true" : undefined}
        className={`button ${primary ? "" : "button-quiet"} ${m.to === "TERMINATED" ? "button-danger" : ""}`.trim()}
        title={m.path.length > 1 ? `Records ${m.path.map((s) => AGREEMENT_STATUSES.label(s)).join(", then ")}` : undefined}
      >
        {m.path.length > 1 ? `Skip to ${AGREEMENT_STATUSES.label(m.to).toLowerCase()}` : moveLabel(from, m.to)}
      </Link>
    </li>
  );
  const forward = moves.filter((m) => m.direction === "forward");
  const others = moves.filter((m) => m.direction !== "forward");
  return (
    <ul className="move-list" aria-labelledby="moves-title">
      {forward.map((m, i) => link(m, i === 0))}
      {others.map((m) => link(m, false))}
    </ul>
  );
}
