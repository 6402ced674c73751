// The match report, drawn from the engine's own numbers (the model never retypes them): the
// score and its parts, each matched requirement with the resume line that proves it (open it to
// see the item around that line and where the posting asks for it), and each missing one with
// "I have this" / "I don't". The buttons post actions the server checks again (the job and the
// resume must be the person's, the requirement the job's). Words and icons mark each state, not
// colour alone; the theme's own colours serve light and dark.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Check, X, CircleHelp } from "lucide-react";

const MARK = { background: "hsl(var(--primary) / 0.18)", color: "inherit", borderRadius: "2px" };
const BAR = { height: "6px", borderRadius: "9999px", background: "hsl(var(--muted))", overflow: "hidden" };

function points(value) {
  return String(Math.round(Number(value) * 100) / 100);
}

function PostingSpans({ spans, id }) {
  if (!spans || !spans.length) return null;
  return (
    <div id={id} className="text-xs text-muted-foreground mt-1">
      <span className="font-medium">From the posting: </span>
      {spans.map((s, i) => (
        <q key={i} className="match-posting-span" data-start={s.start} data-end={s.end}>
          {s.before}<mark style={MARK}>{s.text}</mark>{s.after}{i < spans.length - 1 ? " " : ""}
        </q>
      ))}
    </div>
  );
}

