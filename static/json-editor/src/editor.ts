// The CodeMirror 6 editor: JSON language, line numbers, folding, bracket matching, schema completion, diagnostics
// pushed from analyse() (the same ones the change message carries), and Mod-Shift-f to pretty-print.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, startCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, Compartment, EditorState, Transaction, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers, placeholder, type Command } from '@codemirror/view';
import { analyse, type Analysis, type LocatedDiagnostic } from './diagnostics';
import { prettyPrintEdits } from './format';
import { compileSchema, type CompiledSchema } from './schema-validation';
import { schemaCompletions, type SchemaCompletionItem } from './schema-completion';
import { atlassianHighlighting, atlassianTheme } from './theme';

/** Marks the transactions of a load, which are not user edits and must not be reported back. */
const fromLoad = Annotation.define<boolean>();

export interface EditorSettings {
  schema?: Record<string, unknown>;
  readOnly?: boolean;
}

export interface EditorContent extends EditorSettings {
  text: string;
}

export interface JsonEditorOptions {
  parent: HTMLElement;
  /** The shadow root the editor lives in (see index.ts: why a shadow root). */
  root?: ShadowRoot;
  /** Called on each document change made by the user (typing, paste, undo, format, completion); not for loads. */
  onUserEdit(): void;
  /** Polite screen-reader announcements (format done or refused). */
  announce(message: string): void;
  /** Id of the element that describes the keyboard shortcuts. */
  describedBy?: string;
}

export interface JsonEditor {
  view: EditorView;
  /**
   * Replaces the text, schema and read-only state; the undo history keeps the change, and no edit is reported.
   * Call check() after it: the problems shown are those of the new text under the new schema.
   */
  load(content: EditorContent): void;
  /** Replaces the schema and read-only state, keeping the text, the selection and the undo history. */
  configure(settings: EditorSettings): void;
  /** Validates the current text and shows its problems in the editor. */
  check(): Analysis;
  text(): string;
}

function toCmDiagnostic(d: LocatedDiagnostic): Diagnostic {
  return { from: d.from, to: d.to, severity: 'error', source: d.source === 'syntax' ? 'JSON' : 'Schema', message: d.message };
}

function completionSource(schema: Record<string, unknown>) {
  const toOption = (item: SchemaCompletionItem): Completion => ({
    label: item.label,
    detail: item.detail,
    info: item.info,
    boost: item.boost,
    type: item.kind === 'property' ? 'property' : 'constant',
    apply: (view, _completion, from, to) => {
      view.dispatch({
        changes: { from, to, insert: item.insert },
        selection: { anchor: from + item.insert.length },
        userEvent: 'input.complete',
        scrollIntoView: true,
      });
      // After a key, offer its values at once (the list closes when a completion is applied).
      if (item.suggestsValues) setTimeout(() => startCompletion(view), 0);
    },
  });
  return (context: CompletionContext): CompletionResult | null => {
    const result = schemaCompletions(schema, context.state.doc.toString(), context.pos, context.explicit);
    return result ? { from: result.from, to: result.to, options: result.items.map(toOption) } : null;
  };
}

/**
 * Typing over a selection that spans lines is done by the editor, not the browser. Chromium's own editing would join
 * the lines' elements and copy their computed style into `style` attributes, which Forge's CSP (style-src without
 * 'unsafe-inline') refuses: one violation report per joined line. The text goes through the same input handlers
 * (closeBrackets) a typed character does. (Enter, Backspace, Delete, cut and paste are CodeMirror's commands already.)
 */
const typeOverLines = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const text = event.data;
    const { main } = view.state.selection;
    if (event.inputType !== 'insertText' || !text || view.composing || view.state.doc.lineAt(main.from).to >= main.to) return false;
    let typed: Transaction | undefined;
    const insert = () => (typed ??= view.state.update(view.state.replaceSelection(text), { userEvent: 'input.type', scrollIntoView: true }));
    if (!view.state.facet(EditorView.inputHandler).some((handler) => handler(view, main.from, main.to, text, insert))) view.dispatch(insert());
    return true;
  },
});

