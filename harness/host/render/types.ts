/** A node of the tree @forge/react's reconciler sends with `reconcile` (text is `{ type: 'String', props: { text } }`). */
export interface ForgeDoc {
  type: string;
  key?: string;
  props: Record<string, any>;
  children: ForgeDoc[];
}

/** Every renderer is a React component of its node, so it may keep state (a text field's caret, a fetched user). */
export type NodeComponent = (props: { node: ForgeDoc }) => React.ReactNode;
