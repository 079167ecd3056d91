// A Forge host bridge for running a UI Kit frontend in Node (jest): the real @forge/react reconciler sends its
// forgeDoc here, and `invoke` goes to the local runtime. Install it BEFORE importing @forge/bridge or the app,
// which read `self.__bridge` when they load.

export interface ForgeDoc {
  type: string;
  key?: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
}

type BridgeHandler = (data: unknown) => unknown;

export interface NodeBridge {
  readonly doc: ForgeDoc | undefined;
  readonly commands: string[];
  find(type: string, predicate?: (node: ForgeDoc) => boolean): ForgeDoc[];
  text(node?: ForgeDoc): string;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** The first node of `type` whose text contains `text`; throws when there is none. */
  get(type: string, text?: string): ForgeDoc;
  /** Calls a handler prop the way the UI Kit host does: with a serialisable event. */
  fire(node: ForgeDoc, handler: string, value?: unknown): void;
  /**
   * Loads the app entry synchronously and follows only the tree it renders. The reconciler reads `self.__bridge`
   * on every commit, so trees left from earlier loads in the same process would otherwise report here too.
   */
  mount(load: () => unknown): void;
}

/** The event UI Kit hosts pass to onChange/onClick: plain data, no DOM node. */
export function serialisableEvent(type: string, target: Record<string, unknown> = {}) {
  return { type, bubbles: true, cancelable: true, defaultPrevented: false, eventPhase: 2, isTrusted: true, timeStamp: Date.now(), target };
}

export function installNodeBridge(handlers: Record<string, BridgeHandler>): NodeBridge {
  const g = globalThis as Record<string, unknown>;
  g.self ??= g;
  let doc: ForgeDoc | undefined;
  let mounting = false;
  const commands: string[] = [];
  const listeners = new Set<() => void>();
  g.__bridge = {
    callBridge: async (command: string, data: unknown) => {
      commands.push(command);
      if (command === 'reconcile') {
        // The reconciler sends the same mutable tree each commit; its first commit happens inside mount().
        const forgeDoc = (data as { forgeDoc: ForgeDoc }).forgeDoc;
        if (mounting && doc === undefined) doc = forgeDoc;
        if (forgeDoc !== doc) return undefined;
        listeners.forEach((listener) => listener());
        return undefined;
      }
      const handler = handlers[command];
      if (!handler) throw new Error(`node bridge: command '${command}' is not implemented`);
      return handler(data);
    },
  };

  const find = (type: string, predicate: (node: ForgeDoc) => boolean = () => true): ForgeDoc[] => {
    const out: ForgeDoc[] = [];
    const walk = (node: ForgeDoc | undefined) => {
      if (!node) return;
      if (node.type === type && predicate(node)) out.push(node);
      node.children.forEach(walk);
    };
    walk(doc);
    return out;
  };
  const text = (node: ForgeDoc | undefined = doc): string => {
    if (!node) return '';
    if (node.type === 'String') return String(node.props.text ?? '');
    return node.children.map(text).join('');
  };
  const waitFor = async (predicate: () => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`node bridge: timed out; page text: ${text()}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          listeners.delete(done);
          resolve();
        };
        listeners.add(done);
        setTimeout(done, 25);
      });
    }
  };
  const get = (type: string, contains?: string): ForgeDoc => {
    const node = find(type, (n) => contains === undefined || text(n).includes(contains))[0];
    if (!node) throw new Error(`node bridge: no ${type}${contains === undefined ? '' : ` containing "${contains}"`}; page text: ${text()}`);
    return node;
  };
  const fire = (node: ForgeDoc, handler: string, value?: unknown) => {
    const fn = node.props[handler];
    if (typeof fn !== 'function') throw new Error(`node bridge: ${node.type} has no ${handler}`);
    if (handler === 'onClick') fn(serialisableEvent('click'));
    else if (node.type === 'Textfield' || node.type === 'TextArea') fn(serialisableEvent('change', { value, name: node.props.name }));
    else fn(value);
  };
  const mount = (load: () => unknown) => {
    mounting = true;
    try {
      load();
    } finally {
      mounting = false;
    }
    if (!doc) throw new Error('node bridge: the app rendered nothing while loading');
  };
  return {
    get doc() {
      return doc;
    },
    commands,
    find,
    text,
    waitFor,
    get,
    fire,
    mount,
  };
}