export function createJsonEditor({ parent, root, onUserEdit, announce, describedBy }: JsonEditorOptions): JsonEditor {
  const schemaConfig = new Compartment();
  const readOnlyConfig = new Compartment();
  let compiled: CompiledSchema | undefined;

  const check = (): Analysis => {
    const analysis = analyse(view.state.doc.toString(), compiled);
    view.dispatch(setDiagnostics(view.state, analysis.diagnostics.map(toCmDiagnostic)));
    return analysis;
  };

  const format: Command = (target) => {
    if (target.state.readOnly) return false;
    const edits = prettyPrintEdits(target.state.doc.toString());
    if (!edits) {
      announce('Not formatted: the text is not valid JSON yet.');
      return true;
    }
    if (edits.length > 0) target.dispatch({ changes: edits, userEvent: 'format', scrollIntoView: true });
    announce('Formatted.');
    return true;
  };

  const readOnlyExtensions = (readOnly: boolean, hint: string): Extension => [
    EditorState.readOnly.of(readOnly),
    readOnly ? EditorView.contentAttributes.of({ 'aria-readonly': 'true' }) : [],
    hint ? placeholder(hint) : [],
  ];

  const schemaExtensions = (schema: Record<string, unknown> | undefined, readOnly: boolean): Extension =>
    schema && !readOnly ? autocompletion({ override: [completionSource(schema)], icons: false }) : [];

  const extensions: Extension[] = [
    lineNumbers(),
    foldGutter(),
    lintGutter(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    typeOverLines,
    json(),
    EditorState.tabSize.of(2),
    keymap.of([
      { key: 'Mod-Shift-f', run: format, preventDefault: true },
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      ...lintKeymap,
      // Tab indents. Keyboard users leave the editor with Escape then Tab (CodeMirror's built-in escape hatch),
      // or Ctrl-m / Shift-Alt-m (macOS) to toggle tab focus mode; the help text the content points to says so (index.ts).
      indentWithTab,
    ]),
    EditorView.contentAttributes.of({
      'aria-label': 'JSON value',
      'aria-multiline': 'true',
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    }),
    atlassianTheme,
    atlassianHighlighting,
    schemaConfig.of([]),
    // Read-only until the first load, so nothing typed before the page has said what to edit can get lost.
    readOnlyConfig.of(readOnlyExtensions(true, 'Loading…')),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromLoad))) onUserEdit();
    }),
  ];

  const view: EditorView = new EditorView({ parent, root, state: EditorState.create({ doc: '', extensions }) });

  const settingsEffects = ({ schema, readOnly = false }: EditorSettings) => {
    compiled = schema ? compileSchema(schema) : undefined;
    return [
      schemaConfig.reconfigure(schemaExtensions(schema, readOnly)),
      readOnlyConfig.reconfigure(readOnlyExtensions(readOnly, readOnly ? '' : 'Enter a JSON value')),
    ];
  };

  let loads = 0;
  const load = ({ text, ...settings }: EditorContent) => {
    // The first load is where editing starts: undo must not go back past it to the empty editor. A later load (the
    // page's Format or Minify, a reload) is one undo step of its own, so Mod-z brings back the text before it.
    const firstLoad = loads === 0;
    loads += 1;
    const current = view.state.doc.toString();
    view.dispatch({
      changes: current === text ? undefined : { from: 0, to: current.length, insert: text },
      // Keep the cursor where it was, as far as the new text allows.
      selection: { anchor: Math.min(view.state.selection.main.head, text.length) },
      effects: settingsEffects(settings),
      annotations: [fromLoad.of(true), firstLoad ? Transaction.addToHistory.of(false) : isolateHistory.of('full')],
    });
  };

  const configure = (settings: EditorSettings) => {
    view.dispatch({ effects: settingsEffects(settings), annotations: fromLoad.of(true) });
  };

  return { view, load, configure, check, text: () => view.state.doc.toString() };
}