function Matched({ item, index, cardId }) {
  const [open, setOpen] = useState(false);
  const panel = `${cardId}-context-${index}`;
  const proof = (item.evidence || [])[0];
  return (
    <li className="match-matched flex flex-col gap-1 py-2" data-requirement={item.key}>
      <div className="flex flex-wrap items-center gap-2">
        <Check className="h-4 w-4 text-primary" aria-hidden="true" />
        <span className="sr-only">Matched:</span>
        <span className="font-medium">{item.text}</span>
        <Badge variant="secondary">{item.tag}</Badge>
        {item.listed_only && <Badge variant="outline">listed only, counts half</Badge>}
      </div>
      {proof ? (
        <div className="text-sm" style={{ paddingLeft: "1.5rem" }}>
          <span className="match-proof">“{proof.line}”</span>
          <span className="text-muted-foreground"> — {proof.item}</span>
        </div>
      ) : (
        item.detail && <div className="text-sm text-muted-foreground" style={{ paddingLeft: "1.5rem" }}>{item.detail}</div>
      )}
      <div style={{ paddingLeft: "1.5rem" }}>
        <Button
          variant="ghost"
          size="sm"
          className="match-context-toggle h-7 px-2 text-xs"
          aria-expanded={open}
          aria-controls={panel}
          onClick={() => setOpen(!open)}
        >
          {open ? "Hide context" : "Show in context"}
          <span className="sr-only"> for {item.text}</span>
        </Button>
        {open && (
          <div id={panel} className="match-context rounded-md border p-3 mt-1 flex flex-col gap-2">
            {(item.evidence || []).map((e, i) => (
              <div key={i}>
                <div className="text-xs font-medium">{e.section} · {e.item}</div>
                <ul className="text-sm list-disc pl-4">
                  {(e.context || [e.line]).map((line, j) => (
                    <li key={j}>
                      {line === e.line ? (
                        <>
                          <mark style={MARK}>{line}</mark>
                          <span className="text-xs text-muted-foreground"> (proves it)</span>
                        </>
                      ) : (
                        line
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <PostingSpans spans={item.posting} />
          </div>
        )}
      </div>
    </li>
  );
}

function Missing({ item, jobId, resumeId, cardId, saved }) {
  const [busy, setBusy] = useState(false);
  // An answer given before (kept on the card by the server) shows instead of the buttons.
  const [answer, setAnswer] = useState(saved ? { ok: true, message: saved } : null);
  const unchecked = item.bucket !== "gap";

  async function press(name) {
    setBusy(true);
    try {
      const reply = await callAction({
        name,
        payload: { job_id: jobId, resume_id: resumeId, requirement: item.key, card_id: cardId },
      });
      const response = reply && reply.response;
      setAnswer(response || { ok: false, message: "No answer from the server; try again." });
    } catch (error) {
      setAnswer({ ok: false, message: "That did not reach the server: " + String(error) });
    } finally {
      setBusy(false);
    }
  }

  const Icon = unchecked ? CircleHelp : X;
  return (
    <li className="match-missing flex flex-col gap-1 py-2" data-requirement={item.key}>
      <div className="flex flex-wrap items-center gap-2">
        <Icon className="h-4 w-4 text-destructive" aria-hidden="true" />
        <span className="sr-only">{unchecked ? "Not checked:" : "Missing:"}</span>
        <span className="font-medium">{item.text}</span>
        <Badge variant="secondary">{item.tag}</Badge>
        {unchecked && <Badge variant="outline">not checked</Badge>}
      </div>
      <div className="text-sm text-muted-foreground" style={{ paddingLeft: "1.5rem" }}>{item.why}</div>
      <div style={{ paddingLeft: "1.5rem" }}>
        <PostingSpans spans={item.posting} />
        {item.askable && (
          <div className="flex flex-wrap gap-2 mt-2">
            <Button
              size="sm"
              variant="outline"
              className="match-have"
              disabled={busy || (answer && answer.ok)}
              onClick={() => press("match_have")}
            >
              I have this<span className="sr-only">: {item.text}</span>
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="match-lack"
              disabled={busy || (answer && answer.ok)}
              onClick={() => press("match_lack")}
            >
              I don't<span className="sr-only"> have {item.text}</span>
            </Button>
          </div>
        )}
        <div role="status" aria-live="polite" className="match-answer text-xs mt-1">
          {busy ? "Working…" : answer ? answer.message : ""}
        </div>
      </div>
    </li>
  );
}

export default function MatchCard() {
  // Several cards can share a page (one per report): ids must stay unique for aria-controls.
  const [cardId] = useState(() => "match-" + Math.random().toString(36).slice(2, 10));
  const score = Number(props.score || 0);
  const parts = props.parts || [];
  const matched = props.matched || [];
  const missing = props.missing || [];
  return (
    <section
      id={cardId}
      className="match-card bg-card text-card-foreground rounded-lg border p-4 flex flex-col gap-3 w-full"
      aria-label={`Match report: ${props.title}`}
    >
      <div className="flex flex-wrap items-center gap-3">
        <div
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={score}
          aria-label="Match score"
          className="match-score text-3xl font-semibold"
        >
          {score}
          <span className="text-sm text-muted-foreground">/100</span>
        </div>
        <div className="flex flex-col">
          <div className="text-sm font-medium">Match score</div>
          <div className="text-xs text-muted-foreground">
            {props.title} · requirements from the {props.origin}
          </div>
          {props.application && (
            <div className="match-application text-xs text-muted-foreground">
              Application: {props.application}
            </div>
          )}
        </div>
      </div>
      {parts.length > 0 && (
        <ul className="match-parts flex flex-col gap-1" aria-label="Parts of the score">
          {parts.map((p) => (
            <li key={p.part} className="match-part text-sm" data-part={p.part}
                data-earned={p.earned} data-possible={p.possible}>
              <div className="flex gap-2" style={{ justifyContent: "space-between" }}>
                <span>{p.label}</span>
                <span className="match-part-points">
                  {points(p.earned)} of {points(p.possible)} points
                </span>
              </div>
              <div style={BAR} aria-hidden="true">
                <div
                  className="bg-primary"
                  style={{ height: "100%", width: `${p.possible ? (100 * p.earned) / p.possible : 0}%` }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {(props.blockers || []).map((b, i) => (
        <p key={`b${i}`} className="text-sm text-destructive">
          <span className="font-semibold">Blocker: </span>{b}
        </p>
      ))}
      {(props.notes || []).map((n, i) => (
        <p key={`n${i}`} className="text-xs text-muted-foreground">{n}</p>
      ))}
      {matched.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Matched ({matched.length})</h3>
          <ul className="match-matched-list" aria-label="Matched requirements">
            {matched.map((m, i) => <Matched key={m.key} item={m} index={i} cardId={cardId} />)}
          </ul>
        </div>
      )}
      {missing.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Missing or not checked ({missing.length})</h3>
          <ul className="match-missing-list" aria-label="Missing requirements">
            {missing.map((m) => (
              <Missing key={m.key} item={m} jobId={props.job_id} resumeId={props.resume_id}
                       cardId={props.card_id} saved={(props.answers || {})[m.key]} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
