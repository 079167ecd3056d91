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
}

export function installNodeBridge(handlers: Record<string, BridgeHandler>): NodeBridge {
  const g = globalThis as Record<string, unknown>;
  g.self ??= g;
  let doc: ForgeDoc | undefined;
  const commands: string[] = [];
  const listeners = new Set<() => void>();
  g.__bridge = {
    callBridge: async (command: string, data: unknown) => {
      commands.push(command);
      if (command === 'reconcile') {
        // The reconciler sends the same mutable tree each commit.
        doc = (data as { forgeDoc: ForgeDoc }).forgeDoc;
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
  return {
    get doc() {
      return doc;
    },
    commands,
    find,
    text,
    waitFor,
  };
}
