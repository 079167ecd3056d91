// The forgeDoc → React machinery every component group uses: the registry, child rendering, props that carry React
// elements, and the serialisable events UI Kit hands to an app's handlers.
import React, { useEffect, useState } from 'react';
import { token } from '@atlaskit/tokens';
import { reportHostError } from '../host-errors';
import type { ForgeDoc, NodeComponent } from './types';

const registry = new Map<string, NodeComponent>();

export function registerComponents(components: Record<string, NodeComponent>): void {
  for (const [type, component] of Object.entries(components)) registry.set(type, component);
}

export const supportedTypes = (): string[] => [...registry.keys()].sort();

/** Renders one node. React keys are the forgeDoc keys, stable across commits, so inputs keep focus and caret. */
export function renderNode(node: ForgeDoc, fallbackKey?: string | number): React.ReactNode {
  if (node.type === 'String') return node.props.text as string;
  const Component = registry.get(node.type) ?? Unsupported;
  return <Component key={node.key ?? fallbackKey} node={node} />;
}

export const renderChildren = (node: ForgeDoc): React.ReactNode[] => node.children.map((child, i) => renderNode(child, i));

/** The plain text of a subtree (for props Atlaskit wants as a string). */
export function textOf(node: ForgeDoc): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  return node.children.map(textOf).join('');
}

const isReactElement = (value: unknown): value is React.ReactElement =>
  typeof value === 'object' && value !== null && (value as { $$typeof?: unknown }).$$typeof === Symbol.for('react.element');

/**
 * Some UI Kit props take React elements (EmptyState's primaryAction, DynamicTable's emptyView, SectionMessage's
 * actions, Textfield's elemAfterInput). The reconciler passes them through untouched: elements of UI Kit's string
 * types, built by the app's own React. Turn them into forgeDoc nodes and render those.
 */
export function elementToDocs(value: unknown, keyPrefix: string): ForgeDoc[] {
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (typeof value === 'string' || typeof value === 'number') return [{ type: 'String', props: { text: String(value) }, children: [] }];
  if (Array.isArray(value)) return value.flatMap((item, i) => elementToDocs(item, `${keyPrefix}.${i}`));
  if (!isReactElement(value)) {
    reportHostError('unsupported-component', `a prop holds a value the host cannot render: ${JSON.stringify(value)?.slice(0, 200)}`);
    return [];
  }
  const key = `${keyPrefix}:${value.key ?? ''}`;
  const { children, ...props } = (value.props ?? {}) as Record<string, unknown>;
  if (typeof value.type === 'string') return [{ type: value.type, key, props, children: elementToDocs(children, key) }];
  if (typeof value.type === 'function') {
    // An app component inside a prop: evaluate it once, as @forge/react's DynamicTable does for cell content.
    return elementToDocs((value.type as (p: unknown) => unknown)(value.props), key);
  }
  return elementToDocs(children, key); // Fragment
}

export function renderProp(value: unknown, keyPrefix: string): React.ReactNode {
  if (value === null || value === undefined || value === false) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  const nodes = elementToDocs(value, keyPrefix).map((doc, i) => renderNode(doc, i));
  return nodes.length === 1 ? nodes[0] : nodes;
}

/** The event UI Kit passes to handlers: plain data only, like the real bridge (which must serialise it). */
export interface SerialisableEvent {
  bubbles: boolean;
  cancelable: boolean;
  defaultPrevented: boolean;
  eventPhase: number;
  isTrusted: boolean;
  type: string;
  timeStamp: number;
  target: {
    value?: unknown;
    checked?: boolean;
    name?: string;
    id?: string;
    tagName?: string;
    type?: string;
    selectionStart?: number | null;
    selectionEnd?: number | null;
  };
}

type EventLike = { type?: string; timeStamp?: number; bubbles?: boolean; cancelable?: boolean; defaultPrevented?: boolean; eventPhase?: number; isTrusted?: boolean; currentTarget?: unknown; target?: unknown };

function selection(element: HTMLInputElement, field: 'selectionStart' | 'selectionEnd'): number | null {
  try {
    return element[field];
  } catch {
    return null;
  }
}

export function serialisableEvent(event: EventLike | undefined, overrides: Partial<SerialisableEvent['target']> = {}): SerialisableEvent {
  const element = ((event?.currentTarget ?? event?.target) ?? {}) as HTMLInputElement;
  const isElement = typeof element.tagName === 'string';
  return {
    bubbles: event?.bubbles ?? true,
    cancelable: event?.cancelable ?? true,
    defaultPrevented: event?.defaultPrevented ?? false,
    eventPhase: event?.eventPhase ?? 2,
    isTrusted: event?.isTrusted ?? true,
    type: event?.type ?? 'change',
    timeStamp: event?.timeStamp ?? Date.now(),
    target: {
      ...(isElement
        ? {
            value: element.value,
            checked: element.checked,
            name: element.name,
            id: element.id,
            tagName: element.tagName,
            type: element.type,
            selectionStart: selection(element, 'selectionStart'),
            selectionEnd: selection(element, 'selectionEnd'),
          }
        : {}),
      ...overrides,
    },
  };
}

/** Calls an app handler if there is one. Handlers live in the app's bundle; they are plain functions here. */
export function call(handler: unknown, ...args: unknown[]): void {
  if (typeof handler === 'function') handler(...args);
}

/**
 * A controlled value mirrored locally. The app answers an input's change with a new forgeDoc, and until it does the
 * field shows what was typed (so the caret never jumps); whenever the app sends a different value, that value wins.
 */
export function useMirroredValue<T>(propValue: T): [T, (value: T) => void] {
  const [state, setState] = useState({ fromProp: propValue, value: propValue });
  if (!Object.is(state.fromProp, propValue)) {
    setState({ fromProp: propValue, value: propValue });
    return [propValue, (value) => setState((s) => ({ ...s, value }))];
  }
  return [state.value, (value) => setState((s) => ({ ...s, value }))];
}

/** Props with the undefined ones dropped, so Atlaskit defaults apply. */
export function defined<T extends Record<string, unknown>>(props: T): Partial<T> {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function Unsupported({ node }: { node: ForgeDoc }) {
  const message = `Unsupported UI Kit component: ${node.type}`;
  useEffect(() => reportHostError('unsupported-component', message), [message]);
  return (
    <div
      data-testid="forge-host-unsupported"
      data-forge-type={node.type}
      role="alert"
      style={{
        border: `2px solid ${token('color.border.danger')}`,
        background: token('color.background.danger'),
        color: token('color.text.danger'),
        padding: token('space.100'),
        borderRadius: token('radius.small'),
        font: token('font.body'),
      }}
    >
      <strong>{message}</strong>
      {node.children.length > 0 && <div>{renderChildren(node)}</div>}
    </div>
  );
}
