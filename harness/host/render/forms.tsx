// Form fields outside a Form: Textfield, TextArea, Label, HelperMessage, ErrorMessage, ValidMessage, RequiredAsterisk,
// Select, Toggle, Checkbox.
import React from 'react';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk, ValidMessage } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Toggle from '@atlaskit/toggle';
import { Checkbox } from '@atlaskit/checkbox';
import { call, defined, renderChildren, renderProp, serialisableEvent, useMirroredValue } from './core';
import type { ForgeDoc, NodeComponent } from './types';

/** Props every text input passes through unchanged. */
function inputProps(p: Record<string, any>) {
  return defined({
    id: p.id,
    name: p.name,
    placeholder: p.placeholder,
    appearance: p.appearance,
    isCompact: p.isCompact,
    isDisabled: p.isDisabled,
    isInvalid: p.isInvalid,
    isReadOnly: p.isReadOnly,
    isRequired: p.isRequired,
    isMonospaced: p.isMonospaced,
    autoFocus: p.autoFocus,
    maxLength: p.maxLength,
    minLength: p.minLength,
    testId: p.testId,
    'aria-label': p['aria-label'],
    'aria-invalid': p['aria-invalid'],
    'aria-labelledby': p['aria-labelledby'],
    'aria-describedby': p['aria-describedby'],
  });
}

/** Text input state: controlled through a local mirror when the app passes `value`, else uncontrolled. */
function useTextInput(node: ForgeDoc) {
  const p = node.props;
  const controlled = p.value !== undefined;
  const [value, setValue] = useMirroredValue<string>(controlled ? String(p.value) : '');
  return {
    ...(controlled ? { value } : p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
    onChange: (event: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (controlled) setValue(event.currentTarget.value);
      call(p.onChange, serialisableEvent(event));
    },
    onBlur: (event: React.FocusEvent) => call(p.onBlur, serialisableEvent(event)),
    onFocus: (event: React.FocusEvent) => call(p.onFocus, serialisableEvent(event)),
  };
}

function TextfieldNode({ node }: { node: ForgeDoc }) {
  const p = node.props;
  const state = useTextInput(node);
  return (
    <Textfield
      {...inputProps(p)}
      {...defined({ type: p.type, width: p.width, min: p.min, max: p.max, pattern: p.pattern })}
      elemAfterInput={renderProp(p.elemAfterInput, `${node.key}.after`)}
      elemBeforeInput={renderProp(p.elemBeforeInput, `${node.key}.before`)}
      {...state}
    />
  );
}

function TextAreaNode({ node }: { node: ForgeDoc }) {
  const p = node.props;
  const state = useTextInput(node);
  return (
    <TextArea
      {...inputProps(p)}
      {...defined({ minimumRows: p.minimumRows, maxHeight: p.maxHeight, resize: p.resize, spellCheck: p.spellCheck })}
      {...state}
    />
  );
}

/** Toggle and Checkbox: `isChecked` mirrored locally like a text value. */
function useCheckable(node: ForgeDoc) {
  const p = node.props;
  const controlled = p.isChecked !== undefined;
  const [checked, setChecked] = useMirroredValue<boolean>(controlled ? Boolean(p.isChecked) : false);
  return {
    ...(controlled ? { isChecked: checked } : p.defaultChecked !== undefined ? { defaultChecked: Boolean(p.defaultChecked) } : {}),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      if (controlled) setChecked(event.currentTarget.checked);
      call(p.onChange, serialisableEvent(event));
    },
    onBlur: (event: React.FocusEvent<HTMLInputElement>) => call(p.onBlur, serialisableEvent(event)),
    onFocus: (event: React.FocusEvent<HTMLInputElement>) => call(p.onFocus, serialisableEvent(event)),
  };
}

function ToggleNode({ node }: { node: ForgeDoc }) {
  const p = node.props;
  const state = useCheckable(node);
  return <Toggle {...defined({ id: p.id, name: p.name, value: p.value, label: p.label, size: p.size, isDisabled: p.isDisabled, testId: p.testId })} {...state} />;
}

function CheckboxNode({ node }: { node: ForgeDoc }) {
  const p = node.props;
  const state = useCheckable(node);
  return (
    <Checkbox
      {...defined({
        id: p.id,
        name: p.name,
        value: p.value,
        isDisabled: p.isDisabled,
        isIndeterminate: p.isIndeterminate,
        isInvalid: p.isInvalid,
        isRequired: p.isRequired,
        testId: p.testId,
        'aria-invalid': p['aria-invalid'],
        'aria-labelledby': p['aria-labelledby'],
      })}
      label={renderProp(p.label, `${node.key}.label`) as React.ReactChild | undefined}
      {...state}
    />
  );
}

// Select hands the app the chosen option object (or array, or null), as UI Kit's Select does.
function SelectNode({ node }: { node: ForgeDoc }) {
  const p = node.props;
  return (
    <Select
      {...defined({
        id: p.id,
        inputId: p.inputId,
        name: p.name,
        options: p.options,
        value: p.value,
        defaultValue: p.defaultValue,
        placeholder: p.placeholder,
        appearance: p.appearance,
        spacing: p.spacing,
        isClearable: p.isClearable,
        isDisabled: p.isDisabled,
        isInvalid: p.isInvalid,
        isLoading: p.isLoading,
        isMulti: p.isMulti,
        isSearchable: p.isSearchable,
        isRequired: p.isRequired,
        autoFocus: p.autoFocus,
        closeMenuOnScroll: p.closeMenuOnScroll,
        closeMenuOnSelect: p.closeMenuOnSelect,
        defaultInputValue: p.defaultInputValue,
        inputValue: p.inputValue,
        defaultMenuIsOpen: p.defaultMenuIsOpen,
        menuIsOpen: p.menuIsOpen,
        openMenuOnFocus: p.openMenuOnFocus,
        testId: p.testId,
        'aria-label': p['aria-label'],
      })}
      onChange={(value: unknown) => call(p.onChange, value)}
      onInputChange={(value: string, meta: unknown) => call(p.onInputChange, value, meta)}
      onBlur={(event: React.FocusEvent<HTMLElement>) => call(p.onBlur, serialisableEvent(event))}
      onFocus={(event: React.FocusEvent<HTMLElement>) => call(p.onFocus, serialisableEvent(event))}
    />
  );
}

export const formComponents: Record<string, NodeComponent> = {
  Textfield: TextfieldNode,
  TextArea: TextAreaNode,
  Toggle: ToggleNode,
  Checkbox: CheckboxNode,
  Select: SelectNode,
  // The reconciler has already prefixed labelFor like the field's id, so they still match.
  Label: ({ node }) => (
    <Label htmlFor={node.props.labelFor} {...defined({ id: node.props.id, testId: node.props.testId })}>
      {renderChildren(node)}
    </Label>
  ),
  HelperMessage: ({ node }) => <HelperMessage {...defined({ testId: node.props.testId })}>{renderChildren(node)}</HelperMessage>,
  ErrorMessage: ({ node }) => <ErrorMessage {...defined({ testId: node.props.testId })}>{renderChildren(node)}</ErrorMessage>,
  ValidMessage: ({ node }) => <ValidMessage {...defined({ testId: node.props.testId })}>{renderChildren(node)}</ValidMessage>,
  RequiredAsterisk: () => <RequiredAsterisk />,
};
