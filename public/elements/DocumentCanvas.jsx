// The document canvas: a version drawn as the document, every changed bullet marked (a badge
// and a border, not colour alone), its source lines and word diff on hover or focus, Accept /
// Revert per change and Accept all (each makes a new version, which the canvas then shows), and
// the timeline of the job's versions with a two-version compare. Everything comes from the
// server (actions "canvas_*"), which re-checks the version, its owner and that it is current.
import { useState } from "react";
import { Button } from "@/components/ui/button";

// Colours as inline styles: a custom element only gets the Tailwind classes Chainlit's own
// stylesheet already has. Each colour works on the light and the dark theme, and each mark has
// a non-colour twin (badge text, dashed or dotted border, strike-through, underline).
const AMBER = "#d97706";
const RED = "#dc2626";
const ADDED = { backgroundColor: "rgba(34, 197, 94, 0.25)", textDecoration: "underline", textDecorationThickness: "2px" };
const REMOVED = { backgroundColor: "rgba(239, 68, 68, 0.2)", textDecoration: "line-through", textDecorationThickness: "2px" };

const STATUS_LABELS = {
  changed: "Changed",
  accepted: "Accepted",
  reverted: "Reverted to your resume",
  unchanged: "",
};

function Pieces({ pieces }) {
  return (
    <span>
      {pieces.map((piece, i) => {
        const text = (i > 0 ? " " : "") + piece.text;
        if (piece.op === "removed") {
          return (
            <del key={i} style={REMOVED} className="rounded-sm">
              <span className="sr-only"> removed: </span>{text}
            </del>
          );
        }
        if (piece.op === "added") {
          return (
            <ins key={i} style={ADDED} className="rounded-sm">
              <span className="sr-only"> added: </span>{text}
            </ins>
          );
        }
        return <span key={i}>{text}</span>;
      })}
    </span>
  );
}

function Badge({ children, kind }) {
  const color = kind === "changed" ? AMBER : kind === "repaired" ? RED : undefined;
  return (
    <span style={color ? { borderColor: color, color, fontSize: "10px" } : { fontSize: "10px" }}
          className={"inline-block border rounded px-1 mr-1 font-semibold uppercase tracking-wide" + (color ? "" : " text-muted-foreground")}>
      {children}
    </span>
  );
}

function Bullet({ bullet, opened, reveal, where, busy, decide }) {
  const marked = bullet.status !== "unchanged" || bullet.repairs.length > 0;
  const open = opened.includes(bullet.id);
  const detailId = "canvas-detail-" + bullet.id;
  const border = bullet.status === "changed"
    ? { borderLeft: "4px dashed " + AMBER }
    : marked ? { borderLeft: "4px dotted currentColor" } : { borderLeft: "4px solid transparent" };
  return (
    <li
      id={"canvas-bullet-" + bullet.id}
      data-status={bullet.status}
      tabIndex={0}
      aria-describedby={open ? detailId : undefined}
      onMouseEnter={() => reveal(bullet.id, true)}
      onFocus={() => reveal(bullet.id, true)}
      style={border}
      className="canvas-bullet pl-2 py-1 my-1 rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <div className="text-sm leading-snug">
        {STATUS_LABELS[bullet.status] && <Badge kind={bullet.status}>{STATUS_LABELS[bullet.status]}</Badge>}
        {bullet.repairs.length > 0 && <Badge kind="repaired">Fact-checked</Badge>}
        {bullet.text}
      </div>
      {/* Above the details, so that opening them on hover never moves the buttons. */}
      {bullet.status === "changed" && (
        <div className="flex flex-wrap gap-2 mt-1">
          <Button size="sm" variant="outline" className="canvas-accept h-7" disabled={busy}
                  aria-label={"Accept the change: " + bullet.text}
                  onClick={() => decide("canvas_accept", bullet)}>Accept</Button>
          <Button size="sm" variant="outline" className="canvas-revert h-7" disabled={busy || bullet.sources.length === 0}
                  aria-label={"Revert to your resume: " + bullet.text}
                  onClick={() => decide("canvas_revert", bullet)}>Revert to source</Button>
        </div>
      )}
      {open && (
        <div id={detailId} className="canvas-provenance mt-1 p-2 rounded bg-muted text-xs space-y-1" role="note"
             aria-label={"Where this line comes from (" + where + ")"}>
          {bullet.sources.length > 0 ? (
            <div>
              <div className="font-semibold">From your resume:</div>
              <ul className="list-disc pl-4">
                {bullet.sources.map((s, i) => <li key={i} className="canvas-source">{s}</li>)}
              </ul>
            </div>
          ) : (
            <div className="font-semibold">No line in your resume matches this bullet.</div>
          )}
          {bullet.status !== "unchanged" && bullet.diff.length > 0 && (
            <div className="canvas-diff"><span className="font-semibold">Changes: </span><Pieces pieces={bullet.diff} /></div>
          )}
          {bullet.repairs.map((r, i) => (
            <div key={i} className="canvas-repair">
              <span className="font-semibold">Fact check removed: </span>
              <del className="line-through">{r.removed}</del>
              <span> — {r.why}</span>
            </div>
          ))}
          <button type="button" className="underline text-muted-foreground"
                  onClick={(event) => { event.stopPropagation(); reveal(bullet.id, false); }}>
            Hide details
          </button>
        </div>
      )}
    </li>
  );
}

