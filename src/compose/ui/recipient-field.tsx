import { useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { ApiClient } from '../../api/transport';
import { useContactSuggestions, type ContactSuggestion } from '../hooks/use-contact-suggestions';
import type { Recipient } from '../model/draft';
import { chosenEmails, endsWithSeparator, insertAt, removeAt } from './recipient-chips';
import { chipFromRecipient, recipientsFromText } from './recipient-text';
import type { MessageKey } from '../../i18n/core';
import { useT } from '../../i18n/react';

export type RecipientFieldName = 'To' | 'Cc' | 'Bcc' | 'Reply-To';

export interface RecipientFieldProps {
  /** The field's accessible name, exactly as the public contract spells it. */
  label: RecipientFieldName;
  /** The field's recipients, flagged entries included (they are the user's text to fix). */
  value: readonly Recipient[];
  onChange(value: Recipient[]): void;
  api: ApiClient;
  /** Moves focus here when the field is revealed by a button. */
  autoFocus?: boolean;
  /** Text to start with in the input (a half-typed entry brought back by a journal restore). */
  initialText?: string;
  /** The input's text changed (the journal keeps half-typed entries across a crash). */
  onTextChange?(text: string): void;
}

/**
 * A recipient field: chips for the entries, a combobox input for typing, pasting and picking from
 * contact suggestions. Chips are derived from the value, so the draft is the one source of truth.
 */
export function RecipientField({ label, value, onChange, api, autoFocus, initialText, onTextChange }: RecipientFieldProps) {
  const id = useId();
  const inputId = `${id}-input`;
  const listboxId = `${id}-listbox`;
  const hintId = `${id}-hint`;
  const invalidId = `${id}-invalid`;
  const inputRef = useRef<HTMLInputElement>(null);
  const chipRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const t = useT();
  // The field's name in the active language; `label` stays the stable identity ('To', 'Cc', …).
  const name = t(FIELD_KEYS[label]);

  const chips = useMemo(() => value.map(chipFromRecipient), [value]);
  const [text, setTextState] = useState(initialText ?? '');
  // What is typed but not yet a chip goes to the journal too (an address half typed at a crash).
  const setText = (next: string) => {
    setTextState(next);
    onTextChange?.(next);
  };
  /** Index the edited chip came from, so committing puts it back in its place. */
  const [editAt, setEditAt] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [activeOption, setActiveOption] = useState(-1);
  const [listOpen, setListOpen] = useState(false);

  const suggestions = useContactSuggestions(api, chosenEmails(chips));
  const options = listOpen ? suggestions.items : [];
  const expanded = options.length > 0;

  const invalidCount = chips.filter((chip) => chip.error).length;

  function commit(next: Recipient[], message: string) {
    onChange(next);
    setAnnouncement(message);
  }

  function commitText(raw: string): boolean {
    const added = recipientsFromText(raw);
    if (added.length === 0) return false;
    const next = insertAt(value, added, editAt ?? value.length);
    setText('');
    suggestions.search('');
    setEditAt(null);
    setActiveOption(-1);
    setListOpen(false);
    const bad = added.filter((recipient) => recipient.valid === false).length;
    commit(next, bad === 0 ? t('recipients.added', { count: added.length }) : t('recipients.addedInvalid', { count: added.length, invalid: bad }));
    return true;
  }

  function pick(option: ContactSuggestion) {
    const [recipient] = recipientsFromText(option.text);
    if (!recipient) return;
    setText('');
    suggestions.search('');
    setActiveOption(-1);
    setListOpen(false);
    const next = insertAt(value, [recipient], editAt ?? value.length);
    setEditAt(null);
    commit(next, t('recipients.addedOne', { address: option.name ? `${option.name} ${option.email}` : option.email }));
    inputRef.current?.focus();
  }

  function removeChip(index: number, focusAfter: 'previous' | 'input') {
    const chip = chips[index];
    if (!chip) return;
    commit(removeAt(value, index), t('recipients.removed', { address: chip.text }));
    if (focusAfter === 'previous' && index > 0) chipRefs.current[index - 1]?.focus();
    else inputRef.current?.focus();
  }

  function editChip(index: number) {
    const chip = chips[index];
    if (!chip) return;
    // A half-typed entry is committed first, so editing a chip never throws text away.
    const pending = text.trim() ? recipientsFromText(text) : [];
    const base = insertAt(value, pending, editAt ?? value.length);
    const at = index >= (editAt ?? value.length) ? index + pending.length : index;
    onChange(removeAt(base, at));
    setEditAt(at);
    setText(chip.text);
    setAnnouncement(t('recipients.editing', { address: chip.text }));
    inputRef.current?.focus();
  }

  function focusChip(index: number) {
    if (index >= chips.length) inputRef.current?.focus();
    else chipRefs.current[Math.max(0, index)]?.focus();
  }

  function onInputKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const mod = event.metaKey || event.ctrlKey;
    // Send, Save and Close act on the window right after this handler: what is typed but not yet a
    // chip goes into the draft first, or it would be left out of what is sent or saved.
    const windowKey = (mod && (event.key === 'Enter' || event.key.toLowerCase() === 's')) || (event.key === 'Escape' && !expanded);
    if (windowKey && text.trim()) commitText(text);
    switch (event.key) {
      case 'ArrowDown':
        if (!suggestions.items.length) return;
        event.preventDefault();
        setListOpen(true);
        setActiveOption((i) => (i + 1) % suggestions.items.length);
        return;
      case 'ArrowUp':
        if (!expanded) return;
        event.preventDefault();
        setActiveOption((i) => (i <= 0 ? options.length - 1 : i - 1));
        return;
      case 'Enter': {
        if (mod) return; // Mod+Enter is the window's Send.
        const option = options[activeOption];
        if (option) {
          event.preventDefault();
          pick(option);
        } else if (text.trim()) {
          event.preventDefault();
          commitText(text);
        }
        return;
      }
      case 'Escape':
        if (expanded) {
          // Closing the suggestions must not also close the window.
          event.preventDefault();
          event.stopPropagation();
          setListOpen(false);
          setActiveOption(-1);
        }
        return;
      case 'Backspace':
        if (!atStart || chips.length === 0) return;
        event.preventDefault();
        if (text === '') editChip(chips.length - 1);
        else focusChip(chips.length - 1);
        return;
      case 'ArrowLeft':
      case 'ArrowRight':
        // Towards the chips: left in a left-to-right layout, right in a right-to-left one.
        if (event.key !== backKey(event.currentTarget) || !atStart || chips.length === 0) return;
        event.preventDefault();
        focusChip(chips.length - 1);
        return;
      default:
    }
  }

  function onChipKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight':
        event.preventDefault();
        focusChip(event.key === backKey(event.currentTarget) ? index - 1 : index + 1);
        return;
      case 'Home':
        event.preventDefault();
        focusChip(0);
        return;
      case 'End':
        event.preventDefault();
        focusChip(chips.length);
        return;
      case 'Backspace':
      case 'Delete':
        event.preventDefault();
        removeChip(index, event.key === 'Backspace' ? 'previous' : 'input');
        return;
      case 'Enter':
      case 'F2':
        if (event.metaKey || event.ctrlKey) return;
        event.preventDefault();
        editChip(index);
        return;
      default:
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData('text/plain');
    // A single word is probably the start of an address: let it land in the input as usual.
    if (!/[,;\n@]/.test(pasted)) return;
    event.preventDefault();
    const input = event.currentTarget;
    const combined = text.slice(0, input.selectionStart ?? text.length) + pasted + text.slice(input.selectionEnd ?? text.length);
    commitText(combined);
  }

  return (
    <div className="recipient-field" data-invalid={invalidCount > 0 || undefined}>
      <label className="field-label" htmlFor={inputId}>
        {name}
      </label>
      <div className="recipient-box" onMouseDown={(e) => e.target === e.currentTarget && (e.preventDefault(), inputRef.current?.focus())}>
        {chips.length > 0 && (
          <ul className="chips" aria-label={t('recipients.list', { field: name })}>
            {chips.map((chip, index) => {
              const errorId = `${id}-chip-${index}-error`;
              return (
                <li key={chip.key} className="chip" data-invalid={chip.error ? true : undefined}>
                  <button
                    type="button"
                    className="chip-body"
                    tabIndex={-1}
                    ref={(el) => {
                      chipRefs.current[index] = el;
                    }}
                    aria-describedby={chip.error ? `${errorId} ${hintId}` : hintId}
                    onKeyDown={(e) => onChipKeyDown(e, index)}
                    onDoubleClick={() => editChip(index)}
                    title={chip.error ?? chip.email}
                  >
                    {chip.text}
                  </button>
                  <button type="button" className="chip-remove" tabIndex={-1} aria-label={t('recipients.remove', { address: chip.email ?? chip.text })} onClick={() => removeChip(index, 'input')}>
                    ×
                  </button>
                  {chip.error && (
                    <span className="chip-error" id={errorId}>
                      {chip.error}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <input
          ref={inputRef}
          id={inputId}
          className="recipient-input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && activeOption >= 0 ? `${listboxId}-${activeOption}` : undefined}
          aria-invalid={invalidCount > 0 || undefined}
          aria-describedby={invalidCount > 0 ? invalidId : undefined}
          value={text}
          onChange={(e) => {
            const next = e.target.value;
            if (endsWithSeparator(next) || next.includes('\n')) {
              if (!commitText(next.slice(0, -1))) setText('');
              return;
            }
            setText(next);
            suggestions.search(next);
            setListOpen(true);
            setActiveOption(-1);
          }}
          onKeyDown={onInputKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            setListOpen(false);
            if (text.trim()) commitText(text);
          }}
        />
      </div>
      <ul id={listboxId} role="listbox" aria-label={t('recipients.suggestions', { field: name })} className="suggestions" hidden={!expanded}>
        {options.map((option, index) => (
          <li
            key={option.key}
            id={`${listboxId}-${index}`}
            role="option"
            aria-selected={index === activeOption}
            className="suggestion"
            // mousedown, not click: the input's blur would otherwise commit the half-typed text first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(option);
            }}
          >
            {option.name ? (
              <>
                <span className="suggestion-name">{option.name}</span> <span className="suggestion-email">{option.email}</span>
              </>
            ) : (
              option.email
            )}
          </li>
        ))}
      </ul>
      <span id={hintId} className="visually-hidden">
        {t('recipients.hint')}
      </span>
      {invalidCount > 0 && (
        <span id={invalidId} className="visually-hidden">
          {t('recipients.invalidCount', { count: invalidCount })}
        </span>
      )}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}

const FIELD_KEYS: Record<RecipientFieldName, MessageKey> = { To: 'field.to', Cc: 'field.cc', Bcc: 'field.bcc', 'Reply-To': 'field.replyTo' };

/** The arrow key that points back towards the chips (and the start of the line) in this layout. */
const backKey = (element: HTMLElement) => (getComputedStyle(element).direction === 'rtl' ? 'ArrowRight' : 'ArrowLeft');
