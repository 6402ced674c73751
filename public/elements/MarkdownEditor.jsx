// Side-panel editor for a resume version's Markdown. Saving posts the text to the server
// (action "save_markdown"), which parses it: problems come back by line and nothing is saved,
// or the text becomes a new version. The server re-checks that the version is the person's.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";

export default function MarkdownEditor() {
  const [text, setText] = useState(props.markdown || "");
  // Further saves continue from the version just made (kept here, not in the element's props).
  const [versionId, setVersionId] = useState(props.version_id);
  const [title, setTitle] = useState(props.title);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);

  async function save() {
    setBusy(true);
    try {
      const answer = await callAction({
        name: "save_markdown",
        payload: { version_id: versionId, markdown: text },
      });
      const response = answer && answer.response;
      setResult(response || { ok: false, message: "No answer from the server; try again.", problems: [] });
      if (response && response.ok) {
        setVersionId(response.version_id);
        setTitle(response.title);
      }
    } catch (error) {
      setResult({ ok: false, message: "Saving failed: " + String(error), problems: [] });
    } finally {
      setBusy(false);
    }
  }

  const problems = (result && result.problems) || [];
  return (
    <div id="markdown-editor" className="flex flex-col gap-2 h-full">
      <div className="text-sm font-medium">{title}</div>
      <Textarea
        id="markdown-editor-text"
        className="font-mono text-xs min-h-[420px] flex-grow"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="flex gap-2 items-center">
        <Button id="markdown-editor-save" onClick={save} disabled={busy}>
          {busy ? "Saving…" : "Save as new version"}
        </Button>
        {result && (
          <span id="markdown-editor-status" className={result.ok ? "text-sm text-green-600" : "text-sm text-red-600"}>
            {result.message}
          </span>
        )}
      </div>
      {problems.length > 0 && (
        <ul id="markdown-editor-problems" className="text-xs list-disc pl-4">
          {problems.map((p, i) => (
            <li key={i} className={p.severity === "error" ? "text-red-600" : "text-muted-foreground"}>
              {p.line ? "Line " + p.line + ": " : ""}{p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