function Item({ item, opened, reveal, busy, decide }) {
  const where = [item.heading, item.subheading].filter(Boolean).join(", ");
  return (
    <div className="mb-3">
      {(item.heading || item.dates) && (
        <div className="flex flex-wrap justify-between gap-x-2">
          <span className="font-semibold text-sm">{item.heading}</span>
          {item.dates && <span className="text-xs text-muted-foreground">{item.dates}</span>}
        </div>
      )}
      {item.subheading && <div className="text-xs text-muted-foreground">{item.subheading}</div>}
      {(item.lines || []).map((line, i) => <p key={i} className="text-sm">{line}</p>)}
      {item.bullets && item.bullets.length > 0 && (
        <ul className="list-none pl-0" aria-label={"Bullets of " + where}>
          {item.bullets.map((b) => (
            <Bullet key={b.id} bullet={b} where={where} opened={opened} reveal={reveal}
                    busy={busy} decide={decide} />
          ))}
        </ul>
      )}
      {item.skills && <p className="text-xs text-muted-foreground">Skills: {item.skills}</p>}
    </div>
  );
}

function Rows({ rows, id }) {
  if (!rows.length) return <p id={id} className="text-xs">No differences.</p>;
  return (
    <ul id={id} className="text-xs space-y-1 list-none pl-0">
      {rows.map((row, i) => (
        <li key={i} className="border-l-2 border-muted-foreground pl-2">
          <span className="sr-only">{row.change}: </span><Pieces pieces={row.pieces} />
        </li>
      ))}
    </ul>
  );
}

function Letter({ letter }) {
  return (
    <div id="canvas-letter" className="space-y-3 text-sm">
      {letter.recipient && <p className="text-xs text-muted-foreground">{letter.recipient}</p>}
      {letter.greeting && <p>{letter.greeting}</p>}
      {letter.paragraphs.map((p, i) => (
        <div key={i} className="canvas-paragraph">
          <p>{p.text}</p>
          <div className="mt-1 p-2 rounded bg-muted text-xs">
            <span className="font-semibold">Rests on: </span>
            {p.sources.length === 0 ? "no single line of your resume" : (
              <ul className="list-disc pl-4">
                {p.sources.map((s, j) => <li key={j}>{s.text} <span className="text-muted-foreground">({s.where})</span></li>)}
              </ul>
            )}
          </div>
        </div>
      ))}
      {letter.closing && <p>{letter.closing}<br />{letter.signature}</p>}
    </div>
  );
}

export default function DocumentCanvas() {
  const [view, setView] = useState(props.view || null);
  // Details stay open once shown (until hidden): closing one above the pointer would move
  // the line being read or the button being pressed.
  const [opened, setOpened] = useState([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState(null);
  const [other, setOther] = useState(null);
  const [picked, setPicked] = useState([]);
  const [comparison, setComparison] = useState(null);

  async function post(name, payload) {
    setBusy(true);
    try {
      const answer = await callAction({ name, payload });
      return (answer && answer.response) || { ok: false, message: "No answer from the server; try again." };
    } catch (error) {
      return { ok: false, message: "That did not reach the server: " + String(error) };
    } finally {
      setBusy(false);
    }
  }

  function follow(response) {
    setStatus({ ok: response.ok, message: response.message || "" });
    setOther(response.other_change || null);
    if (response.ok && response.view) {
      setView(response.view);
      setOpened([]);
      setPicked([]);
      setComparison(null);
    }
  }

  async function decide(name, bullet) {
    follow(await post(name, { version_id: view.version_id, role: bullet.role, bullet: bullet.index, text: bullet.text }));
  }

  async function open(versionId) {
    follow(await post("canvas_show", { version_id: versionId }));
  }

  async function compare() {
    const [a, b] = picked;
    const response = await post("canvas_compare", { version_id: a, other_id: b });
    setComparison(response);
  }

  function reveal(id, show) {
    setOpened((now) => show ? (now.includes(id) ? now : [...now, id]) : now.filter((x) => x !== id));
  }

  function toggle(versionId) {
    setPicked((now) => now.includes(versionId)
      ? now.filter((id) => id !== versionId)
      : [...now, versionId].slice(-2));
  }

  if (!view) return <div id="document-canvas">Nothing to show.</div>;
  const score = view.score;
  return (
    <section id="document-canvas" aria-label={"Document canvas: " + view.title} className="flex flex-col gap-3 text-foreground pb-8">
      <header className="space-y-1">
        <h2 id="canvas-title" className="text-base font-semibold">{view.title}{view.job ? " — " + view.job : ""}</h2>
        <p className="text-xs text-muted-foreground">Made by: {view.produced_by}{view.latest ? "" : " (a newer version exists)"}</p>
        <div className="flex flex-wrap gap-2" aria-label="Download this version">
          <Button id="canvas-download-pdf" size="sm" variant="outline" disabled={busy}
                  onClick={async () => follow(await post("download_pdf", { version_id: view.version_id }))}>
            Download PDF
          </Button>
          <Button id="canvas-download-docx" size="sm" variant="outline" disabled={busy}
                  onClick={async () => follow(await post("download_docx", { version_id: view.version_id }))}>
            Download Word
          </Button>
        </div>
        {score && (
          <p id="canvas-score" className="text-sm">
            Match score: {score.before != null ? <span>{score.before} <span aria-hidden="true">→</span><span className="sr-only"> to </span> </span> : null}
            <strong>{score.after}</strong>/100
          </p>
        )}
      </header>

      <div aria-live="polite" id="canvas-status" className="text-sm min-h-[1rem]">
        {status && <span className={status.ok ? "" : "font-semibold"}>{status.ok ? "" : "Not done: "}{status.message}</span>}
      </div>
      {other && (
        <div id="canvas-other-change" className="border border-dashed rounded p-2 space-y-1">
          <div className="text-xs font-semibold">Version {other.version_number} ({other.produced_by}) changed:</div>
          <Rows rows={other.rows} id="canvas-other-rows" />
          <Button size="sm" variant="outline" onClick={() => open(other.version_id)} disabled={busy}>
            Show version {other.version_number}
          </Button>
        </div>
      )}

      {view.kind === "resume" && (
        <div className="flex flex-wrap items-center gap-2">
          <span id="canvas-pending" className="text-sm">
            {view.pending === 0 ? "No changes wait for your decision." : view.pending + " change(s) wait for your decision."}
          </span>
          {view.pending > 0 && view.latest && (
            <Button id="canvas-accept-all" size="sm" onClick={async () => follow(await post("canvas_accept_all", { version_id: view.version_id }))} disabled={busy}>
              Accept all
            </Button>
          )}
        </div>
      )}

      {view.repairs.length > 0 && (
        <details id="canvas-repairs" className="text-xs border rounded p-2">
          <summary className="cursor-pointer font-semibold">Fact check: {view.repairs.length} repair(s)</summary>
          <ul className="list-disc pl-4 mt-1 space-y-1">
            {view.repairs.map((r, i) => (
              <li key={i}>
                {r.removed ? <span>Removed <del className="line-through">{r.removed}</del></span> : <span>Restored</span>}
                {r.kept ? <span>; kept “{r.kept}”</span> : null}
                <span> — {r.why}</span>
              </li>
            ))}
          </ul>
        </details>
      )}

      <article id="canvas-document" aria-label="The document" className="border rounded p-3 bg-card text-card-foreground">
        {view.header && (
          <div className="mb-3">
            <div className="text-lg font-bold">{view.header.name}</div>
            {view.header.contact && <div className="text-xs text-muted-foreground">{view.header.contact}</div>}
            {view.header.banner.length > 0 && (
              <p className={"text-sm mt-1 " + (view.header.banner_changed ? "border-l-4 border-dotted border-muted-foreground pl-2" : "")}>
                {view.header.banner_changed && <Badge kind="summary">Rewritten for the job</Badge>}
                {view.header.banner.join(" ")}
              </p>
            )}
          </div>
        )}
        {(view.sections || []).map((section, i) => (
          <section key={i} aria-label={section.title} className="mb-2">
            <h3 className="text-sm font-bold uppercase tracking-wide border-b mb-1">{section.title}</h3>
            {section.items.map((item, j) => (
              <Item key={j} item={item} opened={opened} reveal={reveal} busy={busy || !view.latest} decide={decide} />
            ))}
          </section>
        ))}
        {view.letter && <Letter letter={view.letter} />}
      </article>

      <section id="canvas-timeline" aria-label="Versions" className="space-y-1">
        <h3 className="text-sm font-semibold">Versions</h3>
        <ul className="list-none pl-0 space-y-1">
          {view.timeline.map((v) => (
            <li key={v.version_id} className="flex items-start gap-2 text-xs" data-current={v.current ? "true" : "false"}>
              <input type="checkbox" className="mt-0.5" id={"canvas-pick-" + v.version_number} checked={picked.includes(v.version_id)}
                     onChange={() => toggle(v.version_id)} />
              <label htmlFor={"canvas-pick-" + v.version_number} className="flex-1 min-w-0">
                <span className="font-semibold">v{v.version_number}</span> {v.produced_by}
                {v.score != null ? ", score " + v.score : ""}{v.current ? " (shown)" : ""}
              </label>
              {!v.current && (
                <Button size="sm" variant="ghost" className="h-6 px-2" onClick={() => open(v.version_id)} disabled={busy}
                        aria-label={"Show version " + v.version_number}>Show</Button>
              )}
            </li>
          ))}
        </ul>
        <Button id="canvas-compare" size="sm" variant="outline" disabled={busy || picked.length !== 2} onClick={compare}>
          Compare the two picked versions
        </Button>
        {comparison && (
          <div id="canvas-comparison" className="border rounded p-2 space-y-1" aria-live="polite">
            <div className="text-xs font-semibold">{comparison.message}</div>
            {comparison.ok && <Rows rows={comparison.rows} id="canvas-comparison-rows" />}
          </div>
        )}
      </section>
    </section>
  );
}
